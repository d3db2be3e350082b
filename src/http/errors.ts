import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { unwrapResolverError } from '@apollo/server/errors';
import { DomainError, RateLimitedError } from '../common';

/**
 * The one place where failures become `extensions.code`. Expected failures keep their
 * message and details; anything unknown is masked here (and logged with the request id by
 * src/ops/graphql-observer.ts).
 */
export function formatGraphQLError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const original = unwrapResolverError(error);
  if (original instanceof DomainError) {
    return { ...formatted, message: original.message, extensions: { ...original.details, code: original.code } };
  }
  // Parse, validation and variable-coercion errors come as GraphQLErrors with Apollo's codes.
  if (original instanceof GraphQLError) return { ...formatted, message: withoutSuggestions(formatted.message) };
  return { message: 'Internal server error', locations: formatted.locations, path: formatted.path, extensions: { code: 'INTERNAL_SERVER_ERROR' } };
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
 * answers alike): each gets a code, INTERNAL_SERVER_ERROR when it has none; an `http`
 * extension sets the response status and is not sent; then formatGraphQLError.
 */
export function formatExecutionErrors(errors: readonly GraphQLError[]): { errors: GraphQLFormattedError[]; httpStatus?: number } {
  let httpStatus: number | undefined;
  const formatted = errors.map((error) => {
    const { http, ...rest } = (error.extensions ?? {}) as Record<string, unknown> & { http?: { status?: number } };
    if (http?.status) httpStatus = http.status;
    return formatGraphQLError({ ...error.toJSON(), extensions: { ...rest, code: rest.code ?? 'INTERNAL_SERVER_ERROR' } }, error);
  });
  return { errors: formatted, httpStatus };
}

/** The underlying error when `error` is neither a DomainError nor a GraphQL error (a bug to log), else undefined. */
export function unexpectedError(error: unknown): unknown {
  const original = unwrapResolverError(error);
  return original instanceof DomainError || original instanceof GraphQLError ? undefined : original;
}

/** Response headers an error implies: `Retry-After` for RATE_LIMITED. */
export function errorHeaders(error: DomainError): Record<string, string> {
  if (error instanceof RateLimitedError && typeof error.details.retryAfterSeconds === 'number') {
    return { 'retry-after': String(error.details.retryAfterSeconds) };
  }
  return {};
}

/** JSON body for a non-GraphQL endpoint failure, with the same codes. */
export function errorBody(error: DomainError): { status: number; body: unknown } {
  return { status: error.httpStatus, body: { success: false, error: { message: error.message, code: error.code, ...error.details } } };
}

/** A failure before GraphQL execution (authentication, rate limit, body), shaped as a GraphQL response. */
export function graphqlErrorBody(error: DomainError): { status: number; body: unknown } {
  return { status: error.httpStatus, body: { errors: [{ message: error.message, extensions: { ...error.details, code: error.code } }] } };
}
