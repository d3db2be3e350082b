import type { Services } from '../../src/app/services';
import { NotFoundError } from '../../src/common/errors';
import { removeSegments, type BenchSegment } from './bench-segments';

/**
 * 20 segments, 10 placements of 4 segment rules each and a default, under fixed keys: a
 * later run updates what an earlier one left (placements and content cannot be deleted),
 * and the segments are removed afterwards so they never weigh on other scenarios' ingest.
 */
export const SEGMENT_KEYS = Array.from({ length: 20 }, (_, i) => `bench-p-seg-${String(i).padStart(2, '0')}`);
export const PLACEMENT_KEYS = Array.from({ length: 10 }, (_, i) => `bench-p-placement-${i}`);
export const DEFAULT_CONTENT = 'bench-p-default';
const contentKey = (segment: number) => `bench-p-content-${String(segment).padStart(2, '0')}`;
const trait = (path: string, op: string, value: unknown) => ({ trait: { path, op, value } });
const stat = (name: string, op: string, value: number) => ({ stat: { name, op, value } });

const DEFINITIONS: unknown[] = [
  trait('plan', 'eq', 'enterprise'), trait('plan', 'eq', 'pro'), trait('region', 'eq', 'APAC'), trait('region', 'eq', 'LATAM'),
  trait('country', 'eq', 'US'), trait('country', 'eq', 'DE'), trait('gender', 'eq', 'non_binary'), trait('age', 'gte', 65),
  trait('age', 'lt', 25), stat('orders', 'gte', 10), stat('orders', 'gte', 3), stat('revenue', 'gte', 1000),
  stat('events', 'gte', 50), stat('events', 'lt', 3), stat('avg_order_value', 'gte', 150), stat('orders', 'eq', 1),
  { all: [trait('plan', 'eq', 'free'), stat('orders', 'gte', 2)] }, trait('region', 'eq', 'NA'), trait('gender', 'eq', 'female'), { all: [trait('age', 'gte', 30), trait('age', 'lt', 40)] },
];
const SEGMENTS: BenchSegment[] = DEFINITIONS.map((definition, i) => ({ key: SEGMENT_KEYS[i], definition }));

/** Placement i tests 4 distinct segments, in an order that differs per placement. */
export function ruleSegments(placement: number): number[] {
  return [0, 5, 11, 17].map((offset) => (placement * 2 + offset) % 20);
}

async function ensureContent(services: Services, key: string): Promise<void> {
  try {
    await services.content.get(key);
  } catch (e) {
    if (!(e instanceof NotFoundError)) throw e;
    await services.content.create(key, { type: 'banner', title: key, payload: { text: key } });
  }
}

/** Empties the rules of our placements so their segments can be deleted. */
async function detachRules(services: Services): Promise<void> {
  for (const key of PLACEMENT_KEYS) if (await services.placements.get(key)) await services.placements.update(key, { rules: [] });
}

export async function setUpPersonalization(services: Services): Promise<void> {
  await detachRules(services);
  await removeSegments(services, SEGMENT_KEYS);
  for (const s of SEGMENTS) await services.segments.create({ key: s.key, name: s.key, definition: s.definition });
  for (const key of [DEFAULT_CONTENT, ...SEGMENT_KEYS.map((_, i) => contentKey(i))]) await ensureContent(services, key);
  for (const [p, key] of PLACEMENT_KEYS.entries()) {
    const rules = ruleSegments(p).map((s) => ({ segment: SEGMENT_KEYS[s], content: contentKey(s) }));
    if (await services.placements.get(key)) await services.placements.update(key, { rules, defaultContent: DEFAULT_CONTENT });
    else await services.placements.create({ key, defaultContent: DEFAULT_CONTENT, rules });
  }
}

export async function tearDownPersonalization(services: Services): Promise<void> {
  await detachRules(services);
  await removeSegments(services, SEGMENT_KEYS);
}
