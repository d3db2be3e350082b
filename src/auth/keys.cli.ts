import 'reflect-metadata';
import { bootstrapTool } from '../app';
import { DomainError } from '../common';
import { ConfigError, loadConfig } from '../config';
import type { ApiKey } from './api-key.entity';
import type { ApiKeyService } from './api-key.service';
import { KEYS_USAGE, parseKeysArgs, UsageError, type KeysCommand } from './keys.args';

/**
 * `npm run keys`: API keys managed straight in the database, so the first admin key can be
 * made without one. Exit codes: 0 done, 1 failed, 2 bad usage or a refused name or scope.
 */
const EXIT_FAILED = 1;
const EXIT_USAGE = 2;

function describe(key: ApiKey): Record<string, unknown> {
  return { id: key.id, name: key.name, scopes: key.scopes, prefix: key.prefix, createdAt: key.createdAt, revokedAt: key.revokedAt ?? null };
}

function line(key: ApiKey): string {
  const state = key.revokedAt ? `revoked ${key.revokedAt.toISOString()}` : 'active';
  return `${key.id}  ${key.name}  [${key.scopes.join(',')}]  ${key.prefix}…  created ${key.createdAt?.toISOString()}  ${state}`;
}

async function execute(keys: ApiKeyService, command: Exclude<KeysCommand, { command: 'help' }>): Promise<void> {
  const print = (json: unknown, text: string) => process.stdout.write(command.json ? `${JSON.stringify(json, null, 2)}\n` : `${text}\n`);
  switch (command.command) {
    case 'create': {
      const { key, secret, userTokenSecret } = await keys.create(command.name, command.scopes);
      const text = [`created key ${key.id} "${key.name}" with scopes ${key.scopes.join(', ')}`, `secret: ${secret}`];
      if (userTokenSecret) text.push(`user token secret: ${userTokenSecret}`);
      print({ ...describe(key), secret, userTokenSecret }, text.join('\n'));
      process.stderr.write('The secret is shown this once only: store it now (the server keeps only its hash).\n');
      return;
    }
    case 'list': {
      const all = await keys.list();
      print(all.map(describe), all.length ? all.map(line).join('\n') : 'no keys');
      return;
    }
    case 'revoke': {
      const key = await keys.revoke(command.id);
      print(describe(key), `revoked ${line(key)}`);
      return;
    }
  }
}

async function main(argv: string[]): Promise<number> {
  let command: KeysCommand;
  try {
    command = parseKeysArgs(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`${error.message}\n\n${KEYS_USAGE}\n`);
    return EXIT_USAGE;
  }
  if (command.command === 'help') {
    process.stdout.write(`${KEYS_USAGE}\n`);
    return 0;
  }
  try {
    const runtime = await bootstrapTool(loadConfig());
    try {
      await execute(runtime.services.apiKeys, command);
    } finally {
      await runtime.close();
    }
    return 0;
  } catch (error) {
    // A refused name or scope, an unknown id, a bad setting: the message says what to fix.
    if (error instanceof DomainError || error instanceof ConfigError) {
      process.stderr.write(`keys ${command.command} failed: ${error.message}\n`);
      return error instanceof DomainError && error.code === 'BAD_USER_INPUT' ? EXIT_USAGE : EXIT_FAILED;
    }
    process.stderr.write(`keys ${command.command} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    return EXIT_FAILED;
  }
}

main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
