import type { ApolloServerPlugin } from '@apollo/server';
import { compileQuery, isCompiledQuery, type CompiledQuery } from 'graphql-jit';
import { execute, type DocumentNode, type ExecutionResult, type GraphQLError, type GraphQLSchema, type OperationTypeNode } from 'graphql';
import type { Principal } from '../auth';
import type { OperationGuard } from './operation-guard';
import { requestsIntrospection } from './graphql-guards';
import { formatExecutionErrors } from './errors';

/** A document Apollo has parsed, validated (with every rule) and resolved to one operation. */
export interface ValidatedOperation {
  document: DocumentNode;
  /** As the request gave it (it picks the operation when the document has several). */
  requestedName: string | undefined;
  /** The resolved operation's own name, for logs and metrics. */
  name: string | undefined;
  type: OperationTypeNode;
  /** graphql-jit's compiled form, made on first direct execution (null: it could not compile, graphql-js runs it). */
  compiled?: CompiledQuery | null;
}

/** What the HTTP layer needs to decide whether a request may skip Apollo's pipeline. */
export interface GraphQLPost {
  contentType: string | undefined;
  accept: string | undefined;
  body: unknown;
}

export interface ReadyToExecute {
  operation: ValidatedOperation;
  variables: Record<string, unknown> | undefined;
}

export interface ExecutedResponse {
  status: number;
  /** Beyond the content type: Retry-After with a 503. */
  headers: Record<string, string>;
  body: string;
  errors: readonly GraphQLError[];
}

const cacheKey = (query: string, operationName: string | undefined) => `${operationName ?? ''}\u0000${query}`;

/**
 * Most traffic repeats a handful of query texts (a frontend's `personalize`, a BI
 * tool's stats), and Apollo's per-request pipeline (content negotiation, hashing the
 * query, plugin hooks, context cloning) cost as much CPU as running them. Once Apollo
 * has validated a query text, a later POST with the same text and operation name runs
 * directly, compiled to JavaScript by graphql-jit (graphql-js `execute` if it cannot
 * compile), with the same schema, context and error formatting, and gets the same
 * response bytes (test/app/validated-operations.test.ts compares the two paths).
 * Anything unusual takes Apollo's path: GET, persisted-query extensions, other content
 * types or Accept values, introspection, subscriptions, @defer/@stream, variables that
 * fail coercion.
 */
export class ValidatedOperations {
  private readonly operations = new Map<string, ValidatedOperation>();
  /** Requests answered on the direct path. */
  executed = 0;

  constructor(
    private readonly schema: GraphQLSchema,
    private readonly guard: OperationGuard,
    private readonly capacity = 1_000,
    private readonly maxQueryLength = 20_000,
  ) {}

  get size(): number {
    return this.operations.size;
  }

  /** Remembers each operation Apollo resolved, except those that must keep going through its pipeline. */
  plugin<C extends object>(): ApolloServerPlugin<C> {
    return {
      requestDidStart: async ({ request }) => ({
        didResolveOperation: async ({ document, operation, operationName }) => {
          const query = request.query;
          if (!operation || typeof query !== 'string' || query.length > this.maxQueryLength || request.extensions) return;
          if (operation.operation === 'subscription' || requestsIntrospection(document) || usesIncrementalDelivery(document)) return;
          const requestedName = request.operationName ?? undefined;
          this.remember(cacheKey(query, requestedName), { document, requestedName, name: operationName ?? undefined, type: operation.operation });
        },
      }),
    };
  }

  /** The validated operation this request may run directly, or undefined to hand it to Apollo. */
  match({ contentType, accept, body }: GraphQLPost): ReadyToExecute | undefined {
    if (!contentType || !/^application\/json\s*(;|$)/i.test(contentType)) return undefined;
    if (accept !== undefined && accept !== '*/*' && !/^application\/json\s*(;|$)/i.test(accept)) return undefined;
    if (!body || typeof body !== 'object' || Array.isArray(body)) return undefined;
    const { query, operationName, variables, extensions } = body as Record<string, unknown>;
    if (typeof query !== 'string' || extensions !== undefined) return undefined;
    if (operationName !== undefined && operationName !== null && typeof operationName !== 'string') return undefined;
    if (variables !== undefined && variables !== null && (typeof variables !== 'object' || Array.isArray(variables))) return undefined;
    const operation = this.operations.get(cacheKey(query, operationName ?? undefined));
    return operation && { operation, variables: (variables ?? undefined) as Record<string, unknown> | undefined };
  }

  /**
   * Runs the operation. Undefined when nothing was executed because the variables did not
   * coerce: the caller then hands the request to Apollo, which answers with its 400.
   */
  async execute({ operation, variables }: ReadyToExecute, contextValue: { principal?: Principal }): Promise<ExecutedResponse | undefined> {
    // Validated for whoever sent it first; each caller's scopes (remembered per scope set) and values are checked again.
    const refusal = this.guard.refusal(operation.document, operation.requestedName, contextValue.principal, variables);
    if (refusal) {
      this.executed++;
      const formatted = formatExecutionErrors([refusal]);
      return { status: formatted.httpStatus ?? 403, headers: {}, body: JSON.stringify({ errors: formatted.errors }) + '\n', errors: [] };
    }
    if (operation.compiled === undefined) operation.compiled = compiled(this.schema, operation);
    const result: ExecutionResult = operation.compiled
      ? await operation.compiled.query(undefined, contextValue, variables ?? {})
      : await execute({ schema: this.schema, document: operation.document, operationName: operation.requestedName, variableValues: variables, contextValue });
    if (!('data' in result)) return undefined;
    this.executed++;
    const errors = result.errors ?? [];
    const formatted = formatExecutionErrors(errors);
    // Apollo's field order: errors, data, extensions.
    const body = JSON.stringify({ errors: errors.length ? formatted.errors : undefined, data: result.data, extensions: result.extensions }) + '\n';
    return { status: formatted.httpStatus ?? 200, headers: formatted.headers, body, errors };
  }

  private remember(key: string, operation: ValidatedOperation): void {
    if (this.operations.has(key)) return;
    // Insertion order: the oldest entry goes first when full.
    if (this.operations.size >= this.capacity) this.operations.delete(this.operations.keys().next().value!);
    this.operations.set(key, operation);
  }
}

/** graphql-jit's compiled form, or null when it cannot compile the document (graphql-js runs it then). */
function compiled(schema: GraphQLSchema, operation: ValidatedOperation): CompiledQuery | null {
  try {
    const result = compileQuery(schema, operation.document, operation.requestedName);
    return isCompiledQuery(result) ? result : null;
  } catch {
    return null;
  }
}

function usesIncrementalDelivery(document: DocumentNode): boolean {
  return /@(defer|stream)\b/.test(document.loc?.source.body ?? '@defer');
}
