/** Bulk import of event and transaction files (`npm run import`). */
export { readCsv } from './file-source';
export { TransactionMapping, checkTransactionHeader, type TransactionColumns } from './transactions.mapping';
