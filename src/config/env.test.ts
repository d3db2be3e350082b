import { ConfigError, EnvReader, parseBytes, parseDuration, readEnv, type DurationUnit } from './env';

describe('parseDuration', () => {
  it.each<[string, DurationUnit, number | undefined]>([
    ['250', 'ms', 250],
    ['250ms', 'ms', 250],
    ['30s', 'ms', 30_000],
    ['1.5s', 'ms', 1_500],
    ['5m', 'ms', 300_000],
    ['1h', 'ms', 3_600_000],
    ['2d', 'ms', 172_800_000],
    ['30S', 'ms', 30_000],
    ['30 s', 'ms', 30_000],
    ['90s', 'm', 1.5],
    ['0.1h', 'm', 6],
    ['2h', 'm', 120],
    ['720h', 'd', 30],
    ['7.5', 'd', 7.5],
    ['', 'ms', undefined],
    ['soon', 'ms', undefined],
    ['-5s', 'ms', undefined],
    ['5 minutes', 'ms', undefined],
    ['5w', 'ms', undefined],
    ['1e3', 'ms', undefined],
    ['0x10', 'ms', undefined],
  ])('%j counted in %s is %j', (raw, unit, expected) => {
    expect(parseDuration(raw, unit)).toBe(expected);
  });
});

describe('parseBytes', () => {
  it.each<[string, number | undefined]>([
    ['512', 512],
    ['512b', 512],
    ['64kb', 65_536],
    ['64KB', 65_536],
    ['1mb', 1_048_576],
    ['1.5mb', 1_572_864],
    ['1gb', 1_073_741_824],
    ['1 mb', 1_048_576],
    ['1m', undefined],
    ['1mib', undefined],
    ['-1kb', undefined],
    ['lots', undefined],
  ])('%j is %j bytes', (raw, expected) => {
    expect(parseBytes(raw)).toBe(expected);
  });
});

/** Runs one reader on { X: raw }: expects the value it returns, or (a RegExp) the message it refuses with. */
function expectRead<T>(raw: string | undefined, reading: (env: EnvReader) => T, expected: T | RegExp): void {
  let result: T | string;
  try {
    result = readEnv(raw === undefined ? {} : { X: raw }, reading);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    result = error.problems.join('\n');
  }
  if (expected instanceof RegExp) expect(result).toMatch(expected);
  else expect(result).toBe(expected);
}

describe('EnvReader', () => {
  it.each<[string | undefined, boolean | RegExp]>([
    [undefined, true],
    ['', true],
    ['true', true],
    ['false', false],
    [' false ', false],
    ['maybe', /^X: expected true or false; got "maybe"$/],
    ['1', /X: expected true or false/],
    ['0', /X: expected true or false/],
    ['yes', /X: expected true or false/],
    ['TRUE', /X: expected true or false/],
  ])('boolean %j → %s', (raw, expected) => {
    expectRead(raw, (env) => env.boolean('X', true), expected);
  });

  it.each<[string, number | RegExp]>([
    ['10', 10],
    ['1', 1],
    ['100', 100],
    ['0', /X: expected an integer from 1 to 100; got "0"/],
    ['101', /from 1 to 100/],
    ['2.5', /from 1 to 100/],
    ['1e2', /from 1 to 100/],
    ['ten', /from 1 to 100/],
    ['0x10', /from 1 to 100/],
  ])('integer %j → %s', (raw, expected) => {
    expectRead(raw, (env) => env.integer('X', 7, { min: 1, max: 100 }), expected);
  });

  it.each<[string, number | RegExp]>([
    ['0.01', 0.01],
    ['0', 0],
    ['-1', /X: expected a number of at least 0; got "-1"/],
    ['NaN', /a number of at least 0/],
    ['Infinity', /a number of at least 0/],
  ])('number %j → %s', (raw, expected) => {
    expectRead(raw, (env) => env.number('X', 1, { min: 0 }), expected);
  });

  it.each<[string, number | RegExp]>([
    ['20000', 20_000],
    ['30s', 30_000],
    ['250ms', 250],
    ['1h', 3_600_000],
    ['24d', 2_073_600_000],
    ['25d', /X: expected a duration such as 250ms, 30s, 5m, 1h or 2d, or a whole number of milliseconds, from 0ms to 24d; got "25d"/],
    ['1.5', /whole number of milliseconds/],
    ['soon', /a duration such as/],
  ])('duration in ms %j → %s', (raw, expected) => {
    expectRead(raw, (env) => env.duration('X', 10_000, {}), expected);
  });

  it.each<[string, number | RegExp]>([
    ['60', 60],
    ['90s', 1.5],
    ['2h', 120],
    ['30s', /X: expected .* a plain number of minutes, from 1m to 365d; got "30s"/],
  ])('duration in minutes %j → %s', (raw, expected) => {
    expectRead(raw, (env) => env.duration('X', 60, { unit: 'm', fractions: true, min: 1, max: 365 * 24 * 60 }), expected);
  });

  it.each<[string, number | RegExp]>([
    ['30', 30],
    ['720h', 30],
    ['36h', /a whole number of days, from 1d to 3650d/],
  ])('duration in whole days %j → %s', (raw, expected) => {
    expectRead(raw, (env) => env.duration('X', 30, { unit: 'd', min: 1, max: 3650 }), expected);
  });

  it.each<[string, number | RegExp]>([
    ['1mb', 1_048_576],
    ['2048', 2048],
    ['1.5kb', 1536],
    ['100', /X: expected a size such as 64kb or 1mb \(1kb = 1024 bytes\), or a whole number of bytes, from 1kb to 256mb; got "100"/],
    ['0.5b', /a size such as/],
  ])('bytes %j → %s', (raw, expected) => {
    expectRead(raw, (env) => env.bytes('X', 1024, { min: 1024, max: 256 * 1024 * 1024 }), expected);
  });

  it.each<[string, string | RegExp]>([
    ['buyer', 'buyer'],
    ['order', 'order'],
    ['Buyer', /X: expected one of buyer, order; got "Buyer"/],
  ])('oneOf %j → %s', (raw, expected) => {
    expectRead(raw, (env) => env.oneOf('X', ['buyer', 'order'], 'buyer'), expected);
  });

  it.each<[string, string | RegExp]>([
    ['127.0.0.1', '127.0.0.1'],
    ['0.0.0.0', '0.0.0.0'],
    ['::', '::'],
    ['::1', '::1'],
    ['localhost', 'localhost'],
    ['api.internal', 'api.internal'],
    ['http://0.0.0.0', /X: expected an IP address/],
    ['0.0.0.0:4000', /X: expected an IP address/],
  ])('host %j → %s', (raw, expected) => {
    expectRead(raw, (env) => env.host('X', '127.0.0.1'), expected);
  });

  it.each<[string, string | RegExp]>([
    ['postgres://u:p@db:5432/app', 'postgres://u:p@db:5432/app'],
    ['postgresql://db/app?sslmode=require', 'postgresql://db/app?sslmode=require'],
    ['mysql://db/app', /X: expected a URL starting with postgres:\/\/ or postgresql:\/\//],
    ['db:5432/app', /X: expected a URL/],
  ])('databaseUrl %j → %s', (raw, expected) => {
    expectRead(raw, (env) => env.databaseUrl('X'), expected);
  });

  it('reports every refused variable at once', () => {
    const reading = () => readEnv({ A: 'x', B: 'y' }, (env) => [env.boolean('A', true), env.integer('B', 1, { min: 0 })]);
    expect(reading).toThrow(ConfigError);
    expect(reading).toThrow(/invalid configuration:\n {2}A: expected true or false; got "x"\n {2}B: expected an integer of at least 0; got "y"/);
  });
});
