import { loadConfig } from './config';

describe('loadConfig', () => {
  it('sizes the database pool from DATABASE_POOL_SIZE, 10 by default', () => {
    expect(loadConfig({}).databasePoolSize).toBe(10);
    expect(loadConfig({ DATABASE_POOL_SIZE: '24' }).databasePoolSize).toBe(24);
  });

  it.each(['0', '-3', '2.5', 'many'])('refuses DATABASE_POOL_SIZE=%s at start-up with the variable named', (value) => {
    expect(() => loadConfig({ DATABASE_POOL_SIZE: value })).toThrow(/DATABASE_POOL_SIZE/);
  });

  it('keeps 100,000 profiles of decision facts by default; 0 turns the cache off', () => {
    expect(loadConfig({}).personalization.cachedProfiles).toBe(100_000);
    expect(loadConfig({ PERSONALIZATION_CACHE_PROFILES: '0' }).personalization.cachedProfiles).toBe(0);
    expect(() => loadConfig({ PERSONALIZATION_CACHE_PROFILES: '-1' })).toThrow(/PERSONALIZATION_CACHE_PROFILES/);
  });
});
