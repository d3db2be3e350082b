import { Extensions } from 'type-graphql';

/** Where a list field's bound is kept in the schema: its `extensions`. */
export const LIST_SIZE_EXTENSION = 'maxItems';

/**
 * The most items a list field without a page-size argument can hold (a profile's
 * consents, an experiment's variants, the RFM grid). The query-cost estimate multiplies
 * by it; fields whose size the caller chooses take `first` or `limit` instead. `'page'`
 * marks a connection's edges: as many as the page size given to the connection field,
 * which is where the estimate counts them.
 */
export function ListSize(maxItems: number | 'page'): MethodDecorator & PropertyDecorator {
  return Extensions({ [LIST_SIZE_EXTENSION]: maxItems });
}

export function listSizeIn(extensions: Readonly<Record<string, unknown>> | null | undefined): number | 'page' | undefined {
  const size = extensions?.[LIST_SIZE_EXTENSION];
  return typeof size === 'number' || size === 'page' ? size : undefined;
}
