import { GraphQLError } from 'graphql';
import type { Logger } from 'pino';
import { unwrapResolverError } from '@apollo/server/errors';
import { DomainError } from '../common';
import { classifyDatabaseError } from '../db';
import type { RequestInfo } from './request-log';

/**
 * Where the failures of requests are logged, each kind once in its own way: expected
 * failures (DomainErrors, GraphQL's own errors) not at all; the database being unreachable
 * by `outage` (once per outage); a value the database refused as a warning with the request
 * id (the checks at the edge let it through: src/http/input-guard.ts wants a rule); anything
 * else, a bug, as an error with its stack and the request id.
 */
export class FailureLog {
  constructor(
    private readonly logger: Logger,
    private readonly outage: { report(error: unknown): boolean },
  ) {}

  log(errors: readonly unknown[], info: RequestInfo | undefined): void {
    for (const error of errors) {
      const original = unwrapResolverError(error);
      if (original instanceof DomainError || original instanceof GraphQLError || this.outage.report(original)) continue;
      const where = { err: original, requestId: info?.requestId, operationName: info?.operationName };
      if (classifyDatabaseError(original) === 'bad-value') this.logger.warn(where, 'the database refused a value the input checks let through');
      else this.logger.error(where, 'unexpected error');
    }
  }
}
