import { ClassType, Field, Int, ObjectType, ArgsType } from 'type-graphql';
import type { Scope } from '../auth';
import { Scopes } from './scopes';
import { ListSize } from './list-size';
import { ValidationError } from './errors';

/** Connections are for backend keys (read, and admin for the webhook log). */
@Scopes('read')
@ObjectType()
export class PageInfo {
  @Field() hasNextPage!: boolean;
  @Field() hasPreviousPage!: boolean;
  @Field(() => String, { nullable: true }) startCursor!: string | null;
  @Field(() => String, { nullable: true }) endCursor!: string | null;
}

@ArgsType()
export class PageArgs {
  @Field(() => Int, { defaultValue: 20, description: 'At most 100.' }) first: number = 20;
  @Field(() => String, { nullable: true, description: 'Cursor from a previous pageInfo.endCursor.' }) after?: string | null;
}

export interface Page<T> {
  edges: { node: T; cursor: string }[];
  pageInfo: PageInfo;
  totalCount?: number;
}

/** A Relay connection type for T, named `${name}Connection`; its edges are readable by `scopes` (the connection class says its own). */
export function Connection<T extends object>(name: string, Node: ClassType<T>, scopes: Scope[]) {
  @Scopes(...scopes)
  @ObjectType(`${name}Edge`)
  class Edge {
    @Field(() => Node) node!: T;
    @Field() cursor!: string;
  }
  @ObjectType(`${name}ConnectionBase`)
  abstract class ConnectionType {
    @ListSize('page') @Field(() => [Edge]) edges!: Edge[];
    @Field(() => PageInfo) pageInfo!: PageInfo;
  }
  return ConnectionType;
}

/** For lists read whole, up to a page: `first` items (default 100, at most 1000) in the list's own order. */
@ArgsType()
export class ListArgs {
  @Field(() => Int, { defaultValue: 100, description: 'At most 1000.' }) first: number = 100;
}

/** For a profile's own lists (identities, merges, consent history, segments): 20 by default, at most 1000. */
@ArgsType()
export class SmallListArgs {
  @Field(() => Int, { defaultValue: 20, description: 'At most 1000.' }) first: number = 20;
}

/** The first `first` items, after checking the page size (1..1000). */
export function firstOf<T>(items: readonly T[], first: number): T[] {
  return items.slice(0, checkPageSize(first, 1000));
}

export function checkPageSize(first: number, max = 100): number {
  if (!Number.isInteger(first) || first < 1 || first > max) throw new ValidationError(`must be between 1 and ${max}`, 'first');
  return first;
}

/** Opaque keyset cursors: base64url of a JSON tuple of the sort key. */
export function encodeCursor(key: readonly unknown[]): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

export function decodeCursor(cursor: string | null | undefined, length: number): unknown[] | null {
  if (!cursor) return null;
  try {
    const key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(key) && key.length === length) return key;
  } catch {
    /* fall through */
  }
  throw new ValidationError('is not a cursor this API issued', 'after');
}

/** Builds a page from rows fetched with limit first+1. */
export function toPage<T>(rows: T[], first: number, cursorOf: (row: T) => string, hadCursor: boolean): Page<T> {
  const hasNextPage = rows.length > first;
  const nodes = hasNextPage ? rows.slice(0, first) : rows;
  const edges = nodes.map((node) => ({ node, cursor: cursorOf(node) }));
  return {
    edges,
    pageInfo: {
      hasNextPage,
      hasPreviousPage: hadCursor,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
  };
}
