import pino from 'pino';
import { loadConfig } from '../src/config';
import type { Database } from '../src/db/database';
import { bootstrap, type Runtime } from '../src/app/bootstrap';
import { ensureBuiltInSegments } from '../src/scoring/built-in-segments';

export interface BenchApp {
  app: Runtime;
  db: Database;
  graphqlUrl: string;
  adminKey: string;
  /** Resolves once no statement has been running or waiting on the pool for a while (requests cut off by the load generator finish). */
  settle(): Promise<void>;
  close(): Promise<void>;
}

/** The real server as `npm start` builds it (built-in segments included; minus embedded/demo logic), with a database pool of 8, on a free port. */
export async function startBenchApp(url: string, poolSize = 8, database?: Database): Promise<BenchApp> {
  // The scheduler stays off unless SCHEDULER_ENABLED says otherwise: a periodic job firing
  // mid-run would make figures depend on when it fired.
  const config = loadConfig({
    ...process.env,
    DATABASE_URL: url,
    LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'warn',
    DEMO_DATA: 'false',
    SCHEDULER_ENABLED: process.env.SCHEDULER_ENABLED ?? 'false',
    DATABASE_POOL_SIZE: String(poolSize),
  });
  const app = await bootstrap(config, { logger: pino({ level: config.logLevel }), pool: database });
  const db = app.database.db;
  const graphqlUrl = (await app.listen(0, '127.0.0.1')).replace('localhost', '127.0.0.1');
  const { secret: adminKey } = await app.services.apiKeys.create('bench admin', ['admin']);
  // A refresh start-up began (recommendation tables empty) must not run during a measured run.
  await app.services.recommendations.caughtUp();
  // As main.ts does on start: ingest then evaluates them in real time for new profiles.
  await ensureBuiltInSegments(app.services);
  return {
    app,
    db,
    graphqlUrl,
    adminKey,
    settle: () => poolSettled(db),
    close: () => app.close(),
  };
}

export function poolSettled(db: { pool: { totalCount: number; idleCount: number; waitingCount: number } }): Promise<void> {
  return untilQuiet(() => {
    const { totalCount, idleCount, waitingCount } = db.pool;
    return totalCount === idleCount && waitingCount === 0;
  }, 5);
}

/** Resolves once `isQuiet` has held at `polls` checks in a row, 100 ms apart (gives up after a minute). */
export async function untilQuiet(isQuiet: () => boolean | Promise<boolean>, polls: number): Promise<void> {
  let quiet = 0;
  for (let i = 0; i < 600 && quiet < polls; i++) {
    await new Promise((r) => setTimeout(r, 100));
    quiet = (await isQuiet()) ? quiet + 1 : 0;
  }
}
