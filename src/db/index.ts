/** PostgreSQL: the pool, transactions, bound parameters, migrations and the embedded default. */
export { Database, queryWithGenericPlan, statementName, type Queryable } from './database';
export { classifyDatabaseError, type DatabaseFailure } from './failures';
export { DatabaseOutage } from './outage';
export { ReadReplicas, primaryReads, parseLsn, type Reads, type ReadReplicaSettings, type ReplicaStatus, type ReadRoute } from './read-replicas';
export { withReadSession, currentReadSession, type ReadSession } from './read-session';
export { openDatabase, type OpenDatabaseLog, type OpenedDatabase } from './open-database';
export { initOrm, migrate } from './orm';
export { SqlParams } from './sql-params';
export { analyzeAfterBulkLoad } from './bulk-load';
export { checkDistributable, citusStatements, DECLARED_DISTRIBUTION, type DistributionViolation } from './distribution';
export { serverAccepts } from './server-accepts';
