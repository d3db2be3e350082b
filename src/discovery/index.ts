/** Discovery: segments found by clustering the buyers, each explained as a segment definition. */
export { DiscoveryResolver } from './discovery.resolver';
export { DiscoveryService } from './discovery.service';
export { DiscoveryJobs, FAIL_ABANDONED } from './discovery-jobs';
