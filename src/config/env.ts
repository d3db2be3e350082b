import net from 'node:net';

/**
 * The one way a setting is read from the environment. Each reader returns the fallback when
 * the variable is unset or empty, and otherwise either the parsed value or a recorded
 * problem naming the variable, the form it accepts and what it got; `done()` then refuses
 * them all at once, so one start-up shows every mistake.
 */

/** Every setting the environment got wrong, one line each. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid configuration:\n  ${problems.join('\n  ')}`);
    this.name = 'ConfigError';
  }
}

export interface Range {
  min?: number;
  max?: number;
}

/** Base units a duration setting may be counted in (its name says which: `_MS`, `_MINUTES`, `_HOURS`, `_DAYS`). */
export type DurationUnit = 'ms' | 'm' | 'h' | 'd';

const MS_PER: Record<string, number> = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 };
const BYTES_PER: Record<string, number> = { b: 1, kb: 1024, mb: 1024 ** 2, gb: 1024 ** 3 };
const UNIT_NAMES: Record<DurationUnit, string> = { ms: 'milliseconds', m: 'minutes', h: 'hours', d: 'days' };

/** Node's timers overflow past 2^31 - 1 ms (about 24.8 days): the longest duration any setting takes. */
export const MAX_DURATION_MS = 24 * MS_PER.d;

const INTEGER = /^-?\d+$/;
const DECIMAL = /^-?\d+(?:\.\d+)?$/;
const WITH_UNIT = /^(\d+(?:\.\d+)?)\s*([a-z]+)?$/i;

/** 1500 → "1500", 86400000 ms → "1d": a bound in the form the variable accepts. */
function formatDuration(value: number, unit: DurationUnit): string {
  const ms = value * MS_PER[unit];
  for (const u of ['d', 'h', 'm', 's']) if (ms >= MS_PER[u] && ms % MS_PER[u] === 0) return `${ms / MS_PER[u]}${u}`;
  return `${ms}ms`;
}

function formatBytes(value: number): string {
  for (const u of ['gb', 'mb', 'kb']) if (value >= BYTES_PER[u] && value % BYTES_PER[u] === 0) return `${value / BYTES_PER[u]}${u}`;
  return `${value}`;
}

function within(value: number, { min, max }: Range): boolean {
  return (min === undefined || value >= min) && (max === undefined || value <= max);
}

function rangeText({ min, max }: Range, format: (n: number) => string = String): string {
  if (min !== undefined && max !== undefined) return ` from ${format(min)} to ${format(max)}`;
  if (min !== undefined) return ` of at least ${format(min)}`;
  return max !== undefined ? ` of at most ${format(max)}` : '';
}

/** `30s` with base unit `ms` → 30000; `90s` with base `m` → 1.5; undefined when malformed. */
export function parseDuration(raw: string, unit: DurationUnit): number | undefined {
  const match = WITH_UNIT.exec(raw);
  if (!match) return undefined;
  const given = match[2]?.toLowerCase();
  if (given !== undefined && !(given in MS_PER)) return undefined;
  const value = Number(match[1]);
  if (given === undefined) return value;
  // Rounded so that 0.1h in minutes is 6, not 6.000000000000001.
  return Math.round(((value * MS_PER[given]) / MS_PER[unit]) * 1e6) / 1e6;
}

/** `64kb` → 65536 (binary units, as Express's body limits count them); undefined when malformed. */
export function parseBytes(raw: string): number | undefined {
  const match = WITH_UNIT.exec(raw);
  if (!match) return undefined;
  const given = match[2]?.toLowerCase() ?? 'b';
  if (!(given in BYTES_PER)) return undefined;
  return Number(match[1]) * BYTES_PER[given];
}

export class EnvReader {
  private readonly problems: string[] = [];

  constructor(private readonly env: NodeJS.ProcessEnv) {}

  /** The trimmed value, or undefined when the variable is unset or empty. */
  raw(name: string): string | undefined {
    const value = this.env[name]?.trim();
    return value ? value : undefined;
  }

  /** Names of the variables set in the environment (for families such as RATE_LIMIT_<SCOPE>_BURST). */
  names(): string[] {
    return Object.keys(this.env);
  }

  /** Records a setting the caller found wrong; `done()` reports it with the rest. */
  refuse(name: string, expected: string, raw: string): void {
    this.problems.push(`${name}: expected ${expected}; got ${JSON.stringify(raw)}`);
  }

  /** Throws one ConfigError naming every setting refused so far. */
  done(): void {
    if (this.problems.length) throw new ConfigError(this.problems);
  }

  private parsed<T>(name: string, fallback: T, expected: string, parse: (raw: string) => T | undefined): T {
    const raw = this.raw(name);
    if (raw === undefined) return fallback;
    const value = parse(raw);
    if (value !== undefined) return value;
    this.refuse(name, expected, raw);
    return fallback;
  }

  string(name: string): string | undefined {
    return this.raw(name);
  }

  /** A secret: at least `minLength` characters, no whitespace. */
  secret(name: string, minLength: number): string | undefined {
    return this.parsed(name, undefined, `at least ${minLength} characters without spaces`, (raw) => (raw.length >= minLength && !/\s/.test(raw) ? raw : undefined));
  }

  /** Exactly `true` or `false`. */
  boolean(name: string, fallback: boolean): boolean {
    return this.parsed(name, fallback, 'true or false', (raw) => (raw === 'true' ? true : raw === 'false' ? false : undefined));
  }

  oneOf<T extends string>(name: string, values: readonly T[], fallback: T): T {
    const expected = `one of ${values.join(', ')}`;
    return this.parsed(name, fallback, expected, (raw) => values.find((v) => v === raw));
  }

  integer(name: string, fallback: number, range: Range): number {
    return this.parsed(name, fallback, `an integer${rangeText(range)}`, (raw) => (INTEGER.test(raw) && within(Number(raw), range) ? Number(raw) : undefined));
  }

  /** A decimal number (no exponent, no hex). */
  number(name: string, fallback: number, range: Range): number {
    return this.parsed(name, fallback, `a number${rangeText(range)}`, (raw) => (DECIMAL.test(raw) && within(Number(raw), range) ? Number(raw) : undefined));
  }

  /**
   * A duration counted in `unit`: with a unit (`250ms`, `30s`, `5m`, `1h`, `2d`), or a plain
   * number of `unit`s. Unless `fractions`, the value in `unit` must come out whole.
   */
  duration(name: string, fallback: number, { unit = 'ms', fractions = false, ...range }: Range & { unit?: DurationUnit; fractions?: boolean }): number {
    const bounds = { min: range.min ?? 0, max: range.max ?? MAX_DURATION_MS / MS_PER[unit] };
    const plain = fractions ? `a plain number of ${UNIT_NAMES[unit]}` : `a whole number of ${UNIT_NAMES[unit]}`;
    const expected = `a duration such as 250ms, 30s, 5m, 1h or 2d, or ${plain},${rangeText(bounds, (n) => formatDuration(n, unit))}`;
    return this.parsed(name, fallback, expected, (raw) => {
      const value = parseDuration(raw, unit);
      return value !== undefined && (fractions || Number.isInteger(value)) && within(value, bounds) ? value : undefined;
    });
  }

  /** A size in bytes: `512`, `64kb`, `1mb`, `1gb` (1kb = 1024 bytes). */
  bytes(name: string, fallback: number, range: Range): number {
    const expected = `a size such as 64kb or 1mb (1kb = 1024 bytes), or a whole number of bytes,${rangeText(range, formatBytes)}`;
    return this.parsed(name, fallback, expected, (raw) => {
      const value = parseBytes(raw);
      return value !== undefined && Number.isInteger(value) && within(value, range) ? value : undefined;
    });
  }

  /** An address to listen on: an IPv4 or IPv6 address, or a host name. */
  host(name: string, fallback: string): string {
    return this.parsed(name, fallback, 'an IP address (such as 127.0.0.1, 0.0.0.0 or ::) or a host name', (raw) =>
      net.isIP(raw) || /^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$/i.test(raw) ? raw : undefined,
    );
  }

  /** A PostgreSQL connection URL (postgres:// or postgresql://). */
  databaseUrl(name: string): string | undefined {
    return this.parsed(name, undefined, 'a URL starting with postgres:// or postgresql://', (raw) => (isDatabaseUrl(raw) ? raw : undefined));
  }

  /** A comma-separated list of PostgreSQL URLs (empty when unset). */
  databaseUrls(name: string): string[] {
    return this.parsed(name, [], 'comma-separated URLs starting with postgres:// or postgresql://', (raw) => {
      const urls = raw.split(',').map((v) => v.trim()).filter(Boolean);
      return urls.length && urls.every(isDatabaseUrl) ? urls : undefined;
    });
  }

  /** A comma-separated list (entries trimmed; an unset variable gives the fallback). */
  list(name: string, fallback: string[]): string[] {
    const raw = this.env[name];
    return raw === undefined || raw === '' ? fallback : raw.split(',').map((v) => v.trim());
  }
}

/** Reads settings with one EnvReader and refuses them all at once when any is wrong. */
export function readEnv<T>(env: NodeJS.ProcessEnv, read: (reader: EnvReader) => T): T {
  const reader = new EnvReader(env);
  const value = read(reader);
  reader.done();
  return value;
}

function isDatabaseUrl(raw: string): boolean {
  try {
    return ['postgres:', 'postgresql:'].includes(new URL(raw).protocol);
  } catch {
    return false;
  }
}
