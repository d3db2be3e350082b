import { print } from 'graphql';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import type { GraphQLResponse, TestApp } from './app';

/**
 * POSTs one operation to a GraphQL endpoint (a test app's or a server process's), with a
 * Bearer key unless `key` is null. The operation is a typed document from test/generated
 * (checked against the schema by codegen) or a string.
 */
export async function postGraphQL<T = Record<string, any>, V = Record<string, unknown>>( // eslint-disable-line @typescript-eslint/no-explicit-any
  url: string,
  query: string | TypedDocumentNode<T, V>,
  variables?: V,
  key?: string | null,
): Promise<GraphQLResponse<T>> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}) },
    body: JSON.stringify({ query: typeof query === 'string' ? query : print(query), variables }),
  });
  const body = (await res.json()) as GraphQLResponse<T>;
  return { ...body, status: res.status };
}

/** Runs an operation that must succeed (no errors) and returns its data, typed by the document when it is a typed one. */
export async function ok<T, V>(t: TestApp, document: TypedDocumentNode<T, V>, variables?: NoInfer<V>, key?: string | null): Promise<T>;
export async function ok(t: TestApp, query: string, variables?: Record<string, unknown>, key?: string | null): Promise<Record<string, any>>; // eslint-disable-line @typescript-eslint/no-explicit-any
export async function ok(t: TestApp, query: string | TypedDocumentNode<unknown, unknown>, variables?: unknown, key?: string | null): Promise<unknown> {
  const res = await t.gql(query, variables, key);
  expect(res.errors).toBeUndefined();
  return res.data;
}
