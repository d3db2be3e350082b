import crypto from 'node:crypto';
import type http from 'node:http';
import { GraphQLError, type ExecutionArgs, type ExecutionResult, type GraphQLFormattedError, type GraphQLSchema, type ValidationRule } from 'graphql';
import { WebSocketServer } from 'ws';
import { useServer } from 'graphql-ws/use/ws';
import { RateLimitedError } from '../common';
import type { Principal, RequestContext } from '../auth';
import type { OperationGuard } from './operation-guard';
import { checkSocketOperation } from './graphql-guards';

export interface SocketDeps {
  schema: GraphQLSchema;
  guard: OperationGuard;
  subscribe(args: ExecutionArgs): Promise<AsyncIterable<ExecutionResult> | ExecutionResult>;
  contextFor(principal: Principal | undefined, requestId: string): RequestContext;
  authenticate(authorizationHeader: string | undefined, userToken?: string): Promise<Principal | undefined>;
  admit(principal: Principal): void;
  validationRules: ValidationRule[];
  maxTokens: number;
  formatErrors(errors: readonly GraphQLError[]): GraphQLFormattedError[];
}

type ConnectionParams = { authorization?: string; apiKey?: string; userToken?: string };

/** graphql-ws on /graphql: the key comes in `connection_init`; each operation passes the same limits, introspection rule and rate limit as HTTP. */
export function serveGraphQLOverWebSocket(server: http.Server, deps: SocketDeps) {
  const wss = new WebSocketServer({ server, path: '/graphql' });
  const wsServer = useServer<ConnectionParams, { principal?: Principal }>(
    {
      schema: deps.schema,
      subscribe: deps.subscribe,
      context: async (ctx) => deps.contextFor(ctx.extra.principal, crypto.randomUUID()),
      onConnect: async (ctx) => {
        const raw = ctx.connectionParams?.authorization ?? (ctx.connectionParams?.apiKey ? `Bearer ${ctx.connectionParams.apiKey}` : undefined);
        try {
          ctx.extra.principal = await deps.authenticate(raw, ctx.connectionParams?.userToken);
          return true;
        } catch {
          return false;
        }
      },
      // Errors leave as they do over HTTP: with extensions.code, unexpected ones masked and logged.
      onNext: (_ctx, _id, _payload, _args, result) => (result.errors?.length ? { ...result, errors: deps.formatErrors(result.errors) } : undefined),
      onError: (_ctx, _id, _payload, errors) => deps.formatErrors(errors),
      // graphql-ws parses and validates by itself; this replaces that with our checks.
      onSubscribe: (ctx, _id, payload) => {
        const principal = ctx.extra.principal;
        try {
          if (principal) deps.admit(principal);
        } catch (error) {
          if (!(error instanceof RateLimitedError)) throw error;
          return [new GraphQLError(error.message, { extensions: { ...error.details, code: error.code } })];
        }
        return checkSocketOperation(deps.schema, deps.guard, deps.validationRules, deps.maxTokens, payload, principal);
      },
    },
    wss,
  );
  return { wss, wsServer };
}
