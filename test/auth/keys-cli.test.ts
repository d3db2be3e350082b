import { ensureBuilt, runBuilt } from '../support/built-server';
import { startTestApp, type TestApp } from '../support/app';
import { within } from '../support/deadline';

/** `npm run keys` (node dist/src/auth/keys.cli.js): the first admin key, made without any key, straight in the database. */

let t: TestApp;
beforeAll(async () => {
  await ensureBuilt();
  t = await startTestApp();
}, 600_000);
afterAll(() => t?.close());

async function keys(...args: string[]): Promise<{ code: number | string; stdout: string; output: string }> {
  const cli = runBuilt('src/auth/keys.cli.js', args, { DATABASE_URL: t.database.url });
  const code = await within(cli.exited, 60_000, `keys ${args.join(' ')}`);
  return { code, stdout: cli.stdout.join(''), output: cli.output() };
}

test('create prints a secret once; the key it made authenticates against a running server on the same database', async () => {
  const created = await keys('create', '--name', 'first operator', '--scopes', 'admin', '--json');
  expect(created.code).toBe(0);
  const key = JSON.parse(created.stdout);
  expect(key).toMatchObject({ name: 'first operator', scopes: ['admin'], revokedAt: null });
  expect(key.secret).toMatch(/^sk_/);
  expect(created.output).toContain('shown this once only');

  const asOperator = await t.gql('{ apiKeys { name scopes } }', {}, key.secret);
  expect(asOperator.status).toBe(200);
  expect(asOperator.data?.apiKeys).toContainEqual({ name: 'first operator', scopes: ['admin'] });

  const listed = await keys('list');
  expect(listed.code).toBe(0);
  expect(listed.stdout).toContain(`${key.id}  first operator  [admin]`);
  expect(listed.stdout).not.toContain(key.secret);
}, 120_000);

test('an unknown scope or a missing option is refused with exit code 2 and says what is allowed', async () => {
  const unknownScope = await keys('create', '--name', 'x', '--scopes', 'root');
  expect(unknownScope.code).toBe(2);
  expect(unknownScope.output).toContain('unknown scope(s) root; allowed: ingest, read, admin, subscribe, personalize');

  const noName = await keys('create', '--scopes', 'admin');
  expect(noName.code).toBe(2);
  expect(noName.output).toContain('create needs --name <name>');
  expect(noName.output).toContain('Usage: npm run keys');
}, 120_000);
