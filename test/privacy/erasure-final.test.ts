import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ImportService } from '../../src/import/import.service';
import { startTestApp, type TestApp } from '../support/app';
import { ok } from '../support/graphql';
import { ingest } from '../support/operations';
import { basicAuth } from '../support/v1';
import { CreateSegmentDocument, EraseAndSuppressDocument, UnsuppressIdentitiesDocument } from '../generated/graphql';

/**
 * Erasure is final: nothing the person sent before it comes back, whichever way it is
 * replayed (GraphQL, /v1, the importer; with or without a timestamp; from the key that
 * sent it or another). With `suppress`, nothing new bearing their identities is stored
 * either, until an admin lifts it; the refused events are counted.
 */

let t: TestApp;
let dir: string;
const past = '2026-01-05T10:00:00Z';

beforeAll(async () => {
  t = await startTestApp();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'segmentary-erasure-'));
  await ok(t, CreateSegmentDocument, { input: { key: 'seen', name: 'Seen', definition: { stat: { name: 'events', op: 'gte', value: 1 } } } });
});
afterAll(async () => {
  await t.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const traces = async (userId: string, email: string) =>
  (await t.db.query(
    `select (select count(*) from identities where value in ($1, $2))::int as identities,
            (select count(*) from events e join identities i on i.profile_id = e.profile_id where i.value in ($1, $2))::int as events`,
    [userId, email],
  )).rows[0];

async function v1Batch(key: string, batch: unknown[]) {
  const res = await fetch(`${t.baseUrl}/v1/batch`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: basicAuth(key) }, body: JSON.stringify({ batch }) });
  return { status: res.status, body: (await res.json()) as { accepted: number; duplicates: number; suppressed?: number } };
}

async function importNdjson(name: string, messages: unknown[]) {
  const file = path.join(dir, name);
  fs.writeFileSync(file, messages.map((m) => JSON.stringify(m)).join('\n') + '\n');
  return new ImportService(t.app.services.ingest, t.config.ingest).importFile({ file });
}

test('replays of anything sent before the erasure recreate nothing, through every door, from any key', async () => {
  const sender = await t.keyWith('ingest');
  const other = await t.keyWith('ingest');
  const sent = [
    { type: 'identify', messageId: 'fin-1', userId: 'fin-user', traits: { email: 'fin@example.org' }, timestamp: past },
    { type: 'track', messageId: 'fin-2', userId: 'fin-user', event: 'Viewed' },
  ];
  expect((await v1Batch(sender, sent)).body.accepted).toBe(2);
  await importNdjson('before.ndjson', [{ type: 'track', messageId: 'fin-3', userId: 'fin-user', event: 'Imported' }]);
  const erased = await ok(t, EraseAndSuppressDocument, { identity: { kind: 'USER_ID', value: 'fin-user' }, suppress: false });
  expect(erased.eraseProfile).toMatchObject({ identities: 2, segmentsExited: 1, suppressed: false });
  expect(erased.eraseProfile.rowsDeleted).toMatchObject({ events: 3, memberships: 1, message_ids: 3 });
  expect((await t.db.query(`select count(*)::int as n from message_ids where message_id like 'fin-%'`)).rows[0].n).toBe(0);

  // Same messageIds, no timestamps (so "now", after the erasure), every door and key.
  const replays = sent.map(({ timestamp: _t, ...m }) => m);
  expect((await v1Batch(sender, replays)).body).toMatchObject({ accepted: 0, suppressed: 2 });
  expect((await v1Batch(other, replays)).body).toMatchObject({ accepted: 0, suppressed: 2 });
  expect(await ingest(t, [{ type: 'TRACK', messageId: 'fin-2', userId: 'fin-user', event: 'Viewed' }])).toMatchObject({ accepted: 0, suppressed: 1 });
  const imported = await importNdjson('replay.ndjson', [{ type: 'track', messageId: 'fin-3', userId: 'fin-user', event: 'Imported' }, ...replays]);
  expect(imported.accepted).toBe(0);
  // Old events under new messageIds (their timestamps say they precede the erasure).
  expect(await ingest(t, [{ type: 'TRACK', messageId: 'fin-other-id', userId: 'fin-user', event: 'Viewed', timestamp: past }])).toMatchObject({ accepted: 0, suppressed: 1 });
  expect(await traces('fin-user', 'fin@example.org')).toEqual({ identities: 0, events: 0 });

  // Someone using that id after the erasure is a new person (no suppression asked).
  expect(await ingest(t, [{ type: 'TRACK', messageId: 'fin-new', userId: 'fin-user', event: 'Signed Up' }])).toMatchObject({ accepted: 1 });
});

test('with suppress, every later event bearing an erased identity is refused and counted until an admin lifts it', async () => {
  await ingest(t, [{ type: 'IDENTIFY', messageId: 'sup-1', userId: 'sup-user', anonymousId: 'sup-anon', traits: { email: 'Sup@Example.org' } }]);
  const erased = await ok(t, EraseAndSuppressDocument, { identity: { kind: 'EMAIL', value: 'sup@example.org' }, suppress: true });
  expect(erased.eraseProfile).toMatchObject({ identities: 3, suppressed: true });
  const before = await t.db.query(`select coalesce(sum(refused_events), 0)::int as n from suppressions`);

  const later = await ingest(t, [
    { type: 'TRACK', messageId: 'sup-later-1', userId: 'sup-user', event: 'Came Back' },
    { type: 'TRACK', messageId: 'sup-later-2', anonymousId: 'unrelated', event: 'Other' },
    { type: 'IDENTIFY', messageId: 'sup-later-3', anonymousId: 'new-browser', traits: { email: 'SUP@example.org' } },
  ]);
  expect(later).toMatchObject({ accepted: 1, suppressed: 2 });
  expect(await traces('sup-user', 'sup@example.org')).toEqual({ identities: 0, events: 0 });
  expect((await t.db.query(`select count(*)::int as n from message_ids where message_id in ('sup-later-1', 'sup-later-3')`)).rows[0].n).toBe(0);
  expect((await t.db.query(`select sum(refused_events)::int as n from suppressions`)).rows[0].n - before.rows[0].n).toBe(2);
  const metrics = await (await fetch(`${t.baseUrl}/metrics`)).text();
  expect(metrics).toMatch(/segmentary_ingest_events_total\{result="suppressed"\} [1-9]/);

  const lifted = await ok(t, UnsuppressIdentitiesDocument, { identities: [{ kind: 'EMAIL', value: 'sup@EXAMPLE.org' }, { kind: 'USER_ID', value: 'sup-user' }] });
  expect(lifted.unsuppressIdentities).toBe(2);
  const after = await ingest(t, [
    { type: 'TRACK', messageId: 'sup-after-1', userId: 'sup-user', event: 'Came Back' },
    { type: 'TRACK', messageId: 'sup-after-2', anonymousId: 'sup-anon', event: 'Still suppressed' },
  ]);
  expect(after).toMatchObject({ accepted: 1, suppressed: 1 });
});

test('unsuppressing needs admin', async () => {
  const res = await t.gql(UnsuppressIdentitiesDocument, { identities: [{ kind: 'EMAIL', value: 'x@example.org' }] }, await t.keyWith('ingest'));
  expect(res.errors?.[0].extensions?.code).toBe('FORBIDDEN');
});
