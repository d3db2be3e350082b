import {
  GraphQLError,
  getNamedType,
  isCompositeType,
  isObjectType,
  isInterfaceType,
  Kind,
  SchemaMetaFieldDef,
  TypeMetaFieldDef,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import { hasScope, type Principal, type Scope } from '../auth';
import { scopesIn } from '../common';

/** Introspection (`__schema`, `__type`) maps the API: for tools and people holding read keys. */
const INTROSPECTION_SCOPES: readonly Scope[] = ['read'];
/** No rule on the field nor on its type: only admin keys. */
const DENY_BY_DEFAULT: readonly Scope[] = ['admin'];

/** A field an operation selects, with the scopes that may read it. */
interface SelectedField {
  coordinate: string;
  scopes: readonly Scope[];
}

/**
 * Deny by default, checked before anything runs: every field an operation selects
 * (through any fragment, at any depth) must be readable by the caller's scopes under the
 * rules `@Scopes` put in the schema (src/auth/scopes.ts). Checking only root fields
 * would not do: a key allowed `personalize` reaches `Decision`, `Segment` and
 * `Recommendation` through it. The fields of a document are listed once per document
 * and operation; the answer for a scope set is remembered beside them.
 */
export class AccessGuard {
  private readonly selections = new WeakMap<DocumentNode, Map<string, SelectedField[]>>();
  private readonly verdicts = new WeakMap<SelectedField[], Map<string, GraphQLError | null>>();

  constructor(private readonly schema: GraphQLSchema) {}

  /** The error to answer with instead of running the operation, or undefined when every field is allowed. */
  refusal(document: DocumentNode, operationName: string | null | undefined, principal: Principal | undefined): GraphQLError | undefined {
    const fields = this.fieldsOf(document, operationName ?? undefined);
    const key = principal ? [...principal.scopes].sort().join(' ') : '';
    let byScopes = this.verdicts.get(fields);
    if (!byScopes) this.verdicts.set(fields, (byScopes = new Map()));
    let verdict = byScopes.get(key);
    if (verdict === undefined) byScopes.set(key, (verdict = judge(fields, principal) ?? null));
    return verdict ?? undefined;
  }

  private fieldsOf(document: DocumentNode, operationName: string | undefined): SelectedField[] {
    let byOperation = this.selections.get(document);
    if (!byOperation) this.selections.set(document, (byOperation = new Map()));
    const cacheKey = operationName ?? '';
    let fields = byOperation.get(cacheKey);
    if (!fields) byOperation.set(cacheKey, (fields = selectedFields(this.schema, document, operationName)));
    return fields;
  }
}

function judge(fields: SelectedField[], principal: Principal | undefined): GraphQLError | undefined {
  const refused = fields.filter((f) => !f.scopes.some((scope) => hasScope(principal, scope)));
  if (!refused.length) return undefined;
  const coordinates = refused.map((f) => f.coordinate);
  const introspectionOnly = coordinates.every((c) => c === 'Query.__schema' || c === 'Query.__type');
  const status = principal ? { code: 'FORBIDDEN', http: { status: 403 } } : { code: 'UNAUTHENTICATED', http: { status: 401 } };
  if (introspectionOnly) {
    return new GraphQLError('Introspection needs a key with the read or admin scope; the schema is published as schema/schema.graphql', {
      extensions: { code: status.code, fields: coordinates, http: status.http },
    });
  }
  if (!principal) return new GraphQLError('An API key is required: send "Authorization: Bearer <key>"', { extensions: { code: status.code, http: status.http } });
  const shown = refused.slice(0, 10).map((f) => `${f.coordinate} (${f.scopes.join(' or ')})`);
  const more = refused.length > 10 ? ` and ${refused.length - 10} more` : '';
  return new GraphQLError(`This key's scopes (${principal.scopes.join(', ')}) may not read ${shown.join(', ')}${more}`, {
    extensions: { code: status.code, fields: coordinates, http: status.http },
  });
}

/** Every field the chosen operation selects, through fragments, with its rule. The document is already validated. */
function selectedFields(schema: GraphQLSchema, document: DocumentNode, operationName: string | undefined): SelectedField[] {
  const operations = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  const operation = operationName ? operations.find((o) => o.name?.value === operationName) : operations[0];
  if (!operation) return [];
  const root = schema.getRootType(operation.operation);
  if (!root) return [];
  const fragments = new Map(
    document.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((f) => [f.name.value, f]),
  );
  const found = new Map<string, SelectedField>();
  const walked = new Set<string>();

  const walk = (selectionSet: SelectionSetNode, parent: GraphQLCompositeType): void => {
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) {
        const name = selection.name.value;
        // __typename is always allowed; the fields of introspection types (__Type, __Field, ...)
        // are reached only through __schema / __type, which carry the rule.
        if (name === '__typename' || parent.name.startsWith('__')) continue;
        const field = fieldOf(schema, parent, name);
        if (!field) continue;
        const coordinate = `${parent.name}.${name}`;
        if (!found.has(coordinate)) found.set(coordinate, { coordinate, scopes: rule(parent, field) });
        const next = getNamedType(field.type);
        if (selection.selectionSet && isCompositeType(next)) walk(selection.selectionSet, next);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const type = selection.typeCondition ? (schema.getType(selection.typeCondition.name.value) as GraphQLCompositeType) : parent;
        walk(selection.selectionSet, type);
      } else {
        const fragment = fragments.get(selection.name.value);
        if (!fragment) continue;
        const type = schema.getType(fragment.typeCondition.name.value) as GraphQLCompositeType;
        const key = `${fragment.name.value}@${parent.name}`;
        if (walked.has(key)) continue;
        walked.add(key);
        walk(fragment.selectionSet, type);
      }
    }
  };
  walk(operation.selectionSet, root);
  return [...found.values()];
}

function fieldOf(schema: GraphQLSchema, parent: GraphQLCompositeType, name: string): GraphQLField<unknown, unknown> | undefined {
  if (parent === schema.getQueryType()) {
    if (name === SchemaMetaFieldDef.name) return SchemaMetaFieldDef;
    if (name === TypeMetaFieldDef.name) return TypeMetaFieldDef;
  }
  return isObjectType(parent) || isInterfaceType(parent) ? parent.getFields()[name] : undefined;
}

/** The field's own rule, else its type's, else admin only; introspection has its own. */
function rule(parent: GraphQLCompositeType, field: GraphQLField<unknown, unknown>): readonly Scope[] {
  if (field === SchemaMetaFieldDef || field === TypeMetaFieldDef) return INTROSPECTION_SCOPES;
  return scopesIn(field.extensions) ?? scopesIn(parent.extensions) ?? DENY_BY_DEFAULT;
}
