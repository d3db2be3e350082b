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

interface Problem {
  path: string;
  message: string;
}

interface VariableDefinition {
  name: string;
  type: GraphQLInputType;
}

/** What the guard keeps per document and operation: the literals' verdict and the variables' types. */
interface Checked {
  literals: Problem | null;
  variables: VariableDefinition[];
}

/**
 * Checks the values of an operation against their declared types before it runs: every
 * literal argument (the verdict is kept per document) and every variable (per request).
 * Strings hold no NUL character or lone surrogate and fit INPUT_LIMITS, Floats and
 * DateTimeISOs stay within them, JSON values hold only storable text, finite numbers and
 * bounded nesting. A refusal names where the value is: `input.rules[2].segment` for a
 * literal, `variables.events[3].traits.name` for a variable. Values of the wrong shape are
 * left to GraphQL's own coercion, which follows.
 */
export class InputGuard {
  private readonly checked = new WeakMap<DocumentNode, Map<string, Checked>>();

  constructor(private readonly schema: GraphQLSchema) {}

  refusal(document: DocumentNode, operationName: string | null | undefined, variables: Record<string, unknown> | null | undefined): GraphQLError | undefined {
    const checked = this.checkedOf(document, operationName ?? undefined);
    const problem = checked.literals ?? variableProblem(checked.variables, variables);
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

  /** Literal arguments (in the operation and in fragments) and variable defaults; the variables' types. */
  private check(document: DocumentNode, operationName: string | undefined): Checked {
    const operations = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
    const operation = operationName ? operations.find((o) => o.name?.value === operationName) : operations[0];
    const variables: VariableDefinition[] = [];
    for (const definition of operation?.variableDefinitions ?? []) {
      const type = typeFromAST(this.schema, definition.type);
      if (type) variables.push({ name: definition.variable.name.value, type: type as GraphQLInputType });
    }
    let literals: Problem | null = null;
    for (const v of operation?.variableDefinitions ?? []) {
      const type = variables.find((d) => d.name === v.variable.name.value)?.type;
      if (type && v.defaultValue) literals ??= valueProblem(valueFromASTUntyped(v.defaultValue), type, `variables.${v.variable.name.value}`) ?? null;
    }
    const typeInfo = new TypeInfo(this.schema);
    visit(
      document,
      visitWithTypeInfo(typeInfo, {
        OperationDefinition: (node) => (node === operation ? undefined : false),
        Argument: (node) => {
          const type = typeInfo.getInputType();
          if (!literals && type) literals = valueProblem(valueFromASTUntyped(node.value), type, node.name.value) ?? null;
          return false;
        },
      }),
    );
    return { literals, variables };
  }
}

function variableProblem(definitions: VariableDefinition[], values: Record<string, unknown> | null | undefined): Problem | undefined {
  if (!values) return undefined;
  for (const { name, type } of definitions) {
    const problem = valueProblem(values[name], type, `variables.${name}`);
    if (problem) return problem;
  }
  return undefined;
}

/** The first problem of `value` as a `type`; anything of another shape is coercion's to refuse. */
function valueProblem(value: unknown, type: GraphQLInputType, path: string): Problem | undefined {
  if (value === null || value === undefined) return undefined;
  if (isNonNullType(type)) return valueProblem(value, type.ofType, path);
  if (isListType(type)) {
    // A single value where a list is declared is coerced to a list of one.
    if (!Array.isArray(value)) return valueProblem(value, type.ofType, path);
    for (let i = 0; i < value.length; i++) {
      const problem = valueProblem(value[i], type.ofType, `${path}[${i}]`);
      if (problem) return problem;
    }
    return undefined;
  }
  if (isInputObjectType(type)) {
    if (typeof value !== 'object' || Array.isArray(value)) return undefined;
    const fields = type.getFields();
    for (const [name, field] of Object.entries(value)) {
      const problem = fields[name] && valueProblem(field, fields[name].type, `${path}.${name}`);
      if (problem) return problem;
    }
    return undefined;
  }
  return isScalarType(type) ? scalarProblem(type.name, value, path) : undefined;
}

function scalarProblem(scalar: string, value: unknown, path: string): Problem | undefined {
  switch (scalar) {
    case 'String':
    case 'ID':
      return typeof value === 'string' ? textProblem(value, path, INPUT_LIMITS.maxStringBytes) : undefined;
    case 'Float':
      return typeof value === 'number' && !(Math.abs(value) < INPUT_LIMITS.maxFloat) ? { path, message: `must be between -${INPUT_LIMITS.maxFloat} and ${INPUT_LIMITS.maxFloat}` } : undefined;
    case 'DateTimeISO':
      return typeof value === 'string' ? timeProblem(value, path) : undefined;
    case 'Int':
    case 'Boolean':
      return undefined;
    default:
      // JSON, JSONObject and any scalar added later: whatever text and numbers they hold.
      return jsonProblem(value, path, 0);
  }
}

function textProblem(text: string, path: string, maxBytes?: number): Problem | undefined {
  const why = unstorableText(text);
  if (why) return { path, message: why };
  // A UTF-16 code unit is at most 3 bytes of UTF-8: most strings need no count.
  if (maxBytes !== undefined && text.length * 3 > maxBytes && Buffer.byteLength(text) > maxBytes) return { path, message: `must be at most ${maxBytes} bytes (UTF-8)` };
  return undefined;
}

function timeProblem(text: string, path: string): Problem | undefined {
  const ms = Date.parse(text);
  // An unparseable string is the scalar's to refuse.
  if (Number.isNaN(ms) || (ms >= INPUT_LIMITS.earliest && ms <= INPUT_LIMITS.latest)) return undefined;
  return { path, message: `must be between ${new Date(INPUT_LIMITS.earliest).toISOString()} and ${new Date(INPUT_LIMITS.latest).toISOString()}` };
}

function jsonProblem(value: unknown, path: string, depth: number): Problem | undefined {
  if (typeof value === 'string') return textProblem(value, path);
  if (typeof value === 'number') return Number.isFinite(value) ? undefined : { path, message: 'must be a finite number' };
  if (!value || typeof value !== 'object') return undefined;
  if (depth >= INPUT_LIMITS.maxJsonDepth) return { path, message: `is nested more than ${INPUT_LIMITS.maxJsonDepth} levels deep` };
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const problem = jsonProblem(value[i], `${path}[${i}]`, depth + 1);
      if (problem) return problem;
    }
    return undefined;
  }
  for (const [key, item] of Object.entries(value)) {
    const why = unstorableText(key);
    if (why) return { path, message: `has a key that ${why}` };
    const problem = jsonProblem(item, `${path}.${key}`, depth + 1);
    if (problem) return problem;
  }
  return undefined;
}
