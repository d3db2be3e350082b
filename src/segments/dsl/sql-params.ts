/**
 * Bound parameters for compiled SQL. Every value that comes from a definition
 * goes through `add`, so user data never becomes SQL text.
 */
export class SqlParams {
  readonly values: unknown[] = [];

  /** `startAt` lets a caller reserve the first placeholders (e.g. `$1` for a profile id). */
  constructor(private readonly startAt = 1) {
    if (!Number.isInteger(startAt) || startAt < 1) throw new RangeError(`startAt must be a positive integer, got ${startAt}`);
  }

  /** Binds a value and returns its placeholder, e.g. `$3`. */
  add(value: unknown): string {
    this.values.push(value);
    return `$${this.startAt + this.values.length - 1}`;
  }
}

const PLACEHOLDER = /^\$[1-9][0-9]*$/;

/** Callers hand the compiler placeholders (like `now`); refuse anything else so no text slips into the SQL. */
export function assertPlaceholder(text: string, what: string): string {
  if (!PLACEHOLDER.test(text)) throw new Error(`${what} must be a parameter placeholder like $1, got ${JSON.stringify(text)}`);
  return text;
}

/** The only comparison operators the compiler emits. */
export const SQL_COMPARISON = {
  eq: '=',
  neq: '<>',
  gt: '>',
  gte: '>=',
  lt: '<',
  lte: '<=',
} as const;
