import type { Services } from '../app/services';

/** Placeholder until the generator lands: fills a brand-new database with demo data. */
export async function seedDemoDataIfEmpty(services: Services, log: (m: string) => void): Promise<void> {
  const { rows } = await services.db.query<{ n: number }>('select count(*)::int as n from profiles');
  if (rows[0].n > 0) return;
  log('demo data generator not available yet');
}
