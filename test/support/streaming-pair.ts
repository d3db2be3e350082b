import { execFile } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { freePort } from './server-process';

const run = promisify(execFile);

/** A real PostgreSQL primary and a hot standby streaming from it, for the read-replica tests. */
export interface StreamingPair {
  primaryUrl: string;
  replicaUrl: string;
  /** Runs one statement on the replica (pg_wal_replay_pause, ...). */
  onReplica(sql: string): Promise<pg.QueryResult>;
  stopReplica(): Promise<void>;
  stop(): Promise<void>;
}

/** The directory of Debian's PostgreSQL server binaries (package `postgresql`), or why there is none. */
export function postgresBinaries(): { dir: string } | { missing: string } {
  const root = '/usr/lib/postgresql';
  const versions = fs.existsSync(root) ? fs.readdirSync(root).sort((a, b) => Number(b) - Number(a)) : [];
  for (const version of versions) {
    const dir = path.join(root, version, 'bin');
    if (['initdb', 'pg_ctl', 'pg_basebackup'].every((b) => fs.existsSync(path.join(dir, b)))) return { dir };
  }
  return { missing: `no PostgreSQL server binaries under ${root} (apt-get install postgresql; .ci/run does)` };
}

/** PostgreSQL refuses to run as root: as root, the servers run as the `postgres` system user (the Debian package makes it). */
async function serverUser(): Promise<{ uid: number; gid: number } | undefined> {
  if (process.getuid?.() !== 0) return undefined;
  const uid = Number((await run('id', ['-u', 'postgres'])).stdout.trim());
  const gid = Number((await run('id', ['-g', 'postgres'])).stdout.trim());
  return { uid, gid };
}

/**
 * initdb a primary, pg_basebackup a standby from it (-R: it streams and replays), start
 * both on free ports under a temporary directory, and create the `segmentary` database.
 */
export async function startStreamingPair(binDir: string): Promise<StreamingPair> {
  const user = await serverUser();
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'segmentary-replication-'));
  fs.chmodSync(root, 0o755);
  if (user) fs.chownSync(root, user.uid, user.gid);
  const exec = (bin: string, args: string[]) => run(path.join(binDir, bin), args, { ...(user ?? {}), cwd: root, timeout: 60_000 });
  const [primaryPort, replicaPort] = [await freePort(), await freePort()];
  const options = (port: number) => `-p ${port} -k ${root} -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off -c wal_level=replica -c max_wal_senders=4 -c hot_standby=on -c shared_buffers=32MB`;
  const primaryDir = path.join(root, 'primary');
  const replicaDir = path.join(root, 'replica');
  const start = (dir: string, port: number) => exec('pg_ctl', ['-D', dir, '-l', `${dir}.log`, '-w', '-t', '60', '-o', options(port), 'start']);
  const stopServer = (dir: string) => exec('pg_ctl', ['-D', dir, '-m', 'immediate', '-w', 'stop']).catch(() => undefined);

  try {
    await exec('initdb', ['-D', primaryDir, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-sync']);
    await start(primaryDir, primaryPort);
    await exec('pg_basebackup', ['-h', '127.0.0.1', '-p', String(primaryPort), '-U', 'postgres', '-D', replicaDir, '-R', '-X', 'stream', '-c', 'fast', '--no-sync']);
    await start(replicaDir, replicaPort);
  } catch (error) {
    await stopServer(replicaDir);
    await stopServer(primaryDir);
    fs.rmSync(root, { recursive: true, force: true });
    throw error;
  }
  const url = (port: number, database: string) => `postgres://postgres@127.0.0.1:${port}/${database}`;
  const admin = new pg.Client({ connectionString: url(primaryPort, 'postgres') });
  await admin.connect();
  await admin.query('create database segmentary');
  await admin.end();

  let holder: net.Server | undefined;
  return {
    primaryUrl: url(primaryPort, 'segmentary'),
    replicaUrl: url(replicaPort, 'segmentary'),
    onReplica: async (sql) => {
      const client = new pg.Client({ connectionString: url(replicaPort, 'segmentary') });
      await client.connect();
      try {
        return await client.query(sql);
      } finally {
        await client.end();
      }
    },
    stopReplica: async () => {
      // Unlike the clean-up stops, a failure here must show: the test that stops it expects it gone.
      await exec('pg_ctl', ['-D', replicaDir, '-m', 'immediate', '-w', 'stop']);
      // Then hold its port, closing every connection: a server another test starts on a free
      // port could otherwise take it, and the app would "reach the replica" in another database.
      holder = await holdPort(replicaPort);
    },
    stop: async () => {
      await new Promise((resolve) => (holder ? holder.close(resolve) : resolve(undefined)));
      await stopServer(replicaDir);
      await stopServer(primaryDir);
      fs.rmSync(root, { recursive: true, force: true });
    },
  };
}

/** Listens on `port` (retrying while the stopped server lets go of it) and closes every connection at once. */
async function holdPort(port: number): Promise<net.Server> {
  for (let attempt = 0; ; attempt++) {
    const server = net.createServer((socket) => socket.destroy());
    try {
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, '127.0.0.1', () => resolve());
      });
      return server;
    } catch (error) {
      if (attempt >= 50) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}
