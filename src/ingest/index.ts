/** The one ingestion path: normalization, deduplication and the batch transaction. */
export { ORDER_COMPLETED, type EventType, type NormalizedEvent } from './event.model';
export { IngestResolver } from './ingest.resolver';
export { IngestService, type IngestedBatch, type IngestOutcome } from './ingest.service';
export { senderOf } from './sender';
