import { startTestApp, type TestApp } from '../support/app';
import { ok } from '../support/graphql';
import { ingest } from '../support/operations';
import { mulberry32 } from '../support/random';
import { memberUserIds } from '../support/segments';
import { CreateSegmentDocument, PreviewSegmentDocument, type EventInput } from '../generated/graphql';

/**
 * Sequences (issue 15 §3) against a brute-force search written here over the same generated
 * events: as created (full recompute, the grouped shape), previewed, in real time as more
 * events arrive (the per-profile shape), and after the app clock moves on, when "then not"
 * waits are over (the expiry worker evaluating the due timers).
 */
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
let now = Date.now() - 10 * 24 * HOUR; // in the past of the wall clock, so no event is ever "in the future"
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({}, { clock: { now: () => new Date(now) } });
});
afterAll(() => t.close());

const NAMES = ['Product Viewed', 'Product Added', 'Checkout Started', 'Order Completed'];
interface Ev { user: string; name: string; at: number; price: number }

type Span = { minutes: number } | { hours: number };
const ms = (span: Span) => ('minutes' in span ? span.minutes * MINUTE : span.hours * HOUR);
interface Seq {
  steps: { name: string; within?: Span; where?: unknown[]; minPrice?: number }[];
  thenNot?: { name: string; within: Span };
  lastHours?: number;
}

/** Does some choice of events, one per step in strictly increasing time, satisfy the sequence as of `at`? */
function bruteForce(events: Ev[], seq: Seq, at: number): boolean {
  const mine = events.filter((e) => e.at <= at);
  const tailOk = (last: number) => {
    if (!seq.thenNot) return true;
    const wait = ms(seq.thenNot.within);
    return last + wait <= at && !mine.some((e) => e.name === seq.thenNot!.name && e.at > last && e.at <= last + wait);
  };
  const search = (i: number, prev: number): boolean =>
    mine.some((e) => {
      const step = seq.steps[i];
      if (e.name !== step.name || (step.minPrice !== undefined && !(e.price > step.minPrice))) return false;
      if (i === 0 ? seq.lastHours !== undefined && e.at < at - seq.lastHours * HOUR : e.at <= prev || (step.within && e.at > prev + ms(step.within))) return false;
      return i + 1 < seq.steps.length ? search(i + 1, e.at) : tailOk(e.at);
    });
  return search(0, -Infinity);
}

function definitionOf(seq: Seq): Record<string, unknown> {
  return {
    sequence: {
      steps: seq.steps.map(({ name, within, minPrice }) => ({ name, ...(within && { within }), ...(minPrice !== undefined && { where: [{ path: 'price', op: 'gt', value: minPrice }] }) })),
      ...(seq.thenNot && { thenNot: seq.thenNot }),
      ...(seq.lastHours !== undefined && { within: { lastHours: seq.lastHours } }),
    },
  };
}

const SEQUENCES: Record<string, Seq> = {
  'seq-abandoned-cart': { steps: [{ name: 'Product Added' }], thenNot: { name: 'Order Completed', within: { hours: 2 } }, lastHours: 24 },
  'seq-funnel': { steps: [{ name: 'Product Viewed' }, { name: 'Product Added', within: { minutes: 90 } }, { name: 'Checkout Started', within: { hours: 2 } }] },
  'seq-pricey-then-checkout': { steps: [{ name: 'Product Added', minPrice: 50 }, { name: 'Checkout Started' }], thenNot: { name: 'Order Completed', within: { minutes: 45 } } },
  'seq-viewed-then-bought': { steps: [{ name: 'Product Viewed' }, { name: 'Order Completed', within: { hours: 6 } }], lastHours: 12 },
};

function randomEvents(rnd: () => number, users: string[], count: number, from: number, to: number, tag: string): Ev[] {
  return Array.from({ length: count }, () => ({
    user: users[Math.floor(rnd() * users.length)],
    name: NAMES[Math.floor(rnd() * NAMES.length)],
    // Whole minutes, and some ties: steps must be strictly later.
    at: from + Math.floor(rnd() * ((to - from) / MINUTE)) * MINUTE,
    price: Math.floor(rnd() * 100),
  })).map((e, i) => Object.assign(e, { id: `${tag}-${i}` }));
}

const toInput = (e: Ev & { id?: string }): EventInput => ({
  type: 'TRACK', messageId: `seq-${(e as { id: string }).id}`, userId: e.user, event: e.name, properties: { price: e.price }, timestamp: new Date(e.at).toISOString(),
});

test('members equal a brute-force search: created, previewed, in real time and as the clock moves', async () => {
  const rnd = mulberry32(3131);
  const users = Array.from({ length: 40 }, (_, i) => `seq-u${i}`);
  const events = randomEvents(rnd, users, 500, now - 20 * HOUR, now, 'a');
  // Ties: steps must be strictly later, so seq-tie-none (all at one instant) is never in the funnel, seq-tie-later is.
  const tie = now - 5 * HOUR;
  users.push('seq-tie-none', 'seq-tie-later');
  const tied = (user: string, name: string, at: number, i: number) => Object.assign({ user, name, at, price: 60 }, { id: `tie-${user}-${i}` });
  events.push(
    ...['Product Viewed', 'Product Added', 'Checkout Started'].map((name, i) => tied('seq-tie-none', name, tie, i)),
    tied('seq-tie-later', 'Product Viewed', tie, 0), tied('seq-tie-later', 'Product Added', tie, 1),
    tied('seq-tie-later', 'Product Added', tie + MINUTE, 2), tied('seq-tie-later', 'Checkout Started', tie + 2 * MINUTE, 3),
  );
  await ingest(t, events.map(toInput));
  for (const [key, seq] of Object.entries(SEQUENCES)) {
    const created = await ok(t, CreateSegmentDocument, { input: { key, name: key, definition: definitionOf(seq) } });
    expect(created.createSegment.timeSensitive).toBe(seq.thenNot !== undefined || seq.lastHours !== undefined);
  }
  const expected = (seq: Seq) => users.filter((u) => bruteForce(events.filter((e) => e.user === u), seq, now)).sort();
  const expectAgreement = async (first = false) => {
    for (const [key, seq] of Object.entries(SEQUENCES)) {
      const want = expected(seq);
      if (first) expect({ key, some: want.length > 0, notAll: want.length < users.length }).toEqual({ key, some: true, notAll: true });
      expect({ key, members: await memberUserIds(t, key) }).toEqual({ key, members: want });
    }
  };
  await expectAgreement(true);
  expect(await memberUserIds(t, 'seq-funnel')).toEqual(expect.arrayContaining(['seq-tie-later']));
  expect(await memberUserIds(t, 'seq-funnel')).not.toContain('seq-tie-none');
  const preview = (await ok(t, PreviewSegmentDocument, { definition: definitionOf(SEQUENCES['seq-funnel']), sampleSize: 100 })).previewSegment;
  expect(preview.size).toBe(expected(SEQUENCES['seq-funnel']).length);

  // More events, some within the last hours: real time (no recompute) must agree.
  const more = randomEvents(rnd, users, 150, now - 3 * HOUR, now, 'b');
  events.push(...more);
  await ingest(t, more.map(toInput));
  await expectAgreement();

  // Time passes: "then not" waits end, windows move on.
  for (const step of [20 * MINUTE, 1 * HOUR, 3 * HOUR]) {
    now += step;
    await t.app.services.expiry.runDue();
    await expectAgreement();
  }
});
