import {
  GraphQLError, getNamedType, getNullableType, isLeafType, isListType, Kind, visit,
  type DocumentNode, type GraphQLField, type GraphQLSchema, type VariableDefinitionNode,
} from 'graphql';
import { getComplexity, type ComplexityEstimatorArgs } from 'graphql-query-complexity';
import { listSizeIn } from '../common';

/** Every object field costs 2, every leaf 1; what a field selects counts 1.5 times per level below it. */
const OBJECT_COST = 2;
const LEAF_COST = 1;
const DEPTH_FACTOR = 1.5;
/** Arguments that say how many items a list field returns (their defaults count when absent). */
const SIZE_ARGUMENTS = ['first', 'last', 'limit', 'sampleSize'];

/**
 * The cost of an operation with its variables: a page size given as `first: $n` counts
 * exactly as the literal would (graphql-armor's rule sees only literals, so a variable
 * was a way around the limit), an absent page size counts as its default, and a list
 * without one counts as its declared bound (@ListSize). Computed by graphql-query-complexity
 * (which also honours @skip / @include with variables). The cost of a document is the same
 * for every request whose size-relevant variables are the same, so it is remembered by them.
 */
export class QueryCost {
  private readonly remembered = new WeakMap<DocumentNode, Map<string, number>>();
  private readonly relevant = new WeakMap<DocumentNode, string[]>();

  constructor(private readonly schema: GraphQLSchema, private readonly maxCost: number) {}

  /** The error to answer with, or undefined when within the limit (or when the variables do not coerce: execution reports that). */
  refusal(document: DocumentNode, operationName: string | null | undefined, variables: Record<string, unknown> | null | undefined): GraphQLError | undefined {
    let cost: number;
    try {
      cost = this.costOf(document, operationName ?? undefined, variables ?? {});
    } catch (error) {
      if (error instanceof GraphQLError) return undefined;
      throw error;
    }
    if (cost <= this.maxCost) return undefined;
    return new GraphQLError(`Query Cost limit of ${this.maxCost} exceeded, found ${Math.round(cost)}.`, {
      extensions: { code: 'GRAPHQL_VALIDATION_FAILED', limit: 'costLimit', http: { status: 400 } },
    });
  }

  costOf(document: DocumentNode, operationName: string | undefined, variables: Record<string, unknown>): number {
    let byVariables = this.remembered.get(document);
    if (!byVariables) this.remembered.set(document, (byVariables = new Map()));
    // Of a list only its length can change the cost: a batch of 100 events is not serialized per request.
    const sizes = this.sizeVariables(document).map((name) => (Array.isArray(variables[name]) ? `#${(variables[name] as unknown[]).length}` : (variables[name] ?? null)));
    const key = `${operationName ?? ''}\u0000${JSON.stringify(sizes)}`;
    let cost = byVariables.get(key);
    if (cost === undefined) {
      cost = getComplexity({ schema: this.schema, query: document, operationName, variables, estimators: [estimate] });
      if (byVariables.size < 100) byVariables.set(key, cost);
    }
    return cost;
  }

  /** Variables that can change the cost: page sizes, lists (their lengths), and @skip / @include conditions. */
  private sizeVariables(document: DocumentNode): string[] {
    let names = this.relevant.get(document);
    if (!names) {
      const found = new Set<string>();
      visit(document, {
        VariableDefinition(node: VariableDefinitionNode) {
          const type = node.type.kind === Kind.NON_NULL_TYPE ? node.type.type : node.type;
          if (type.kind === Kind.LIST_TYPE) found.add(node.variable.name.value);
        },
        Argument(node) {
          if (node.value.kind === Kind.VARIABLE && SIZE_ARGUMENTS.includes(node.name.value)) found.add(node.value.name.value);
        },
        Directive(node) {
          for (const arg of node.arguments ?? []) if (arg.value.kind === Kind.VARIABLE) found.add(arg.value.name.value);
        },
      });
      this.relevant.set(document, (names = [...found].sort()));
    }
    return names;
  }
}

function estimate({ type, field, args, childComplexity }: ComplexityEstimatorArgs): number {
  // Introspection is for read keys and tools, answered from memory: it costs nothing.
  if (type.name.startsWith('__') || field.name.startsWith('__')) return 0;
  if (isLeafType(getNamedType(field.type))) return LEAF_COST;
  return (OBJECT_COST + DEPTH_FACTOR * childComplexity) * itemsOf(field, args);
}

/** How many items a composite field returns: its page size when it takes one (a list or a connection), else 1 unless it is a list. */
function itemsOf(field: GraphQLField<unknown, unknown>, args: Record<string, unknown>): number {
  for (const name of SIZE_ARGUMENTS) if (typeof args[name] === 'number') return Math.max(1, args[name] as number);
  if (!isListType(getNullableType(field.type))) return 1;
  const bound = listSizeIn(field.extensions);
  if (bound === 'page') return 1;
  if (bound !== undefined) return bound;
  // A list answering a list argument item by item (personalizeMany's placements).
  const listArgument = field.args.find((a) => isListType(getNullableType(a.type)));
  if (listArgument && Array.isArray(args[listArgument.name])) return Math.max(1, (args[listArgument.name] as unknown[]).length);
  throw new Error(`list field ${field.name} has neither a page size argument nor a @ListSize bound`);
}
