import { GraphQLError, Kind, type GraphQLFormattedError } from 'graphql';
import type { ApolloServerPlugin } from '@apollo/server';
import { unwrapResolverError } from '@apollo/server/errors';
import { DomainError, ServiceUnavailableError, ValidationError } from '../common';
import { classifyDatabaseError } from '../db';

/** How long a client is asked to wait (Retry-After) while the database is unreachable. */
export const DATABASE_RETRY_AFTER_SECONDS = 5;

/**
 * The expected failure an error stands for, or undefined for a bug: a DomainError itself;
 * a database that cannot be reached, SERVICE_UNAVAILABLE (503, Retry-After); a value the
 * database refused (src/db/failures.ts), BAD_USER_INPUT without a path (a safety net: the
 * checks at the edge name the path, and missed this one).
 */
export function expectedFailure(error: unknown): DomainError | undefined {
  const original = unwrapResolverError(error);
  if (original instanceof DomainError) return original;
  const failure = classifyDatabaseError(original);
  if (failure === 'unavailable') {
    return new ServiceUnavailableError('The database cannot be reached; retry later', { retryAfterSeconds: DATABASE_RETRY_AFTER_SECONDS });
  }
  if (failure === 'bad-value') {
    const { code, message } = original as { code?: string; message?: string };
    return new ValidationError(`a value cannot be stored: ${String(message).split('\n')[0].slice(0, 200)}`, undefined, { sqlstate: code });
  }
  return undefined;
}

/**
 * The one place where failures become `extensions.code`. Expected failures keep their
 * message and details; anything unknown is masked here (and logged with the request id by
 * src/http/failure-log.ts).
 */
export function formatGraphQLError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const failure = expectedFailure(error);
  if (failure) return { ...formatted, message: failure.message, extensions: { ...failure.details, code: failure.code } };
  // Parse, validation and variable-coercion errors come as GraphQLErrors with Apollo's codes.
  if (unwrapResolverError(error) instanceof GraphQLError) return { ...formatted, message: withoutSuggestions(formatted.message) };
  return { message: 'Internal server error', locations: formatted.locations, path: formatted.path, extensions: { code: 'INTERNAL_SERVER_ERROR' } };
}

/** A variable whose value does not coerce to its type: the client's mistake (Apollo's test, for paths Apollo does not run). */
function isVariableCoercionError(error: GraphQLError): boolean {
  const node = error.nodes?.length === 1 ? error.nodes[0] : undefined;
  return node?.kind === Kind.VARIABLE_DEFINITION && error.message.startsWith(`Variable "$${node.variable.name.value}" `);
}

/** The HTTP status and headers errors imply when they carry none themselves: 503 and Retry-After while the database is unreachable. */
export function httpOfErrors(errors: readonly unknown[]): { status: number; headers: Record<string, string> } | undefined {
  for (const error of errors) {
    const failure = expectedFailure(error);
    if (failure instanceof ServiceUnavailableError) return { status: failure.httpStatus, headers: errorHeaders(failure) };
  }
  return undefined;
}

/**
 * graphql-js suggests names close to a wrong one ('Did you mean "segments"?', 'Did you
 * mean the enum value "DAY"?'), which lets a caller map fields and values it may not
 * know. Every error leaves through here, on every transport, so this is the one mask.
 */
function withoutSuggestions(message: string): string {
  return message.replace(/\s*Did you mean [^?]*\?/g, '');
}

/**
 * Errors of an execution as they leave the server, by Apollo's rules (so every path
 * answers alike): each gets a code (BAD_USER_INPUT for a variable that does not coerce,
 * else INTERNAL_SERVER_ERROR when it has none); an `http` extension sets the response
 * status and is not sent; then httpOfErrors and formatGraphQLError.
 */
export function formatExecutionErrors(errors: readonly GraphQLError[]): { errors: GraphQLFormattedError[]; httpStatus?: number; headers: Record<string, string> } {
  let httpStatus: number | undefined;
  const formatted = errors.map((error) => {
    const { http, ...rest } = (error.extensions ?? {}) as Record<string, unknown> & { http?: { status?: number } };
    if (http?.status) httpStatus = http.status;
    const code = rest.code ?? (isVariableCoercionError(error) ? 'BAD_USER_INPUT' : 'INTERNAL_SERVER_ERROR');
    return formatGraphQLError({ ...error.toJSON(), extensions: { ...rest, code } }, error);
  });
  const implied = httpOfErrors(errors);
  return { errors: formatted, httpStatus: httpStatus ?? implied?.status, headers: implied?.headers ?? {} };
}

/** The same for Apollo's pipeline: errors thrown in resolvers carry no status of their own. */
export function errorStatusPlugin<C extends object>(): ApolloServerPlugin<C> {
  return {
    async requestDidStart() {
      return {
        async didEncounterErrors({ errors, response }) {
          const implied = httpOfErrors(errors);
          if (!implied) return;
          response.http.status = implied.status;
          for (const [name, value] of Object.entries(implied.headers)) response.http.headers.set(name, value);
        },
      };
    },
  };
}

/** Response headers an error implies: `Retry-After` when it says when to retry (RATE_LIMITED, SERVICE_UNAVAILABLE). */
export function errorHeaders(error: DomainError): Record<string, string> {
  const seconds = error.details.retryAfterSeconds;
  return typeof seconds === 'number' ? { 'retry-after': String(seconds) } : {};
}

/** JSON body for a non-GraphQL endpoint failure, with the same codes. */
export function errorBody(error: DomainError): { status: number; body: unknown } {
  return { status: error.httpStatus, body: { success: false, error: { message: error.message, code: error.code, ...error.details } } };
}

/** A failure before GraphQL execution (authentication, rate limit, body, the database), shaped as a GraphQL response. */
export function graphqlErrorBody(error: DomainError): { status: number; body: unknown } {
  return { status: error.httpStatus, body: { errors: [{ message: error.message, extensions: { ...error.details, code: error.code } }] } };
}
