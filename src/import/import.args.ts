import { parseCommandLine, UsageError } from '../common';
import type { ImportOptions } from './import.service';
import type { TransactionColumns } from './transactions.mapping';

export const USAGE = `Usage: npm run import -- <file> [options]
       node dist/src/import/import.cli.js <file> [options]

  <file>                 .csv, .ndjson or .jsonl, optionally .gz
  --mapping <m>          for CSV: "events" (columns name Segment fields, the default)
                         or "transactions" (one row per order line)
  --batch <n>            events per ingestion batch (default 500)
  --json                 print the summary as JSON instead of a table

  transactions mapping, column names (defaults fit the UCI Online Retail log):
  --order invoice  --customer customer_id  --product stock_code  --quantity quantity
  --price unit_price  --time invoice_date  --name description  --country country
  --currency GBP

Connects to DATABASE_URL, else starts the embedded PostgreSQL under DATA_DIR (.data/).`;

const COLUMN_OPTIONS: (keyof TransactionColumns)[] = ['order', 'customer', 'product', 'quantity', 'price', 'time', 'name', 'country'];

export interface ImportArgs extends Omit<ImportOptions, 'onProgress'> {
  json: boolean;
  help: boolean;
}

export function parseImportArgs(argv: string[]): ImportArgs {
  const { values, positionals } = parseCommandLine(argv, {
    mapping: { type: 'string' },
    batch: { type: 'string' },
    currency: { type: 'string' },
    json: { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
    ...Object.fromEntries(COLUMN_OPTIONS.map((c) => [c, { type: 'string' as const }])),
  });
  if (values.help) return { file: '', json: false, help: true };
  if (positionals.length !== 1) throw new UsageError(positionals.length ? 'give exactly one file' : 'no file given');
  const mapping = values.mapping as string | undefined;
  if (mapping !== undefined && mapping !== 'transactions' && mapping !== 'events') throw new UsageError(`--mapping must be "transactions" or "events", not ${JSON.stringify(mapping)}`);
  const batch = values.batch === undefined ? undefined : Number(values.batch);
  if (batch !== undefined && (!Number.isInteger(batch) || batch < 1)) throw new UsageError(`--batch must be a positive whole number, not ${JSON.stringify(values.batch)}`);
  const columns: Partial<TransactionColumns> = {};
  const named = values as Record<string, string | boolean | undefined>;
  for (const c of COLUMN_OPTIONS) if (typeof named[c] === 'string') columns[c] = named[c] as string;
  if (Object.keys(columns).length && mapping !== 'transactions') throw new UsageError(`column options (--${Object.keys(columns).join(', --')}) apply to --mapping transactions`);
  return {
    file: positionals[0],
    mapping,
    batchSize: batch,
    columns,
    currency: values.currency as string | undefined,
    json: !!values.json,
    help: false,
  };
}
