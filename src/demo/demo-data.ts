import type { Services } from '../app';
import { analyzeAfterBulkLoad } from '../db';
import { generateDemoData, type DemoOptions } from './demo-data.generator';

const BATCH = 500;

/**
 * Fills a brand-new database with a generated retail history (see
 * demo-data.generator.ts) so newcomers meet profiles, orders and merges at once. It
 * goes through the same ingestion path as live traffic, so stats and segments come
 * out as they would in production. Sized to finish in well under a minute on two cores.
 */
/** Returns whether it seeded (false when the database already had profiles). */
export async function seedDemoDataIfEmpty(services: Services, log: (m: string) => void, options: DemoOptions = {}): Promise<boolean> {
  const { rows } = await services.db.query<{ found: boolean }>('select exists (select 1 from profiles) as found');
  if (rows[0].found) return false;
  const started = Date.now();
  const { messages, summary } = generateDemoData(options);
  let accepted = 0;
  for (let i = 0; i < messages.length; i += BATCH) {
    const events = services.ingest.normalize(messages.slice(i, i + BATCH), { source: 'demo' }, 'events');
    accepted += (await services.ingest.ingest(events)).accepted;
  }
  await analyzeAfterBulkLoad(services.db);
  // So the first recommendations query already has popularity, similarities and every visitor's list.
  const refreshed = await services.recommendations.refresh();
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  log(
    `demo data: ${summary.customers} customers (${summary.anonymousThenSignup} browsed anonymously before signing up, ${summary.newDevice} merged from a second device), ` +
      `${summary.visitors} anonymous visitors, ${summary.orders} orders, ${accepted} events from ${summary.from.slice(0, 10)} to ${summary.to.slice(0, 10)}, ` +
      `recommendations for ${refreshed.visitorLists} visitors, in ${seconds} s`,
  );
  return true;
}
