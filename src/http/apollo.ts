import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import type { GraphQLSchema, ValidationRule } from 'graphql';
import type { Logger } from 'pino';
import type { RequestContext } from '../auth';
import type { QueryLimits } from '../config';
import { errorStatusPlugin, formatGraphQLError } from './errors';
import type { FailureLog } from './failure-log';
import type { OperationGuard } from './operation-guard';
import { operationGuardPlugin } from './graphql-guards';
import { graphqlObserver } from './graphql-observer';
import type { ValidatedOperations } from './validated-operations';

export interface ApolloDeps {
  schema: GraphQLSchema;
  limits: QueryLimits;
  armor: { plugins: NonNullable<ConstructorParameters<typeof ApolloServer>[0]['plugins']>; validationRules: ValidationRule[] };
  validatedOperations: ValidatedOperations;
  guard: OperationGuard;
  failures: FailureLog;
  logger: Logger;
}

/** Apollo Server for every first sight of a query text and every unusual request (src/http/validated-operations.ts runs the repeats). */
export async function startApollo({ schema, limits, armor, validatedOperations, guard, failures, logger }: ApolloDeps): Promise<ApolloServer<RequestContext>> {
  const apollo = new ApolloServer<RequestContext>({
    schema,
    introspection: true,
    // Shutdown is main.ts's: Apollo's own SIGTERM handler (on unless NODE_ENV=test) would stop
    // the server and re-send the signal, which main.ts would take for a second one.
    stopOnTerminationSignals: false,
    // The same in every environment (and on the direct path of ValidatedOperations).
    includeStacktraceInErrorResponses: false,
    parseOptions: { maxTokens: limits.maxTokens },
    validationRules: armor.validationRules,
    // No HTTP cache hints are served, and the cache-control plugin wraps every field resolver.
    plugins: [
      ApolloServerPluginLandingPageDisabled(),
      ApolloServerPluginCacheControlDisabled(),
      ...armor.plugins,
      operationGuardPlugin<RequestContext>(guard),
      graphqlObserver(failures),
      errorStatusPlugin<RequestContext>(),
      validatedOperations.plugin<RequestContext>(),
    ],
    logger: logger.child({ component: 'apollo' }),
    formatError: formatGraphQLError,
  });
  await apollo.start();
  return apollo;
}
