import type { Principal, RequestContext } from '../auth';

/**
 * The context of one operation. Its DataLoaders are made on first use: most requests (a
 * profile read, a decision) need none. The getter sits on the prototype because Apollo
 * copies a context's own properties for each operation, and copying would run an own
 * getter, making the loaders on every request.
 */
export class LazyRequestContext<L extends object> implements RequestContext<L> {
  private requestLoaders: L | undefined = undefined;

  constructor(
    readonly requestId: string,
    readonly principal: Principal | undefined,
    private readonly makeLoaders: () => L,
  ) {}

  get loaders(): L {
    return (this.requestLoaders ??= this.makeLoaders());
  }
}
