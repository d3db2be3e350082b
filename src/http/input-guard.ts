import {
  GraphQLError,
  Kind,
  TypeInfo,
  isInputObjectType,
  isListType,
  isNonNullType,
  isScalarType,
  typeFromAST,
  valueFromASTUntyped,
  visit,
  visitWithTypeInfo,
  type DocumentNode,
  type GraphQLInputType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type ValueNode,
} from 'graphql';
import { ValidationError, unstorableText } from '../common';

/**
 * What every argument value of the API keeps to, whatever the field, so that no value
 * reaches PostgreSQL that a column, an index or a cast would fail on (that would be a 500).
 * Fields keep their own, narrower rules (key formats, page sizes, money) in their services.
 */
export const INPUT_LIMITS = {
  /** UTF-8 bytes of a String or ID: a btree index entry holds about 2,700 bytes. */
  maxStringBytes: 2048,
  /** A Float's magnitude: money is numeric(14,2), and no threshold or weight comes near. */
  maxFloat: 1e12,
  /** DateTimeISO: from the Unix epoch to the end of the last four-digit year. */
  earliest: Date.UTC(1970, 0, 1),
  latest: Date.UTC(10000, 0, 1) - 1,
  /** Nesting of a JSON value (as ingestion allows). */
  maxJsonDepth: 32,
} as const;

/** What is wrong with a value, and where: `path` is relative to the value checked (`.rules[2].segment`, or '' for the value itself). */
interface Problem {
  path: string;
  message: string;
}

/** Checks one value of a type; null and undefined are always fine (required values are coercion's). Compiled once per type. */
type Check = (value: unknown) => Problem | undefined;

interface VariableDefinition {
  name: string;
  check: Check;
}

/** What the guard keeps per document and operation: the literals' verdict (with its full path) and the variables' checks. */
interface Checked {
  literals: Problem | null;
  variables: VariableDefinition[];
}

/**
 * Checks the values of an operation against their declared types before it runs: every
 * literal argument (the verdict is kept per document) and every variable (per request,
 * by checks compiled once per type). Strings hold no NUL character or lone surrogate and
 * fit INPUT_LIMITS, Floats and DateTimeISOs stay within them, JSON values hold only
 * storable text, finite numbers and bounded nesting. A refusal names where the value is:
 * `input.rules[2].segment` for a literal, `variables.events[3].traits.name` for a
 * variable. Values of the wrong shape are left to GraphQL's own coercion, which follows.
 */
export class InputGuard {
  private readonly checked = new WeakMap<DocumentNode, Map<string, Checked>>();

  constructor(private readonly schema: GraphQLSchema) {}

  refusal(document: DocumentNode, operationName: string | null | undefined, variables: Record<string, unknown> | null | undefined): GraphQLError | undefined {
    const checked = this.checkedOf(document, operationName ?? undefined);
    const problem = checked.literals ?? (variables ? variableProblem(checked.variables, variables) : undefined);
    if (!problem) return undefined;
    const error = new ValidationError(problem.message, problem.path);
    return new GraphQLError(error.message, { extensions: { ...error.details, code: error.code, http: { status: error.httpStatus } } });
  }

  private checkedOf(document: DocumentNode, operationName: string | undefined): Checked {
    let byOperation = this.checked.get(document);
    if (!byOperation) this.checked.set(document, (byOperation = new Map()));
    let checked = byOperation.get(operationName ?? '');
    if (!checked) byOperation.set(operationName ?? '', (checked = this.check(document, operationName)));
    return checked;
  }

  /** Literal arguments (in the operation and in fragments) and variable defaults; the variables' checks. */
  private check(document: DocumentNode, operationName: string | undefined): Checked {
    const operations = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
    const operation = operationName ? operations.find((o) => o.name?.value === operationName) : operations[0];
    const variables: VariableDefinition[] = [];
    let literals: Problem | null = null;
    const literal = (node: ValueNode, check: Check, at: string) => {
      const problem = literals ? undefined : check(valueFromASTUntyped(node));
      if (problem) literals = { path: at + problem.path, message: problem.message };
    };
    for (const definition of operation?.variableDefinitions ?? []) {
      const type = typeFromAST(this.schema, definition.type) as GraphQLInputType | undefined;
      if (!type) continue;
      const name = definition.variable.name.value;
      variables.push({ name, check: checkOf(type) });
      if (definition.defaultValue) literal(definition.defaultValue, checkOf(type), `variables.${name}`);
    }
    const typeInfo = new TypeInfo(this.schema);
    visit(
      document,
      visitWithTypeInfo(typeInfo, {
        OperationDefinition: (node) => (node === operation ? undefined : false),
        Argument: (node) => {
          const type = typeInfo.getInputType();
          if (type) literal(node.value, checkOf(type), node.name.value);
          return false;
        },
      }),
    );
    return { literals, variables };
  }
}

function variableProblem(definitions: VariableDefinition[], values: Record<string, unknown>): Problem | undefined {
  for (const { name, check } of definitions) {
    const problem = check(values[name]);
    if (problem) return { path: `variables.${name}${problem.path}`, message: problem.message };
  }
  return undefined;
}

/** `problem`, seen from one step further out (`.name` or `[3]`). */
const within = (step: string, problem: Problem): Problem => ({ path: step + problem.path, message: problem.message });
const problem = (message: string): Problem => ({ path: '', message });

const checks = new WeakMap<GraphQLInputType, Check>();

/** The check of a type, compiled on first use (input types may refer to themselves: fields are looked up when checked). */
function checkOf(type: GraphQLInputType): Check {
  let check = checks.get(type);
  if (!check) checks.set(type, (check = compile(type)));
  return check;
}

function compile(type: GraphQLInputType): Check {
  if (isNonNullType(type)) return checkOf(type.ofType);
  if (isListType(type)) {
    const item = checkOf(type.ofType);
    return (value) => {
      // A single value where a list is declared is coerced to a list of one.
      if (!Array.isArray(value)) return item(value);
      for (let i = 0; i < value.length; i++) {
        const found = item(value[i]);
        if (found) return within(`[${i}]`, found);
      }
      return undefined;
    };
  }
  if (isInputObjectType(type)) {
    return (value) => {
      if (!value || typeof value !== 'object' || Array.isArray(value)) return undefined;
      const fields = type.getFields();
      for (const name in value) {
        const field = fields[name];
        const found = field && checkOf(field.type)((value as Record<string, unknown>)[name]);
        if (found) return within(`.${name}`, found);
      }
      return undefined;
    };
  }
  return isScalarType(type) ? scalarCheck(type.name) : () => undefined;
}

function scalarCheck(scalar: string): Check {
  switch (scalar) {
    case 'String':
    case 'ID':
      return (value) => (typeof value === 'string' ? textProblem(value, INPUT_LIMITS.maxStringBytes) : undefined);
    case 'Float':
      return (value) =>
        typeof value === 'number' && !(Math.abs(value) < INPUT_LIMITS.maxFloat) ? problem(`must be between -${INPUT_LIMITS.maxFloat} and ${INPUT_LIMITS.maxFloat}`) : undefined;
    case 'DateTimeISO':
      return (value) => (typeof value === 'string' ? timeProblem(value) : undefined);
    case 'Int':
    case 'Boolean':
      return () => undefined;
    default:
      // JSON, JSONObject and any scalar added later: whatever text and numbers they hold.
      return (value) => jsonProblem(value, 0);
  }
}

function textProblem(text: string, maxBytes?: number): Problem | undefined {
  const why = unstorableText(text);
  if (why) return problem(why);
  // A UTF-16 code unit is at most 3 bytes of UTF-8: most strings need no count.
  if (maxBytes !== undefined && text.length * 3 > maxBytes && Buffer.byteLength(text) > maxBytes) return problem(`must be at most ${maxBytes} bytes (UTF-8)`);
  return undefined;
}

function timeProblem(text: string): Problem | undefined {
  const ms = Date.parse(text);
  // An unparseable string is the scalar's to refuse.
  if (Number.isNaN(ms) || (ms >= INPUT_LIMITS.earliest && ms <= INPUT_LIMITS.latest)) return undefined;
  return problem(`must be between ${new Date(INPUT_LIMITS.earliest).toISOString()} and ${new Date(INPUT_LIMITS.latest).toISOString()}`);
}

function jsonProblem(value: unknown, depth: number): Problem | undefined {
  if (typeof value === 'string') return textProblem(value);
  if (typeof value === 'number') return Number.isFinite(value) ? undefined : problem('must be a finite number');
  if (!value || typeof value !== 'object') return undefined;
  if (depth >= INPUT_LIMITS.maxJsonDepth) return problem(`is nested more than ${INPUT_LIMITS.maxJsonDepth} levels deep`);
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = jsonProblem(value[i], depth + 1);
      if (found) return within(`[${i}]`, found);
    }
    return undefined;
  }
  for (const key in value) {
    const why = unstorableText(key);
    if (why) return problem(`has a key that ${why}`);
    const found = jsonProblem((value as Record<string, unknown>)[key], depth + 1);
    if (found) return within(`.${key}`, found);
  }
  return undefined;
}
