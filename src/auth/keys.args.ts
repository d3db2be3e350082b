import { parseCommandLine, UsageError, isUuid } from '../common';

export const KEYS_USAGE = `Usage: npm run keys -- <command> [options]
       node dist/src/auth/keys.cli.js <command> [options]   (in the Docker image)

  create --name <name> --scopes <scope>[,<scope>...]
                 create a key and print its secret, shown this once only
  list           every key: id, name, scopes, prefix, created, revoked
  revoke <id>    revoke a key (at once on this instance, within 10 s on others)
  --json         print JSON instead of text

  scopes: ingest, read, subscribe, personalize, admin

Talks to the database, not to the API, so it works before any key exists: DATABASE_URL,
else the embedded PostgreSQL under DATA_DIR (.data/) that npm start uses.`;

export type KeysCommand =
  | { command: 'create'; name: string; scopes: string[]; json: boolean }
  | { command: 'list'; json: boolean }
  | { command: 'revoke'; id: string; json: boolean }
  | { command: 'help' };


export function parseKeysArgs(argv: string[]): KeysCommand {
  const { values, positionals } = parseCommandLine(argv, {
    name: { type: 'string' },
    scopes: { type: 'string' },
    json: { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  });
  const [command, ...rest] = positionals;
  if (values.help || command === 'help') return { command: 'help' };
  const json = !!values.json;
  const only = (allowed: string[]) => {
    const extra = (['name', 'scopes'] as const).filter((o) => values[o] !== undefined && !allowed.includes(o));
    if (extra.length) throw new UsageError(`${command} takes no --${extra.join(', --')}`);
  };
  switch (command) {
    case 'create': {
      only(['name', 'scopes']);
      if (rest.length) throw new UsageError(`create takes no arguments besides its options, not ${JSON.stringify(rest.join(' '))}`);
      const name = values.name?.trim();
      if (!name) throw new UsageError('create needs --name <name>');
      const scopes = (values.scopes ?? '').split(',').map((s) => s.trim()).filter(Boolean);
      if (!scopes.length) throw new UsageError('create needs --scopes <scope>[,<scope>...]');
      return { command, name, scopes, json };
    }
    case 'list':
      only([]);
      if (rest.length) throw new UsageError('list takes no arguments');
      return { command, json };
    case 'revoke':
      only([]);
      if (rest.length !== 1 || !isUuid(rest[0])) throw new UsageError('revoke needs the id of one key (a UUID, as `list` shows)');
      return { command, id: rest[0], json };
    case undefined:
      throw new UsageError('no command given');
    default:
      throw new UsageError(`unknown command ${JSON.stringify(command)}`);
  }
}
