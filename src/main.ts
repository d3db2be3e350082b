import 'reflect-metadata';
import fs from 'node:fs';
import path from 'node:path';
import pino, { type Logger } from 'pino';
import { ConfigError, loadConfig, type Config } from './config';
import { ListenError } from './http';
import { bootstrap, type Runtime } from './app';
import { generateApiKeySecret } from './auth';
import { seedDemoDataIfEmpty } from './demo';
import { ensureBuiltInSegments } from './scoring';

/** `npm start`: embedded PostgreSQL unless DATABASE_URL is set, migrations, keys, demo data, then serve. */
async function main() {
  const config = loadConfig();
  const logger = pino({ level: config.logLevel });
  // main() drains on SIGINT / SIGTERM, and stops the embedded PostgreSQL last.
  const app = await bootstrap(config, { logger, handlesSignals: true });
  const signals = drainOnSignals(app, logger);
  try {
    const embedded = app.database.embedded;
    const keys = await ensureAdminKey(app.services, config, !!embedded, logger);
    const builtIn = await ensureBuiltInSegments(app.services);
    if (builtIn.length) logger.info({ segments: builtIn }, 'built-in segments created');
    if (config.demoData === true || (config.demoData === 'auto' && embedded)) {
      if (await seedDemoDataIfEmpty(app.services, (m) => logger.info(m))) {
        // So a newcomer's first queries already show RFM cells, lifecycle stages and churn risk.
        const run = await app.services.scoring.run();
        logger.info({ buyers: run.buyersScored, ms: run.durationMs }, 'demo data scored');
      }
    }
    // Listens on HOST:PORT before the scheduler starts; a ListenError names the setting to change.
    const endpoint = await app.listen(config.port, config.host);
    printBanner(endpoint, config, await adminKeyHint(app.services, config, keys));
  } catch (error) {
    // A signal stopped start-up half-way: its drain ends the process.
    if (signals.stopping) return;
    // Nothing holds the database or the embedded server once start-up has failed.
    await app.close().catch(() => {});
    throw error;
  }
}

/**
 * Graceful: /readyz turns 503, requests and ingest batches in flight finish (up to
 * SHUTDOWN_TIMEOUT_MS), WebSockets close with 1001 so clients reconnect elsewhere, the
 * scheduler lets go of its lock, then the feed, the pools and the embedded database stop;
 * exit 0. A second signal (Ctrl-C twice) means "now": exit 1.
 */
function drainOnSignals(app: Runtime, logger: Logger): { readonly stopping: boolean } {
  const state = { stopping: false };
  const shutdown = async (signal: string) => {
    if (state.stopping) {
      logger.warn({ signal }, 'second signal: exiting without waiting');
      process.exit(1);
    }
    state.stopping = true;
    logger.info({ signal }, 'shutting down');
    const stuck = setTimeout(() => {
      logger.error({ signal }, 'shutdown did not finish in time; exiting');
      process.exit(1);
    }, app.config.ops.shutdownTimeoutMs + 15_000);
    stuck.unref();
    try {
      await app.close();
      logger.info({ signal }, 'shut down');
      process.exit(0);
    } catch (error) {
      logger.error({ err: error }, 'shutdown failed');
      process.exit(1);
    }
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
  return state;
}

interface AdminKeys {
  devKey?: { secret: string; file: string };
  adminKeyRevoked?: boolean;
}

/**
 * ADMIN_API_KEY wins; on the embedded default without one, a development key is made once
 * and kept under .data/. A revoked key is never brought back by a restart: a revoked
 * ADMIN_API_KEY leaves the server running without it (every other key keeps working) and
 * says so loudly; a revoked development key is replaced by a new one.
 */
async function ensureAdminKey(services: Runtime['services'], config: Config, embedded: boolean, logger: Logger): Promise<AdminKeys> {
  if (config.adminApiKey) {
    const state = await services.apiKeys.ensure('admin (ADMIN_API_KEY)', config.adminApiKey, ['admin']);
    if (state === 'revoked') logger.error({ variable: 'ADMIN_API_KEY' }, ADMIN_KEY_REVOKED);
    return { adminKeyRevoked: state === 'revoked' };
  }
  if (!embedded) return {};
  const file = path.join(config.dataDir, 'admin-key');
  let secret = fs.existsSync(file) ? fs.readFileSync(file, 'utf8').trim() : generateApiKeySecret();
  if ((await services.apiKeys.ensure('development admin key', secret, ['admin'])) === 'revoked') {
    logger.warn({ file }, 'the development admin key was revoked; made a new one');
    secret = generateApiKeySecret();
    await services.apiKeys.ensure('development admin key', secret, ['admin']);
  }
  fs.writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  return { devKey: { secret, file } };
}

const ADMIN_KEY_REVOKED =
  'ADMIN_API_KEY names a key that was revoked: it stays revoked and this server runs without it. Set ADMIN_API_KEY to a new secret (or unset it) and restart.';

/** What the banner says about keys: the development key, ADMIN_API_KEY, or how to create the first one. */
async function adminKeyHint(services: Runtime['services'], config: Config, { devKey, adminKeyRevoked }: AdminKeys): Promise<string[]> {
  if (devKey) return [`Development admin key (kept in ${devKey.file}):`, `  ${devKey.secret}`];
  if (adminKeyRevoked) return [`!!! ${ADMIN_KEY_REVOKED}`];
  if (config.adminApiKey) return [`Authenticate with the key in ADMIN_API_KEY.`];
  const keys = await services.apiKeys.list();
  if (keys.some((key) => !key.revokedAt && key.scopes.includes('admin'))) return [`Authenticate with an API key created earlier (list them: ${KEYS_CLI} list).`];
  return [
    `No admin API key exists yet and ADMIN_API_KEY is not set. Create the first one (its secret is printed once):`,
    `  ${KEYS_CLI} create --name ops --scopes admin`,
    `  (in the Docker image: ${KEYS_CLI_BUILT} create --name ops --scopes admin)`,
  ];
}

const KEYS_CLI = 'npm run keys --';
const KEYS_CLI_BUILT = 'node dist/src/auth/keys.cli.js';

function printBanner(endpoint: string, config: Config, keyHint: string[]) {
  const where = `${config.host.includes(':') ? `[${config.host}]` : config.host}:${new URL(endpoint).port}`;
  const reach = isLoopback(config.host)
    ? `Listening on ${where}: this machine only (set HOST=0.0.0.0 to accept connections from other machines).`
    : `Listening on ${where} (HOST): reachable from the network; keep the API keys secret.`;
  const lines = [``, `Segmentary is serving GraphQL at ${endpoint} (graphql-ws subscriptions on the same path)`, reach, ...keyHint];
  lines.push(`Try: curl -s ${endpoint} -H 'content-type: application/json' -H "authorization: Bearer <key>" \\`);
  lines.push(`       -d '{"query":"{ profiles(first: 3) { edges { node { id traits stats { orders revenue } } } } }"}'`, ``);
  process.stdout.write(lines.join('\n') + '\n');
}

function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || host.startsWith('127.');
}

main().catch((error) => {
  // A setting the operator got wrong needs its message, not a stack trace.
  const detail = error instanceof ConfigError || error instanceof ListenError ? error.message : error instanceof Error ? error.stack : String(error);
  process.stderr.write(`Segmentary failed to start: ${detail}\n`);
  process.exit(1);
});
