import { startTestApp, type TestApp } from '../support/app';
import { INSERT_BIRTHDAYS } from '../../src/triggers/triggers.sql';
import { DAY, ingestHistory, ingestMessages, occurrencesOf } from './helpers';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

const identify = (birthday: unknown) => [{ at: new Date(Date.now() - DAY), traits: { birthday } }];
const scan = (iso: string) => t.app.services.triggers.scan(new Date(iso));

test('a birthday fires on the day, once that year, and again the next year', async () => {
  const profileId = await ingestHistory(t, 'bday-full', identify('1990-06-15'));
  await scan('2027-06-14T23:59:59Z');
  expect(await occurrencesOf(t, profileId)).toEqual([]);

  await scan('2027-06-15T00:00:30Z');
  await scan('2027-06-15T00:01:30Z');
  await scan('2027-06-15T23:59:00Z');
  const [occurrence, ...more] = await occurrencesOf(t, profileId);
  expect(more).toEqual([]);
  expect(occurrence).toMatchObject({
    kind: 'birthday',
    dedupe_key: `birthday:${profileId}:2027`,
    payload: { birthday: '1990-06-15', date: '2027-06-15', age: 37, leapDayObserved: false },
    occurred_at: new Date('2027-06-15T00:00:30Z'),
  });

  await scan('2028-06-15T08:00:00Z');
  expect((await occurrencesOf(t, profileId)).map((o) => o.dedupe_key)).toEqual([`birthday:${profileId}:2027`, `birthday:${profileId}:2028`]);
});

test('MM-DD birthdays fire without an age', async () => {
  const profileId = await ingestHistory(t, 'bday-short', identify('09-03'));
  await scan('2027-09-03T12:00:00Z');
  expect((await occurrencesOf(t, profileId))[0].payload).toEqual({ birthday: '09-03', date: '2027-09-03', age: null, leapDayObserved: false });
});

test('Feb 29 birthdays fire on Feb 28 in years without a Feb 29, and on Feb 29 in leap years', async () => {
  const leapling = await ingestHistory(t, 'bday-leap', identify('2000-02-29'));
  const feb28 = await ingestHistory(t, 'bday-feb28', identify('2001-02-28'));

  await scan('2027-02-28T09:00:00Z');
  await scan('2027-03-01T09:00:00Z');
  expect((await occurrencesOf(t, leapling)).map((o) => o.payload)).toEqual([{ birthday: '2000-02-29', date: '2027-02-28', age: 27, leapDayObserved: true }]);
  expect(await occurrencesOf(t, feb28)).toHaveLength(1);

  await scan('2028-02-28T09:00:00Z');
  expect(await occurrencesOf(t, leapling)).toHaveLength(1);
  await scan('2028-02-29T09:00:00Z');
  expect((await occurrencesOf(t, leapling)).map((o) => o.payload.date)).toEqual(['2027-02-28', '2028-02-29']);
  expect((await occurrencesOf(t, feb28)).map((o) => o.payload.date)).toEqual(['2027-02-28', '2028-02-28']);
});

test.each([['1990/07/01'], ['July 1'], ['1990-07-01T00:00:00Z'], [19900701], ['07-1']])('a birthday trait %j is not understood and never fires', async (birthday) => {
  const profileId = await ingestHistory(t, `bday-bad-${String(birthday)}`, identify(birthday));
  await scan('2027-07-01T12:00:00Z');
  expect(await occurrencesOf(t, profileId)).toEqual([]);
});

test('a merged-away profile does not fire; its survivor does, once', async () => {
  const [anonymous] = (await ingestMessages(t, [{ type: 'identify', messageId: 'bday-m1', anonymousId: 'bday-anon', traits: { birthday: '1985-11-11' } }])).profileIds;
  const [known] = (await ingestMessages(t, [{ type: 'identify', messageId: 'bday-m2', userId: 'bday-user', traits: { birthday: '1985-11-11' } }])).profileIds;
  const [survivor] = (await ingestMessages(t, [{ type: 'track', messageId: 'bday-m3', anonymousId: 'bday-anon', userId: 'bday-user', event: 'Signed In' }])).profileIds;
  expect(anonymous).not.toBe(known);
  expect([anonymous, known]).toContain(survivor);

  await scan('2027-11-11T10:00:00Z');
  const { rows } = await t.db.query(`select profile_id from trigger_occurrences where payload->>'birthday' = '1985-11-11'`);
  expect(rows).toEqual([{ profile_id: survivor }]);
});

test('the birthday scan finds profiles through the month-day index', async () => {
  const plan = await t.db.transaction(async (tx) => {
    await tx.query('set local enable_seqscan = off');
    const { rows } = await tx.query(`explain ${INSERT_BIRTHDAYS}`, [new Date('2027-06-15T00:00:00Z'), ['06-15']]);
    return rows.map((r) => r['QUERY PLAN']).join('\n');
  });
  expect(plan).toContain('profiles_birthday_month_day_idx');
});
