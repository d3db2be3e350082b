import { readCorsConfig } from './cors.config';
import { readEnv } from './env';

const loadCorsConfig = (env: NodeJS.ProcessEnv) => readEnv(env, readCorsConfig);

describe('CORS_ORIGINS', () => {
  it.each([
    [undefined, []],
    ['', []],
    ['*', '*'],
    [' * ', '*'],
    ['https://shop.example.com', ['https://shop.example.com']],
    ['https://Shop.Example.com/, http://localhost:3000', ['https://shop.example.com', 'http://localhost:3000']],
    ['https://a.example:443,https://a.example', ['https://a.example']],
  ])('reads %j as %j', (raw, origins) => {
    expect(loadCorsConfig({ CORS_ORIGINS: raw }).origins).toEqual(origins);
  });

  it.each(['shop.example.com', 'https://shop.example.com/path', 'ftp://files.example', 'https://*.example.com', '*,https://a.example', 'null', 'https://a.example?x=1'])(
    'refuses %j at start-up, naming the variable',
    (raw) => {
      expect(() => loadCorsConfig({ CORS_ORIGINS: raw })).toThrow(/CORS_ORIGINS: expected/);
    },
  );
});
