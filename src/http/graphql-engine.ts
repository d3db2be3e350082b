import type { ApolloServer } from '@apollo/server';
import type { GraphQLSchema, ValidationRule } from 'graphql';
import type { Logger } from 'pino';
import type { RequestContext } from '../auth';
import type { QueryLimits } from '../config';
import { startApollo } from './apollo';
import type { FailureLog } from './failure-log';
import { armorFor } from './graphql-guards';
import { OperationGuard } from './operation-guard';
import { ValidatedOperations } from './validated-operations';

/** What runs GraphQL operations, shared by HTTP and graphql-ws. */
export interface GraphQLEngine {
  /** Access rules, values and cost of every operation, before it runs. */
  guard: OperationGuard;
  /** graphql-armor's static limits (depth, aliases, directives), for the paths Apollo does not run. */
  validationRules: ValidationRule[];
  validatedOperations: ValidatedOperations;
  apollo: ApolloServer<RequestContext>;
}

export async function startGraphQLEngine(schema: GraphQLSchema, limits: QueryLimits, failures: FailureLog, logger: Logger): Promise<GraphQLEngine> {
  const armor = armorFor(limits);
  const guard = new OperationGuard(schema, limits.maxCost);
  const validatedOperations = new ValidatedOperations(schema, guard);
  const apollo = await startApollo({ schema, limits, armor, validatedOperations, guard, failures, logger });
  return { guard, validationRules: armor.validationRules, validatedOperations, apollo };
}
