import crypto from 'node:crypto';
import type http from 'node:http';
import { GraphQLError, type ExecutionArgs, type ExecutionResult, type GraphQLFormattedError, type GraphQLSchema, type ValidationRule } from 'graphql';
import { WebSocketServer, type WebSocket } from 'ws';
import { CloseCode } from 'graphql-ws';
import { useServer } from 'graphql-ws/use/ws';
import { RateLimitedError } from '../common';
import { withReadSession } from '../db';
import type { Principal, RequestContext } from '../auth';
import type { OperationGuard } from './operation-guard';
import { checkSocketOperation } from './graphql-guards';

export interface SocketDeps {
  schema: GraphQLSchema;
  guard: OperationGuard;
  subscribe(args: ExecutionArgs): Promise<AsyncIterable<ExecutionResult> | ExecutionResult>;
  contextFor(principal: Principal | undefined, requestId: string): RequestContext;
  authenticate(authorizationHeader: string | undefined, userToken: string | undefined, origin: string | undefined): Promise<Principal | undefined>;
  /** Where each key's open sockets are kept, so that revoking the key closes them. */
  sockets: KeySockets;
  admit(principal: Principal): void;
  validationRules: ValidationRule[];
  maxTokens: number;
  formatErrors(errors: readonly GraphQLError[]): GraphQLFormattedError[];
}

type ConnectionParams = { authorization?: string; apiKey?: string; userToken?: string };

/** graphql-ws on /graphql: the key comes in `connection_init`; each operation passes the same limits, introspection rule and rate limit as HTTP. */
export function serveGraphQLOverWebSocket(server: http.Server, deps: SocketDeps) {
  // Attached by hand rather than with `{ server }`: that would also re-emit the HTTP server's
  // 'error' (a port already taken) on the WebSocket server, where graphql-ws takes it for
  // an internal error of its own. Start-up handles listen errors (http-server.ts).
  const wss = new WebSocketServer({ noServer: true, path: '/graphql' });
  server.on('upgrade', (req, socket, head) => wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req)));
  const wsServer = useServer<ConnectionParams, { principal?: Principal }>(
    {
      schema: deps.schema,
      // A subscription's set-up reads (the profile it follows) see what its key wrote, as over HTTP.
      subscribe: (args) => withReadSession({ keyId: (args.contextValue as RequestContext | undefined)?.principal?.keyId, writes: false }, () => deps.subscribe(args)),
      context: async (ctx) => deps.contextFor(ctx.extra.principal, crypto.randomUUID()),
      onConnect: async (ctx) => {
        const raw = ctx.connectionParams?.authorization ?? (ctx.connectionParams?.apiKey ? `Bearer ${ctx.connectionParams.apiKey}` : undefined);
        // Browsers send the page's Origin with the upgrade: a key restricted to other origins is refused here as over HTTP.
        const authenticate = () => deps.authenticate(raw, ctx.connectionParams?.userToken, ctx.extra.request.headers.origin);
        try {
          const principal = await deps.sockets.authenticateAcrossChanges(authenticate);
          if (principal) deps.sockets.add(principal.keyId, ctx.extra.socket);
          ctx.extra.principal = principal;
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

/**
 * The open graphql-ws sockets of each key. When a key is revoked (here or on another
 * instance) its sockets close with 4403 Forbidden, graphql-ws' code for a refused
 * connection, which its clients take as final.
 */
export class KeySockets {
  private readonly byKey = new Map<string, Set<WebSocket>>();
  /** Bumped on every key change. */
  private changes = 0;

  /** A key changed somewhere: connections authenticating right now check again. */
  keysChanged(): void {
    this.changes++;
  }

  /**
   * Authenticates, again if a key change arrived meanwhile: a lookup that started before a
   * revocation reached this instance could otherwise admit a socket that is never closed.
   */
  async authenticateAcrossChanges(authenticate: () => Promise<Principal | undefined>): Promise<Principal | undefined> {
    for (let attempt = 1; ; attempt++) {
      const seen = this.changes;
      const principal = await authenticate();
      if (seen === this.changes || attempt === 5) return principal;
    }
  }

  add(keyId: string, socket: WebSocket): void {
    let sockets = this.byKey.get(keyId);
    if (!sockets) this.byKey.set(keyId, (sockets = new Set()));
    sockets.add(socket);
    socket.once('close', () => {
      sockets.delete(socket);
      if (!sockets.size && this.byKey.get(keyId) === sockets) this.byKey.delete(keyId);
    });
  }

  /** Keys with a socket open on this instance. */
  get keyIds(): string[] {
    return [...this.byKey.keys()];
  }

  /** Closes every socket of these keys with 4403; returns how many. */
  close(keyIds: Iterable<string>): number {
    let closed = 0;
    for (const keyId of keyIds) {
      for (const socket of this.byKey.get(keyId) ?? []) {
        socket.close(CloseCode.Forbidden, 'Forbidden');
        closed++;
      }
      this.byKey.delete(keyId);
    }
    return closed;
  }
}
