import type { ApolloServerPlugin } from '@apollo/server';
import type { Logger } from 'pino';
import { unexpectedError } from './errors';
import { requestInfoOf, type RequestInfo } from './request-log';

/**
 * Tells the HTTP layer which operation a request ran (for the request log line and the
 * duration histogram) and logs failures nobody expected with the request's id; the client
 * only sees "Internal server error" (src/app/errors.ts masks them).
 */
export function graphqlObserver(logger: Logger): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ contextValue, operationName, operation }) {
          const info = requestInfoOf(contextValue);
          if (!info) return;
          info.operationName = operationName ?? undefined;
          info.operationType = operation?.operation;
        },
        async didEncounterErrors({ contextValue, errors, request }) {
          const info = requestInfoOf(contextValue);
          if (info && !info.operationName && request.operationName) info.operationName = request.operationName;
          logUnexpectedErrors(logger, errors, info);
        },
      };
    },
  };
}

/** Logs, with the request's id, each error that is neither a DomainError nor a GraphQL error (a bug). */
export function logUnexpectedErrors(logger: Logger, errors: readonly unknown[], info: RequestInfo | undefined): void {
  for (const error of errors) {
    const original = unexpectedError(error);
    if (original) logger.error({ err: original, requestId: info?.requestId, operationName: info?.operationName }, 'unexpected error');
  }
}
