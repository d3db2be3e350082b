/** Monthly partitions of `events`: made ahead, by ingest for new months, by loaders; retention drops old months. */
export { EventPartitions, type EventPartitionsConfig, type PartitionUpkeep } from './event-partitions.service';
