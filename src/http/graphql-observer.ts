import type { ApolloServerPlugin } from '@apollo/server';
import type { FailureLog } from './failure-log';
import { requestInfoOf } from './request-log';

/**
 * Tells the HTTP layer which operation a request ran (for the request log line and the
 * duration histogram) and hands its errors to the failure log with the request's id; the
 * client only sees "Internal server error" for a bug (src/http/errors.ts masks them).
 */
export function graphqlObserver(failures: FailureLog): ApolloServerPlugin {
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
          failures.log(errors, info);
        },
      };
    },
  };
}
