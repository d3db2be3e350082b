import 'reflect-metadata';
import { bootstrapTool } from '../app';
import { DomainError, EXIT_FAILED, EXIT_USAGE, runCommandLine } from '../common';
import { ConfigError, loadConfig } from '../config';
import type { ApiKey } from './api-key.entity';
import type { ApiKeyService } from './api-key.service';
import { KEYS_USAGE, parseKeysArgs, type KeysCommand } from './keys.args';

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

/**
 * `npm run keys`: API keys managed straight in the database, so the first admin key can be
 * made without one. Exit codes: 0 done, 1 failed, 2 bad usage or a refused name or scope.
 */
runCommandLine<KeysCommand>({
  usage: KEYS_USAGE,
  parse: parseKeysArgs,
  wantsHelp: (command) => command.command === 'help',
  run: async (command) => {
    if (command.command === 'help') return 0;
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
  },
});
