import { loadConfig } from './config';

describe('loadConfig', () => {
  it('sizes the database pool from DATABASE_POOL_SIZE, 10 by default', () => {
    expect(loadConfig({}).databasePoolSize).toBe(10);
    expect(loadConfig({ DATABASE_POOL_SIZE: '24' }).databasePoolSize).toBe(24);
  });

  it.each(['0', '-3', '2.5', 'many'])('refuses DATABASE_POOL_SIZE=%s at start-up with the variable named', (value) => {
    expect(() => loadConfig({ DATABASE_POOL_SIZE: value })).toThrow(/DATABASE_POOL_SIZE/);
  });
});
