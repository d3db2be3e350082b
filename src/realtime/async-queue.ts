/**
 * A push-to-pull bridge: NOTIFY handlers push, a subscription's `for await` pulls.
 * Bounded so a stalled subscriber cannot grow memory without limit; on overflow
 * the stream ends with an error and the client resumes from its last cursor.
 */
export class AsyncQueue<T> implements AsyncIterableIterator<T> {
  private readonly items: T[] = [];
  private waiting?: (result: IteratorResult<T>) => void;
  private failWaiting?: (error: Error) => void;
  private done = false;
  private error?: Error;

  constructor(private readonly limit = 10_000, private readonly onClose: () => void = () => {}) {}

  push(item: T): void {
    if (this.done) return;
    if (this.waiting) {
      const resolve = this.waiting;
      this.waiting = this.failWaiting = undefined;
      resolve({ value: item, done: false });
      return;
    }
    if (this.items.length >= this.limit) {
      this.fail(new Error('subscriber is too slow: resume with the last cursor you received'));
      return;
    }
    this.items.push(item);
  }

  fail(error: Error): void {
    this.error = error;
    this.failWaiting?.(error);
    void this.return();
  }

  next(): Promise<IteratorResult<T>> {
    if (this.items.length) return Promise.resolve({ value: this.items.shift()!, done: false });
    if (this.error) return Promise.reject(this.error);
    if (this.done) return Promise.resolve({ value: undefined, done: true });
    return new Promise((resolve, reject) => {
      this.waiting = resolve;
      this.failWaiting = reject;
    });
  }

  return(): Promise<IteratorResult<T>> {
    if (!this.done) {
      this.done = true;
      this.onClose();
      this.waiting?.({ value: undefined, done: true });
      this.waiting = this.failWaiting = undefined;
    }
    return Promise.resolve({ value: undefined, done: true });
  }

  [Symbol.asyncIterator](): AsyncIterableIterator<T> {
    return this;
  }
}
