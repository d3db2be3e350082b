import { gzipSync } from 'node:zlib';

/** The Authorization header Segment's libraries send to /v1: HTTP Basic with the write key as user name and no password. */
export const basicAuth = (writeKey: string) => `Basic ${Buffer.from(`${writeKey}:`).toString('base64')}`;

/** What /v1 answered: the status and the JSON body (Segment's `success` with our counts, or an `error`). */
export interface V1Answer {
  status: number;
  body: {
    success?: boolean;
    accepted?: number;
    duplicates?: number;
    suppressed?: number;
    ignoredIdentities?: string[];
    rejected?: { index: number; messageId: string | null; code: string; message: string; path: string }[];
    error?: { code: string; message: string; path?: string; problems?: { path: string; message: string }[] };
  };
}

/**
 * POSTs `payload` as JSON (gzipped when asked) to a /v1 path of the server at `baseUrl`,
 * with `key` as Basic auth; `key: null` sends none (analytics.js puts it in the body).
 */
export async function postV1(baseUrl: string, path: string, payload: unknown, opts: { key: string | null; gzip?: boolean; contentType?: string }): Promise<V1Answer> {
  const json = Buffer.from(JSON.stringify(payload));
  const res = await fetch(`${baseUrl}${path}`, {
    method: 'POST',
    headers: {
      ...(opts.key === null ? {} : { authorization: basicAuth(opts.key) }),
      'content-type': opts.contentType ?? 'application/json',
      ...(opts.gzip ? { 'content-encoding': 'gzip' } : {}),
    },
    body: opts.gzip ? gzipSync(json) : json,
  });
  return { status: res.status, body: (await res.json()) as V1Answer['body'] };
}
