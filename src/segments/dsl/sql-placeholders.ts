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
