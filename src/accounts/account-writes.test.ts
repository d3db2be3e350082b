import type { IngestedBatch, NormalizedEvent } from '../ingest';
import { accountWrites, type AccountWrites } from './account-writes';

type Stored = IngestedBatch['events'][number];

const P1 = '00000000-0000-4000-8000-000000000001';
const P2 = '00000000-0000-4000-8000-000000000002';

/** A stored event of `profileId` at minute `minute`, naming `account` (or none). */
function stored(profileId: string, minute: number, account?: NormalizedEvent['account']): Stored {
  const event = { type: account?.traits ? 'group' : 'track', occurredAt: new Date(Date.UTC(2025, 0, 1, 0, minute)), ...(account && { account }) } as NormalizedEvent;
  return { profileId, eventId: minute, event };
}
const at = (minute: number) => new Date(Date.UTC(2025, 0, 1, 0, minute)).toISOString();
const link = (profile_id: string, group_id: string, first: number, last = first) => ({ profile_id, group_id, first_seen_at: at(first), last_seen_at: at(last) });

const cases: [string, Stored[], AccountWrites][] = [
  ['no accounts: nothing to write', [stored(P1, 1), stored(P2, 2)], { traits: [], linked: [], links: [] }],
  ['a group call sets traits and links its sender', [stored(P1, 1, { groupId: 'acme', traits: { plan: 'pro' } })],
    { traits: [{ group_id: 'acme', traits: { plan: 'pro' } }], linked: [], links: [link(P1, 'acme', 1)] }],
  ['later calls win key by key, earlier keys stay', [
    stored(P1, 1, { groupId: 'acme', traits: { plan: 'free', name: 'Acme' } }),
    stored(P2, 2, { groupId: 'acme', traits: { plan: 'enterprise' } }),
  ], { traits: [{ group_id: 'acme', traits: { plan: 'enterprise', name: 'Acme' } }], linked: [], links: [link(P1, 'acme', 1), link(P2, 'acme', 2)] }],
  ['arrival order decides, not the timestamp', [
    stored(P1, 9, { groupId: 'acme', traits: { plan: 'free' } }),
    stored(P1, 3, { groupId: 'acme', traits: { plan: 'pro' } }),
  ], { traits: [{ group_id: 'acme', traits: { plan: 'pro' } }], linked: [], links: [link(P1, 'acme', 3, 9)] }],
  ['context.groupId links without traits; empty traits are none', [
    stored(P1, 5, { groupId: 'zeta', traits: null }),
    stored(P1, 2, { groupId: 'zeta', traits: {} }),
    stored(P1, 7, { groupId: 'zeta', traits: null }),
  ], { traits: [], linked: ['zeta'], links: [link(P1, 'zeta', 2, 7)] }],
  ['an account with traits anywhere in the batch is not only linked', [
    stored(P2, 1, { groupId: 'acme', traits: null }),
    stored(P1, 2, { groupId: 'acme', traits: { seats: 3 } }),
    stored(P1, 3, { groupId: 'beta', traits: null }),
  ], { traits: [{ group_id: 'acme', traits: { seats: 3 } }], linked: ['beta'], links: [link(P1, 'acme', 2), link(P1, 'beta', 3), link(P2, 'acme', 1)] }],
];

describe('accountWrites folds a batch into set-based writes', () => {
  it.each(cases)('%s', (_name, events, expected) => {
    expect(accountWrites(events)).toEqual(expected);
  });
});
