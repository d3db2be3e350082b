import { ApolloArmor } from '@escape.tech/graphql-armor';
import type { ApolloServerPlugin } from '@apollo/server';
import {
  GraphQLError,
  parse,
  specifiedRules,
  validate,
  visit,
  BREAK,
  type DocumentNode,
  type ExecutionArgs,
  type GraphQLSchema,
  type ValidationContext,
  type ValidationRule,
} from 'graphql';
import type { Principal } from '../auth';
import type { OperationGuard } from './operation-guard';
import type { QueryLimits } from '../config';

export type LimitName = 'maxDepth' | 'costLimit' | 'maxAliases' | 'maxDirectives';

/**
 * A rejected document gets `code: GRAPHQL_VALIDATION_FAILED` (HTTP 400) like any invalid
 * query, plus `limit` naming the rule it broke; the message states the limit and the value found.
 */
function rejectWith(limit: LimitName) {
  return (ctx: ValidationContext | null, error: GraphQLError) =>
    ctx?.reportError(new GraphQLError(error.message.replace(/^Syntax Error: /, ''), { extensions: { code: 'GRAPHQL_VALIDATION_FAILED', limit } }));
}

/**
 * graphql-armor's depth, cost, alias and directive rules (suggestions are masked in errors.ts).
 * The token limit is graphql-js's own `parse(..., { maxTokens })`: armor's Apollo token
 * plugin throws from a hook Apollo treats as an internal failure (HTTP 500), while the
 * parser's limit is a proper GRAPHQL_PARSE_FAILED (400).
 */
export function armorFor(limits: QueryLimits): { plugins: ApolloServerPlugin[]; validationRules: ValidationRule[] } {
  const reject = (limit: LimitName) => ({ propagateOnRejection: false, onReject: [rejectWith(limit)] });
  const config: ConstructorParameters<typeof ApolloArmor>[0] = {
    maxDepth: { n: limits.maxDepth, ...reject('maxDepth') },
    // The cost limit needs the variables (a page size may be one): QueryCost checks it where they are known.
    costLimit: { enabled: false },
    maxAliases: { n: limits.maxAliases, ...reject('maxAliases') },
    maxDirectives: { n: limits.maxDirectives, ...reject('maxDirectives') },
    maxTokens: { enabled: false },
    // Suggestions are removed from every error on every transport in errors.ts.
    blockFieldSuggestion: { enabled: false },
  };
  const { plugins, validationRules } = new ApolloArmor(config).protect();
  return { plugins, validationRules };
}

// Apollo hands the same parsed document to every request with the same query text.
const introspectionOfDocument = new WeakMap<DocumentNode, boolean>();

/** Whether a document asks for the schema (`__schema` or `__type`; `__typename` is ordinary). */
export function requestsIntrospection(document: DocumentNode): boolean {
  let found = introspectionOfDocument.get(document);
  if (found === undefined) {
    found = findsIntrospection(document);
    introspectionOfDocument.set(document, found);
  }
  return found;
}

function findsIntrospection(document: DocumentNode): boolean {
  let found = false;
  visit(document, {
    Field(node) {
      if (node.name.value === '__schema' || node.name.value === '__type') {
        found = true;
        return BREAK;
      }
      return undefined;
    },
  });
  return found;
}

/**
 * Refuses, before execution, an operation selecting any field the caller's scopes may not
 * read or carrying a value no column could hold (see OperationGuard); then a subscription,
 * which HTTP cannot carry (it is served over graphql-ws on the same path).
 */
export function operationGuardPlugin<C extends { principal?: Principal }>(guard: OperationGuard): ApolloServerPlugin<C> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, operationName, operation, contextValue, request }) {
          const refusal = guard.refusal(document, operationName, contextValue.principal, request.variables);
          if (refusal) throw refusal;
          if (operation?.operation === 'subscription') {
            throw new GraphQLError('Subscriptions are served over WebSocket (graphql-ws protocol) on /graphql, not over HTTP', {
              extensions: { code: 'BAD_REQUEST', http: { status: 400 } },
            });
          }
        },
      };
    },
  };
}

/**
 * The same checks for an operation arriving over graphql-ws, whose server does not run
 * Apollo's pipeline: parse with the token limit, validate with the same rules, then the
 * access rules and the values. Returns execution arguments or the errors to send back.
 */
export function checkSocketOperation(
  schema: GraphQLSchema,
  guard: OperationGuard,
  rules: readonly ValidationRule[],
  maxTokens: number,
  payload: { query: string; operationName?: string | null; variables?: Record<string, unknown> | null },
  principal: Principal | undefined,
): ExecutionArgs | GraphQLError[] {
  let document: DocumentNode;
  try {
    document = parse(payload.query, { maxTokens });
  } catch (error) {
    if (error instanceof GraphQLError) return [new GraphQLError(error.message, { extensions: { code: 'GRAPHQL_PARSE_FAILED' } })];
    throw error;
  }
  const errors = validate(schema, document, [...specifiedRules, ...rules]);
  if (errors.length) return errors.map((e) => new GraphQLError(e.message, { nodes: e.nodes, extensions: { code: 'GRAPHQL_VALIDATION_FAILED', ...e.extensions } }));
  const refusal = guard.refusal(document, payload.operationName, principal, payload.variables);
  if (refusal) {
    const { http: _status, ...extensions } = refusal.extensions;
    return [new GraphQLError(refusal.message, { extensions })];
  }
  return { schema, document, operationName: payload.operationName, variableValues: payload.variables };
}
