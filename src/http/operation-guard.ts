import type { DocumentNode, GraphQLError, GraphQLSchema } from 'graphql';
import type { Principal } from '../auth';
import { AccessGuard } from './access-guard';
import { InputGuard } from './input-guard';
import { QueryCost } from './query-cost';

/**
 * What every GraphQL operation passes before it runs, on each path that runs one (Apollo's
 * pipeline, the direct path of ValidatedOperations, graphql-ws): first the access rules
 * (AccessGuard), so a caller without access learns nothing about its values, then its
 * values (InputGuard), then its cost with those values (QueryCost).
 */
export class OperationGuard {
  private readonly access: AccessGuard;
  private readonly inputs: InputGuard;
  private readonly cost: QueryCost;

  constructor(schema: GraphQLSchema, maxCost: number) {
    this.access = new AccessGuard(schema);
    this.inputs = new InputGuard(schema);
    this.cost = new QueryCost(schema, maxCost);
  }

  /** The error to answer with instead of running the operation, or undefined when it may run. */
  refusal(
    document: DocumentNode,
    operationName: string | null | undefined,
    principal: Principal | undefined,
    variables: Record<string, unknown> | null | undefined,
  ): GraphQLError | undefined {
    return (
      this.access.refusal(document, operationName, principal) ??
      this.inputs.refusal(document, operationName, variables) ??
      this.cost.refusal(document, operationName, variables)
    );
  }
}
