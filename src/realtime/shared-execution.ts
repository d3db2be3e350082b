import { createSourceEventStream, execute, type ExecutionArgs, type ExecutionResult } from 'graphql';

type Results = Map<string, Promise<ExecutionResult>>;

/**
 * A `subscribe` for graphql-ws that runs a subscription's selection once per change for
 * all subscribers asking the same thing (same query text, operation and variables),
 * instead of once per subscriber: a change stream hands the same object to every
 * subscriber, and who may subscribe was settled when they subscribed. With 1,000
 * subscribers on one segment this is one execution per change instead of 1,000.
 * Sound while subscription payloads (MembershipChange, ChurnRiskAlert,
 * TriggerOccurrence) have only plain fields: a field resolver that read the context
 * would answer every sharer with the first subscriber's context.
 */
export class SharedSubscriptionExecution {
  private readonly results = new WeakMap<object, Results>();
  /** Selections run; with sharing, once per change and distinct selection. */
  executions = 0;

  subscribe = async (args: ExecutionArgs): Promise<AsyncIterable<ExecutionResult> | ExecutionResult> => {
    const source = await createSourceEventStream(args);
    if (!isAsyncIterable(source)) return source;
    const selection = `${args.operationName ?? ''}\u0000${JSON.stringify(args.variableValues ?? {})}\u0000${args.document.loc?.source.body ?? ''}`;
    // Without the query text (a document built in code) there is nothing safe to share by.
    const shareable = args.document.loc !== undefined;
    return mapAsyncIterator(source, (change) => (shareable && isObject(change) ? this.resultFor(change, selection, args) : this.run(args, change)));
  };

  private resultFor(change: object, selection: string, args: ExecutionArgs): Promise<ExecutionResult> {
    let bySelection = this.results.get(change);
    if (!bySelection) this.results.set(change, (bySelection = new Map()));
    let result = bySelection.get(selection);
    if (!result) bySelection.set(selection, (result = this.run(args, change)));
    return result;
  }

  private async run(args: ExecutionArgs, change: unknown): Promise<ExecutionResult> {
    this.executions++;
    return execute({ ...args, rootValue: change });
  }
}

/**
 * Maps an async iterator without an async generator: `return()` must reach the source
 * at once (an async generator would queue it behind a pending `next()`, and an idle
 * subscription would never release its stream).
 */
function mapAsyncIterator<T, U>(iterable: AsyncIterable<T>, map: (value: T) => Promise<U>): AsyncIterableIterator<U> {
  const iterator = iterable[Symbol.asyncIterator]();
  const mapped = async (r: IteratorResult<T>): Promise<IteratorResult<U>> => (r.done ? { done: true, value: undefined } : { done: false, value: await map(r.value) });
  return {
    next: () => iterator.next().then(mapped),
    return: () => (iterator.return ? iterator.return().then(mapped) : Promise.resolve({ done: true, value: undefined })),
    throw: (error?: unknown) => (iterator.throw ? iterator.throw(error).then(mapped) : Promise.reject(error)),
    [Symbol.asyncIterator]() {
      return this;
    },
  };
}

function isAsyncIterable(value: unknown): value is AsyncIterable<unknown> {
  return typeof value === 'object' && value !== null && Symbol.asyncIterator in value;
}

function isObject(value: unknown): value is object {
  return typeof value === 'object' && value !== null;
}
