import pino from 'pino';
import type { Config } from '../config';
import type { OpenDatabaseLog } from '../db';
import { bootstrap, type Runtime } from './bootstrap';

/** A tool's start-up notes go to stderr as plain lines; stdout stays for what the tool prints. */
const stderrLog: OpenDatabaseLog = {
  info: (details, message) => process.stderr.write(`${message}${details.dir ? ` (${String(details.dir)})` : ''}\n`),
  warn: (message) => process.stderr.write(`warning: ${message}\n`),
};

/**
 * What a command-line tool (`npm run import`, `npm run keys`) runs on: the services over the
 * configured database, without HTTP or the change feed, joining the embedded PostgreSQL that
 * `npm start` may already run on the data directory.
 */
export function bootstrapTool(config: Config): Promise<Runtime> {
  return bootstrap(config, { serve: false, databaseLog: stderrLog, reuseRunningEmbedded: true, logger: pino({ level: 'warn' }, pino.destination(2)) });
}
