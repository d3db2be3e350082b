import { UsageError } from '../common';
import { parseKeysArgs, type KeysCommand } from './keys.args';

const ID = '6f1c2a8e-3b4d-4c5e-9f60-718293a4b5c6';

describe('parseKeysArgs', () => {
  it.each<[string[], KeysCommand]>([
    [['create', '--name', 'ops', '--scopes', 'admin'], { command: 'create', name: 'ops', scopes: ['admin'], json: false }],
    [['create', '--name', 'ops', '--scopes', 'admin,read', '--json'], { command: 'create', name: 'ops', scopes: ['admin', 'read'], json: true }],
    [['create', '--scopes=ingest, read', '--name=ci'], { command: 'create', name: 'ci', scopes: ['ingest', 'read'], json: false }],
    [['list'], { command: 'list', json: false }],
    [['list', '--json'], { command: 'list', json: true }],
    [['revoke', ID], { command: 'revoke', id: ID, json: false }],
    [['--help'], { command: 'help' }],
    [['help'], { command: 'help' }],
  ])('%j', (args, expected) => {
    expect(parseKeysArgs(args)).toEqual(expected);
  });

  it.each<[string[], RegExp]>([
    [[], /no command given/],
    [['make'], /unknown command "make"/],
    [['create', '--scopes', 'admin'], /create needs --name/],
    [['create', '--name', 'ops'], /create needs --scopes/],
    [['create', '--name', 'ops', '--scopes', ','], /create needs --scopes/],
    [['create', 'ops', '--scopes', 'admin', '--name', 'ops'], /no arguments besides its options/],
    [['list', '--name', 'ops'], /list takes no --name/],
    [['revoke'], /revoke needs the id of one key/],
    [['revoke', 'sk_abc'], /revoke needs the id of one key/],
    [['create', '--nmae', 'ops'], /Unknown option '--nmae'/],
  ])('%j is refused: %s', (args, message) => {
    expect(() => parseKeysArgs(args)).toThrow(UsageError);
    expect(() => parseKeysArgs(args)).toThrow(message);
  });
});
