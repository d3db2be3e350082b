import { Extensions } from 'type-graphql';
import type { Scope } from '../auth';

/** Where a field's (or a type's) access rule is kept in the GraphQL schema: its `extensions`. */
export const SCOPES_EXTENSION = 'scopes';

/**
 * The scopes that may read a field: on a query, mutation or subscription, who may call
 * it; on an object type's field, who may select it; on an object type, the rule of each
 * of its fields that names none. `admin` may read everything. A field with no rule, on
 * a type with none, is for `admin` only (src/http/access-guard.ts checks every
 * operation against these rules before it runs).
 */
export function Scopes(...scopes: Scope[]): MethodDecorator & PropertyDecorator & ClassDecorator {
  if (!scopes.length) throw new Error('@Scopes needs at least one scope');
  return Extensions({ [SCOPES_EXTENSION]: scopes });
}

/** The rule stored by @Scopes in a schema element's extensions, if any. */
export function scopesIn(extensions: Readonly<Record<string, unknown>> | null | undefined): readonly Scope[] | undefined {
  const scopes = extensions?.[SCOPES_EXTENSION];
  return Array.isArray(scopes) ? (scopes as Scope[]) : undefined;
}
