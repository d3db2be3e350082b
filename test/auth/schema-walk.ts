import {
  getNamedType, isCompositeType, isEnumType, isInputObjectType, isListType, isNonNullType, isObjectType, isScalarType,
  type GraphQLCompositeType, type GraphQLField, type GraphQLInputType, type GraphQLSchema,
} from 'graphql';

/** How one operation fared: refused by the access rules for these coordinates, or let through. */
export interface Outcome {
  /** `Type.field` coordinates the access guard named in a FORBIDDEN / UNAUTHENTICATED refusal. */
  refused: string[];
  /** Any error at all (resolver errors on dummy arguments are expected and do not count as refusals). */
  errors: unknown[];
}

export type Send = (kind: 'query' | 'mutation' | 'subscription', operation: string) => Promise<Outcome>;

/** Answers that say nothing about access: the walk stops rather than count them as let through. */
const UNUSABLE = new Set(['RATE_LIMITED', 'GRAPHQL_VALIDATION_FAILED', 'GRAPHQL_PARSE_FAILED', 'INTERNAL_SERVER_ERROR']);

/** A value GraphQL will accept for the type; what it means does not matter, the access check comes first. */
export function dummy(type: GraphQLInputType): string {
  if (isNonNullType(type)) return dummy(type.ofType);
  if (isListType(type)) return `[${dummy(type.ofType)}]`;
  if (isEnumType(type)) return type.getValues()[0].name;
  if (isInputObjectType(type)) {
    const fields = Object.values(type.getFields()).filter((f) => isNonNullType(f.type) && f.defaultValue === undefined);
    return `{ ${fields.map((f) => `${f.name}: ${dummy(f.type)}`).join(', ')} }`;
  }
  if (isScalarType(type)) {
    const values: Record<string, string> = { Int: '1', Float: '0.5', Boolean: 'true', ID: '"00000000-0000-4000-8000-000000000000"', DateTimeISO: '"2026-01-01T00:00:00Z"', JSONObject: '{}', JSON: '{}' };
    return values[type.name] ?? '"walk"';
  }
  throw new Error(`no dummy for ${String(type)}`);
}

function call(field: GraphQLField<unknown, unknown>): string {
  const args = field.args.filter((a) => isNonNullType(a.type) && a.defaultValue === undefined).map((a) => `${a.name}: ${dummy(a.type)}`);
  return `${field.name}${args.length ? `(${args.join(', ')})` : ''}`;
}

/**
 * Every field of every type a key can get to, found by asking the server: from the root
 * types, each field is selected at the end of a path of fields the server let through;
 * a field let through opens its type to the walk. Returns the `Type.field` coordinates the
 * key could read. Abstract types have no fields of their own here (the schema has none).
 */
export async function reachableFields(schema: GraphQLSchema, send: Send): Promise<Set<string>> {
  const reachable = new Set<string>();
  // A field's rule does not depend on the path to it: each type is walked once, reached by
  // queries first (mutations run when walked, so they come after).
  const opened = new Set<string>();
  const roots = [
    ['query', schema.getQueryType()],
    ['mutation', schema.getMutationType()],
    ['subscription', schema.getSubscriptionType()],
  ] as const;
  for (const [kind, root] of roots) {
    if (!root) continue;
    const queue: { type: GraphQLCompositeType; path: string[] }[] = [{ type: root, path: [] }];
    while (queue.length) {
      const { type, path } = queue.shift()!;
      if (!isObjectType(type)) continue;
      for (const field of Object.values(type.getFields())) {
        const coordinate = `${type.name}.${field.name}`;
        const named = getNamedType(field.type);
        const leaf = isCompositeType(named) ? `${call(field)} { __typename }` : call(field);
        const operation = path.reduceRight((inner, step) => `${step} { ${inner} }`, leaf);
        const outcome = await send(kind, `${kind} { ${operation} }`);
        const unusable = outcome.errors.find((e) => UNUSABLE.has(String((e as { extensions?: { code?: string } }).extensions?.code)));
        if (unusable) throw new Error(`${coordinate}: the walk cannot tell (${JSON.stringify(unusable)})`);
        if (outcome.refused.includes(coordinate)) continue;
        if (outcome.refused.length) throw new Error(`${coordinate}: refused ${outcome.refused.join(', ')} on a path already let through`);
        reachable.add(coordinate);
        if (isCompositeType(named) && !opened.has(named.name)) {
          opened.add(named.name);
          queue.push({ type: named, path: [...path, call(field)] });
        }
      }
    }
  }
  return reachable;
}

/** The coordinates a refusal names: the access guard puts them in `extensions.fields`. */
export function refusedIn(errors: readonly unknown[] | undefined): string[] {
  const refused: string[] = [];
  for (const error of errors ?? []) {
    const extensions = (error as { extensions?: { code?: string; fields?: string[] } }).extensions;
    if ((extensions?.code === 'FORBIDDEN' || extensions?.code === 'UNAUTHENTICATED') && extensions.fields) refused.push(...extensions.fields);
  }
  return refused;
}
