/** A numeric setting from the environment: the fallback when unset, a clear start-up error when malformed. */
export function numberFromEnv(env: NodeJS.ProcessEnv, name: string, fallback: number, { integer = true, min = 1 } = {}): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < min || (integer && !Number.isInteger(value))) {
    throw new Error(`${name}: expected ${integer ? 'an integer' : 'a number'} >= ${min}, got "${raw}"`);
  }
  return value;
}
