/** The one ingestion path: normalization, deduplication and the batch transaction. */
export { ORDER_COMPLETED, type EventType, type NormalizedEvent, type RejectedEvent } from './event.model';
export { IngestResolver } from './ingest.resolver';
export { IngestService, type IngestedBatch, type IngestOutcome, type RejectReason } from './ingest.service';
export { senderOf } from './sender';
