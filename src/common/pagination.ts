import { isUuid } from './text';
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

/** What one part of a cursor's sort key is: an instant (ISO 8601), a uuid, or a row id (a safe integer, as a string or a number). */
export type CursorPart = 'time' | 'uuid' | 'id';

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?Z$/;

const partOk: Record<CursorPart, (v: unknown) => boolean> = {
  time: (v) => typeof v === 'string' && ISO_INSTANT.test(v) && Number.isFinite(Date.parse(v)),
  uuid: (v) => typeof v === 'string' && isUuid(v),
  id: (v) => (typeof v === 'string' && /^\d{1,15}$/.test(v)) || (typeof v === 'number' && Number.isSafeInteger(v) && v >= 0),
};

/**
 * The sort key a cursor of `encodeCursor` holds, checked part by part against `shape`, or
 * null without a cursor. Anything else (not base64 of JSON, another shape, a part of the
 * wrong type) is BAD_USER_INPUT naming `after`: it would otherwise fail as a cast in SQL.
 */
export function decodeCursor(cursor: string | null | undefined, shape: readonly CursorPart[]): string[] | null {
  if (cursor === null || cursor === undefined || cursor === '') return null;
  let key: unknown;
  try {
    key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    key = undefined;
  }
  if (!Array.isArray(key) || key.length !== shape.length || !shape.every((part, i) => partOk[part](key[i]))) {
    throw new ValidationError('is not a cursor this API issued', 'after');
  }
  return key.map(String);
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
