import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { unwrapResolverError } from '@apollo/server/errors';
import { DomainError } from '../common/errors';

/**
 * The one place where failures become `extensions.code`. Expected failures keep their
 * message and details; anything unknown is logged and masked.
 */
export function formatGraphQLError(formatted: GraphQLFormattedError, error: unknown, log: (e: unknown) => void): GraphQLFormattedError {
  const original = unwrapResolverError(error);
  if (original instanceof DomainError) {
    return { ...formatted, message: original.message, extensions: { ...original.details, code: original.code } };
  }
  // Parse, validation and variable-coercion errors come as GraphQLErrors with Apollo's codes.
  if (original instanceof GraphQLError) return formatted;
  log(original);
  return { message: 'Internal server error', locations: formatted.locations, path: formatted.path, extensions: { code: 'INTERNAL_SERVER_ERROR' } };
}

/** JSON body for a non-GraphQL endpoint failure, with the same codes. */
export function errorBody(error: DomainError): { status: number; body: unknown } {
  return { status: error.httpStatus, body: { success: false, error: { message: error.message, code: error.code, ...error.details } } };
}
