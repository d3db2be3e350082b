import { Writable } from 'node:stream';
import pino from 'pino';
import { startTestApp, type TestApp } from '../support/app';
import { until } from '../support/wait';

// The app is built here rather than by startTestApp so that its logger writes where the test reads.
type Line = Record<string, unknown>;
const lines: Line[] = [];
const destination = new Writable({
  write(chunk: Buffer, _encoding, done) {
    for (const text of chunk.toString().split('\n').filter(Boolean)) lines.push(JSON.parse(text) as Line);
    done();
  },
});

let t: TestApp;
let url: string;
let key: string;
beforeAll(async () => {
  t = await startTestApp({}, { logger: pino({ level: 'info' }, destination) });
  url = t.graphqlUrl;
  key = (await t.app.services.apiKeys.create('request log test', ['read'])).secret;
});
afterAll(() => t.close());

async function logged(requestId: string): Promise<Line[]> {
  // The line is written when the response closes, which may come just after the client has read it.
  await until(() => lines.some((l) => l.requestId === requestId && l.msg === 'request'), { what: `the request line for ${requestId}` });
  return lines.filter((l) => l.requestId === requestId);
}

test('one JSON line per request with the caller\'s request id, operation and key name, never the key', async () => {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${key}`, 'x-request-id': 'req-log-1' },
    body: JSON.stringify({ query: 'query LoggedQuery { segment(key: "none") { id } }' }),
  });
  expect(res.headers.get('x-request-id')).toBe('req-log-1');
  await res.json();
  const [line, ...more] = await logged('req-log-1');
  expect(more).toEqual([]);
  expect(line).toMatchObject({ level: 30, msg: 'request', requestId: 'req-log-1', method: 'POST', path: '/graphql', status: 200, operationName: 'LoggedQuery', operationType: 'query', key: 'request log test' });
  expect(typeof line.ms).toBe('number');
  expect(JSON.stringify(lines)).not.toContain(key);
});

test('without x-request-id (or with an unusable one) an id is generated and returned', async () => {
  const res = await fetch(`${url.replace(/\/graphql$/, '')}/v1/track`, { method: 'POST', headers: { 'x-request-id': 'bad id {with spaces}' }, body: '{}' });
  const requestId = res.headers.get('x-request-id')!;
  expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
  expect(await logged(requestId)).toEqual([expect.objectContaining({ path: '/v1/track', status: 401 })]);
});

test('an unexpected error is logged with the request id; the client sees it masked', async () => {
  // A real failure rather than a fake: the pool the services query through is gone.
  await t.db.close();
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${key}`, 'x-request-id': 'req-log-err' },
    body: JSON.stringify({ query: '{ profiles(first: 1) { edges { node { id } } } }' }),
  });
  const body = (await res.json()) as { errors: { message: string; extensions: { code: string } }[] };
  expect(body.errors[0]).toMatchObject({ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } });
  const entries = await logged('req-log-err');
  expect(entries).toEqual(
    expect.arrayContaining([
      expect.objectContaining({ level: 50, msg: 'unexpected error', requestId: 'req-log-err', err: expect.objectContaining({ message: expect.stringMatching(/pool/i) }) }),
      expect.objectContaining({ msg: 'request', requestId: 'req-log-err', status: 200 }),
    ]),
  );
});
