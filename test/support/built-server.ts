import { spawn, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { createTestDatabase, type TestDatabase } from './database';
import { until } from './wait';

/**
 * The compiled server and tools, run as `npm start` and the Docker image run them: `npm run
 * build` once (skipped when dist/ was built from these very sources), then `node dist/…`
 * with NODE_ENV=production.
 */

const ROOT = path.join(__dirname, '../..');
const STAMP = path.join(ROOT, 'dist/.build-sources');
const LOCK = path.join(os.tmpdir(), `segmentary-build-${crypto.createHash('sha1').update(ROOT).digest('hex').slice(0, 10)}.lock`);

/** What tsconfig.build.json compiles, and what decides how. */
function sourcesHash(): string {
  const hash = crypto.createHash('sha1');
  const walk = (dir: string): string[] =>
    fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) return walk(file);
      return /\.ts$/.test(entry.name) && !/\.(test|testing)\.ts$/.test(entry.name) ? [file] : [];
    });
  const files = [...['src', 'migrations', 'bench'].flatMap((dir) => walk(path.join(ROOT, dir))), ...['tsconfig.json', 'tsconfig.build.json', 'package-lock.json'].map((f) => path.join(ROOT, f))];
  for (const file of files.sort()) hash.update(path.relative(ROOT, file)).update('\0').update(fs.readFileSync(file)).update('\0');
  return hash.digest('hex');
}

function built(hash: string): boolean {
  return fs.existsSync(STAMP) && fs.readFileSync(STAMP, 'utf8') === hash;
}

/** One build at a time across Jest workers: a directory is created atomically; a stale one (a killed run) is taken over. */
async function withBuildLock(work: () => Promise<void>): Promise<void> {
  const take = () => {
    try {
      fs.mkdirSync(LOCK);
      return true;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      if (Date.now() - fs.statSync(LOCK, { throwIfNoEntry: false })!.mtimeMs > 10 * 60_000) fs.rmSync(LOCK, { recursive: true, force: true });
      return false;
    }
  };
  await until(take, { timeoutMs: 10 * 60_000, what: 'the build lock', intervalMs: 200 });
  try {
    await work();
  } finally {
    fs.rmSync(LOCK, { recursive: true, force: true });
  }
}

/** `npm run build`, unless dist/ already holds these sources compiled. */
export async function ensureBuilt(): Promise<void> {
  const hash = sourcesHash();
  if (built(hash)) return;
  await withBuildLock(async () => {
    if (built(hash)) return;
    const build = spawnProcess('npm', ['run', 'build'], {});
    const code = await build.exited;
    if (code !== 0) throw new Error(`npm run build failed (${code}):\n${build.output()}`);
    fs.writeFileSync(STAMP, hash);
  });
}

export interface RunningProcess {
  child: ChildProcess;
  stdout: string[];
  /** stdout and stderr, interleaved as they came. */
  output(): string;
  /** Resolves with the exit code (or the signal's name). */
  exited: Promise<number | string>;
  /** Resolves once the output contains `text`; rejects when the process exits first or `ms` pass. */
  waitFor(text: string, ms?: number): Promise<void>;
}

/** Settings the test's own environment might carry into the server; each test says what it wants instead. */
const INHERITED_SETTINGS = ['DATABASE_URL', 'PORT', 'HOST', 'ADMIN_API_KEY', 'DEMO_DATA', 'SCHEDULER_ENABLED', 'LOG_LEVEL', 'DATA_DIR'];

function spawnProcess(command: string, args: string[], env: Record<string, string>): RunningProcess {
  const base = { ...process.env };
  for (const name of INHERITED_SETTINGS) delete base[name];
  const child = spawn(command, args, { cwd: ROOT, env: { ...base, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const stdout: string[] = [];
  const all: string[] = [];
  child.stdout!.on('data', (d: Buffer) => (stdout.push(d.toString()), all.push(d.toString())));
  child.stderr!.on('data', (d: Buffer) => all.push(d.toString()));
  const exited = new Promise<number | string>((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal ?? -1)));
  let gone = false;
  void exited.then(() => (gone = true));
  const output = () => all.join('');
  return {
    child,
    stdout,
    output,
    exited,
    waitFor: async (text, ms = 60_000) => {
      await until(() => output().includes(text) || gone, { timeoutMs: ms, what: `"${text}" in the output of ${args.join(' ')}`, intervalMs: 10 }).catch((error: Error) => {
        throw new Error(`${error.message}; its output so far:\n${output()}`);
      });
      if (!output().includes(text)) throw new Error(`exited with ${await exited} before printing "${text}":\n${output()}`);
    },
  };
}

/** `node dist/<script>` with NODE_ENV=production, as `npm start` (dist/src/main.js) or the Docker image runs it. */
export function runBuilt(script: string, args: string[], env: Record<string, string>): RunningProcess {
  return spawnProcess(process.execPath, [path.join(ROOT, 'dist', script), ...args], { NODE_ENV: 'production', ...env });
}

/** The scheduler's advisory lock (src/scheduler/scheduler.ts). */
const SCHEDULER_LOCK = 7357003;

export interface BuiltServerDatabase {
  readonly database: TestDatabase;
  /** A small pool on it, for the test's own checks. */
  readonly db: pg.Pool;
  /** Sessions holding the scheduler's lock in this database. */
  schedulerLocks(): Promise<number>;
  /** Another session can take the scheduler's lock (and gives it back at once). */
  schedulerLockIsFree(): Promise<boolean>;
}

/** For a test file that runs the built server: the build (beforeAll), a fresh database and a pool on it, dropped afterwards. */
export function builtServerDatabase(): BuiltServerDatabase {
  let database: TestDatabase | undefined;
  let db: pg.Pool | undefined;
  beforeAll(async () => {
    await ensureBuilt();
    database = await createTestDatabase();
    db = new pg.Pool({ connectionString: database.url, max: 3 });
  }, 600_000);
  afterAll(async () => {
    await db?.end();
    await database?.drop();
  });
  const self: BuiltServerDatabase = {
    get database() {
      return database!;
    },
    get db() {
      return db!;
    },
    schedulerLocks: async () => {
      const { rows } = await self.db.query<{ n: number }>(
        `select count(*)::int as n from pg_locks where locktype = 'advisory' and objid = $1 and database = (select oid from pg_database where datname = current_database())`,
        [SCHEDULER_LOCK],
      );
      return rows[0].n;
    },
    schedulerLockIsFree: async () => {
      const client = await self.db.connect();
      try {
        const { rows } = await client.query<{ ok: boolean }>('select pg_try_advisory_lock($1) as ok', [SCHEDULER_LOCK]);
        if (rows[0].ok) await client.query('select pg_advisory_unlock($1)', [SCHEDULER_LOCK]);
        return rows[0].ok;
      } finally {
        client.release();
      }
    },
  };
  return self;
}
