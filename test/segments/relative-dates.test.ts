import { startTestApp, type TestApp } from '../support/app';
import { ok } from '../support/graphql';
import { ingest } from '../support/operations';
import { memberUserIds } from '../support/segments';
import { CreateSegmentDocument, type EventInput } from '../generated/graphql';
import { birthdayMonthDays } from '../../src/triggers/trigger-rules';

/**
 * Relative dates (issue 15 §2) against independent answers on generated profiles, with the
 * app clock pinned and then moved on: `within_last` / `within_next` / `before_last` /
 * `after_next` against a hand-written SQL over the same traits and stats, and
 * `anniversary_within_next` against the birthday trigger's own rule (trigger-rules.ts)
 * applied day by day in each person's time zone.
 */
let t: TestApp;
let now = Date.parse('2026-02-26T21:30:00Z');
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
beforeAll(async () => {
  t = await startTestApp({}, { clock: { now: () => new Date(now) } });
});
afterAll(() => t.close());

const ZONES = [undefined, 'UTC', 'Pacific/Kiritimati', 'Pacific/Pago_Pago', 'Europe/Paris', 'Not/AZone'];
const BIRTHDAYS = ['1990-02-26', '02-27', '2000-02-28', '1992-02-29', '02-29', '1985-03-01', '1970-03-05', '12-31', '1990-02-30', 'soon', '2020-02-27T23:00:00Z'];
const SIGNUP_OFFSETS_H = [-1, -30, -49, -24 * 20, 5, 24 * 3, 24 * 40];

interface Person { userId: string; traits: Record<string, unknown> }

function people(): Person[] {
  const list: Person[] = [];
  let n = 0;
  for (const zone of ZONES) {
    for (const birthday of BIRTHDAYS) {
      const offset = SIGNUP_OFFSETS_H[n % SIGNUP_OFFSETS_H.length];
      const signup = n % 9 === 8 ? 'yesterday' : new Date(now + offset * HOUR).toISOString();
      list.push({ userId: `rd-${n++}`, traits: { birthday, signed_up_at: signup, ...(zone && { timezone: zone }) } });
    }
  }
  return list;
}

/** The person's local date at `at` (UTC when the zone is missing or unknown), as the birthday rule reads dates. */
function localDate(at: number, zone: string | undefined): Date {
  let parts: Intl.DateTimeFormatPart[];
  try {
    parts = new Intl.DateTimeFormat('en-CA', { timeZone: zone ?? 'UTC', year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(new Date(at));
  } catch {
    parts = new Intl.DateTimeFormat('en-CA', { timeZone: 'UTC', year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(new Date(at));
  }
  const get = (type: string) => parts.find((p) => p.type === type)!.value;
  return new Date(`${get('year')}-${get('month')}-${get('day')}T12:00:00Z`);
}

/** Day by day: is one of the next `days` days (today included) one the birthday trigger would celebrate? */
function anniversaryWithin(value: unknown, zone: string | undefined, days: number): boolean {
  if (typeof value !== 'string') return false;
  const match = /^(?:[0-9]{4}-)?([0-9]{2})-([0-9]{2})(?:T.*)?$/.exec(value);
  if (!match) return false;
  const [month, day] = [Number(match[1]), Number(match[2])];
  if (month < 1 || month > 12 || day < 1 || day > [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]) return false;
  const today = localDate(now, zone).getTime();
  return Array.from({ length: days + 1 }, (_, k) => birthdayMonthDays(new Date(today + k * DAY))).some((celebrated) => celebrated.includes(`${match[1]}-${match[2]}`));
}

const membersOf = (key: string) => memberUserIds(t, key);

/** Users whose traits (`x`) or stats (`st`) satisfy a hand-written predicate, with `$1` the app clock's now. */
async function byHand(predicate: string): Promise<string[]> {
  const { rows } = await t.db.query(
    `select i.value from profiles p join identities i on i.profile_id = p.id and i.kind = 'user_id' left join profile_stats st on st.profile_id = p.id,
            lateral (select p.traits as x) tr
      where i.value like 'rd-%' and (${predicate}) order by 1`, [new Date(now)]);
  return rows.map((r) => r.value);
}

const signupValid = `x->>'signed_up_at' <> 'yesterday'`;
/** [key, definition, hand-written SQL]. */
const RELATIVE: [string, Record<string, unknown>, string][] = [
  ['rd-signup-14d', { trait: { path: 'signed_up_at', op: 'within_last', value: { days: 14 } } },
    `${signupValid} and (x->>'signed_up_at')::timestamptz between $1::timestamptz - interval '14 days' and $1::timestamptz`],
  ['rd-signup-next-4d', { trait: { path: 'signed_up_at', op: 'within_next', value: { hours: 96 } } },
    `${signupValid} and (x->>'signed_up_at')::timestamptz between $1::timestamptz and $1::timestamptz + interval '96 hours'`],
  ['rd-signup-before-2d', { trait: { path: 'signed_up_at', op: 'before_last', value: { minutes: 2880 } } },
    `${signupValid} and (x->>'signed_up_at')::timestamptz < $1::timestamptz - interval '2 days'`],
  ['rd-signup-after-1w', { trait: { path: 'signed_up_at', op: 'after_next', value: { days: 7 } } },
    `${signupValid} and (x->>'signed_up_at')::timestamptz > $1::timestamptz + interval '7 days'`],
  ['rd-seen-36h', { stat: { name: 'last_seen_at', op: 'within_last', value: { hours: 36 } } },
    `st.last_seen_at between $1::timestamptz - interval '36 hours' and $1::timestamptz`],
];
const ANNIVERSARY_DAYS = [0, 1, 3, 7];

test('relative dates equal a hand-written SQL, anniversaries the birthday rule, before and after the clock moves', async () => {
  const everyone = people();
  await ingest(t, everyone.map((p, i) => ({ type: 'IDENTIFY', messageId: `rd-id-${i}`, userId: p.userId, traits: p.traits })));
  // Activity for the stats: each person last seen 2 to 60 hours ago.
  const seen: EventInput[] = everyone.map((p, i) => ({ type: 'TRACK', messageId: `rd-ev-${i}`, userId: p.userId, event: 'Page', timestamp: new Date(now - (2 + ((i * 7) % 59)) * HOUR).toISOString() }));
  await ingest(t, seen);
  for (const [key, definition] of RELATIVE) await ok(t, CreateSegmentDocument, { input: { key, name: key, definition } });
  for (const days of ANNIVERSARY_DAYS) {
    await ok(t, CreateSegmentDocument, { input: { key: `rd-birthday-${days}`, name: 'b', definition: { trait: { path: 'birthday', op: 'anniversary_within_next', value: days } } } });
  }
  // A stat's anniversary: the month and day each person was first seen, where they live.
  await ok(t, CreateSegmentDocument, { input: { key: 'rd-first-seen-1', name: 'f', definition: { stat: { name: 'first_seen_at', op: 'anniversary_within_next', value: 1 } } } });
  const firstSeen = new Map(everyone.map((p, i) => [p.userId, Date.parse(seen[i].timestamp as string)]));
  const firstSeenMonthDay = (p: Person) => localDate(firstSeen.get(p.userId)!, p.traits.timezone as string | undefined).toISOString().slice(5, 10);

  const expectAgreement = async (first = false) => {
    for (const [key, , handSql] of RELATIVE) {
      const expected = await byHand(handSql);
      if (first) expect({ key, some: expected.length > 0 }).toEqual({ key, some: true }); // never vacuous
      expect({ key, members: await membersOf(key) }).toEqual({ key, members: expected });
    }
    for (const days of ANNIVERSARY_DAYS) {
      const expected = everyone.filter((p) => anniversaryWithin(p.traits.birthday, p.traits.timezone as string | undefined, days)).map((p) => p.userId).sort();
      expect({ days, members: await membersOf(`rd-birthday-${days}`) }).toEqual({ days, members: expected });
    }
    const firstSeenSoon = everyone.filter((p) => anniversaryWithin(firstSeenMonthDay(p), p.traits.timezone as string | undefined, 1)).map((p) => p.userId).sort();
    if (first) expect(firstSeenSoon.length).toBeGreaterThan(0);
    expect(await membersOf('rd-first-seen-1')).toEqual(firstSeenSoon);
  };
  await expectAgreement(true);
  // Kiritimati (UTC+14) is already on Feb 27 at 21:30 UTC on the 26th, Pago Pago (UTC-11) still on the 26th.
  expect(await membersOf('rd-birthday-0')).toEqual(expect.arrayContaining(everyone.filter((p) => p.traits.timezone === 'Pacific/Kiritimati' && p.traits.birthday === '02-27').map((p) => p.userId)));

  // Through Feb 28 in a year without Feb 29 (Feb 29 birthdays are celebrated then), and into March.
  for (const step of [1, 1, 2, 3]) {
    now += step * DAY;
    await t.app.services.expiry.runDue();
    await expectAgreement();
  }
});
