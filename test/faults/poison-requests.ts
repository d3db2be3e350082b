import { getNamedType, isCompositeType } from 'graphql';
import type { Client } from 'graphql-ws';
import type { FuzzSeed } from './fuzz-baselines';
import { literal, type Expectation, type PoisonCase } from './poison-cases';

/** How the poison fuzz (test/faults/fuzz.test.ts) sends a case and judges the answer. */
export type Mode = 'literal' | 'variables';
export type Errors = { message: string; extensions?: { code?: string; path?: string } }[];
export interface Operation {
  query: string;
  variables?: Record<string, unknown>;
}

/** Codes a refusal may have: the client's mistake, in one form or another. */
const ALLOWED = new Set(['BAD_USER_INPUT', 'GRAPHQL_VALIDATION_FAILED', 'GRAPHQL_PARSE_FAILED', 'NOT_FOUND', 'CONFLICT']);

/** The fields with arguments below the roots, and how to reach them. */
export const NESTED: Record<string, (seed: FuzzSeed, inner: string) => string> = {
  'Profile.events': (seed, inner) => `profile(id: "${seed.profileId}") { ${inner} }`,
  'Segment.members': (_, inner) => `segment(key: "fz-seg") { ${inner} }`,
};

/** The operation that sends a case: its arguments as literals or as variables named after them (undefined: no literal can carry the value). */
export function operationFor(c: PoisonCase, mode: Mode, seed: FuzzSeed): Operation | undefined {
  const given = c.field.args.filter((a) => c.args[a.name] !== undefined);
  const selection = isCompositeType(getNamedType(c.field.type)) ? ' { __typename }' : '';
  const wrap = (inner: string) => NESTED[c.coordinate]?.(seed, inner) ?? inner;
  const call = (values: string[]) => `${c.field.name}${given.length ? `(${given.map((a, i) => `${a.name}: ${values[i]}`).join(', ')})` : ''}${selection}`;
  if (mode === 'variables') {
    const definitions = given.length ? `(${given.map((a) => `$${a.name}: ${String(a.type)}`).join(', ')})` : '';
    return { query: `${c.operation}${definitions} { ${wrap(call(given.map((a) => `$${a.name}`)))} }`, variables: Object.fromEntries(given.map((a) => [a.name, c.args[a.name]])) };
  }
  const literals = given.map((a) => literal(c.args[a.name], a.type));
  if (literals.includes(undefined)) return undefined;
  return { query: `${c.operation} { ${wrap(call(literals as string[]))} }` };
}

/** What a case must get, as sent: a lone surrogate in a literal is a syntax error before any check of ours. */
function expectation(c: PoisonCase, mode: Mode): Expectation {
  if (mode === 'literal' && c.poison.kind === 'surrogate' && c.poison.expect === 'edge') return 'refused';
  if (c.poison.expect === 'after' && c.coordinate === 'Query.contentItems') return 'any'; // its `after` is a plain key, not a cursor
  return c.poison.expect;
}

/** Whether `path` lies inside the value at `outer` (`a.b` and `a[0]` inside `a`). */
export const below = (path: string | undefined, outer: string) => !!path && (path.startsWith(`${outer}.`) || path.startsWith(`${outer}[`));
export const preview = (v: unknown) => JSON.stringify(v)?.slice(0, 80);
export const labelOf = (c: PoisonCase, mode: Mode) => `${c.coordinate} ${mode} ${c.position}=${preview(c.poison.value)}`;

/** The problems with one answer (none: an empty list); `status` is undefined over graphql-ws. */
export function judge(c: PoisonCase, mode: Mode, status: number | undefined, errors: Errors | undefined): string[] {
  const problems: string[] = [];
  if (status !== undefined && status >= 500) problems.push(`HTTP ${status}`);
  for (const e of errors ?? []) if (!ALLOWED.has(String(e.extensions?.code))) problems.push(`code ${e.extensions?.code}: ${e.message.slice(0, 200)}`);
  const expect = expectation(c, mode);
  const path = `${mode === 'variables' ? 'variables.' : ''}${c.position}${c.poison.inner ?? ''}`;
  const named = (p: string) => errors?.some((e) => e.extensions?.code === 'BAD_USER_INPUT' && (e.extensions.path === p || (c.poison.inner === undefined && below(e.extensions.path, p))));
  if (expect === 'edge' && !(named(path) && (status === undefined || status === 400))) problems.push(`not refused at the edge naming ${path}`);
  if (expect === 'after' && !named('after')) problems.push('not refused naming after');
  if (expect === 'refused' && !errors?.length) problems.push('accepted');
  return problems.map((p) => `${labelOf(c, mode)}: ${p} (${preview(errors)})`);
}

export const isRefused = (errors: Errors | undefined, data: unknown) =>
  !!errors?.length && (data === null || data === undefined || Object.values(data).every((v) => v === null));

/** The answer to one operation over graphql-ws: the first result (a subscription let through is closed after 3 s of silence), or the errors it was refused with. */
export function overSocket(client: Client, operation: Operation): Promise<{ errors?: Errors; data?: unknown; silent?: boolean }> {
  return new Promise((resolve) => {
    const done = (result: { errors?: Errors; data?: unknown; silent?: boolean }) => {
      clearTimeout(timer);
      dispose();
      resolve(result);
    };
    // A subscription that was let through sends nothing until something changes.
    const timer = setTimeout(() => done({ silent: true }), 3_000);
    const dispose = client.subscribe(operation, {
      next: (result) => done(result as { errors?: Errors; data?: unknown }),
      error: (error) => done({ errors: Array.isArray(error) ? (error as Errors) : [{ message: String(error) }] }),
      complete: () => done({}),
    });
  });
}
