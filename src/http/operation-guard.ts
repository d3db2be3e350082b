import type { DocumentNode, GraphQLError, GraphQLSchema } from 'graphql';
import type { Principal } from '../auth';
import { AccessGuard } from './access-guard';
import { InputGuard } from './input-guard';

/**
 * What every GraphQL operation passes before it runs, on each path that runs one (Apollo's
 * pipeline, the direct path of ValidatedOperations, graphql-ws): first the access rules
 * (AccessGuard), so a caller without access learns nothing about its values, then its
 * values (InputGuard).
 */
export class OperationGuard {
  private readonly access: AccessGuard;
  private readonly inputs: InputGuard;

  constructor(schema: GraphQLSchema) {
    this.access = new AccessGuard(schema);
    this.inputs = new InputGuard(schema);
  }

  /** The error to answer with instead of running the operation, or undefined when it may run. */
  refusal(
    document: DocumentNode,
    operationName: string | null | undefined,
    principal: Principal | undefined,
    variables: Record<string, unknown> | null | undefined,
  ): GraphQLError | undefined {
    return this.access.refusal(document, operationName, principal) ?? this.inputs.refusal(document, operationName, variables);
  }
}
