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
