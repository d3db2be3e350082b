import type { Services } from '../../src/app/services';
import { NotFoundError } from '../../src/common/errors';

export interface BenchSegment {
  key: string;
  definition: unknown;
}

/** Deletes segments a scenario made (and, after a crash, an earlier run left behind). */
export async function removeSegments(services: Services, keys: string[]): Promise<void> {
  for (const key of keys) {
    try {
      await services.segments.delete(key);
    } catch (e) {
      if (!(e instanceof NotFoundError)) throw e;
    }
  }
}

/** Creates the segments through the service (each is computed over the whole seed on creation). */
export async function createSegments(services: Services, segments: BenchSegment[]): Promise<void> {
  await removeSegments(services, segments.map((s) => s.key));
  for (const s of segments) await services.segments.create({ key: s.key, name: s.key, definition: s.definition });
}

/** Computed traits a scenario defines, by key. */
export type BenchComputedTraits = Record<string, unknown>;

/** Deletes the computed traits a scenario made (and, after a crash, an earlier run left behind). Their segments go first. */
export async function removeComputedTraits(services: Services, traits: BenchComputedTraits): Promise<void> {
  for (const key of Object.keys(traits)) {
    try {
      await services.computedTraits.delete(key);
    } catch (e) {
      if (!(e instanceof NotFoundError)) throw e;
    }
  }
}

/** Creates the computed traits through the service (each computed over the whole seed on creation). */
export async function createComputedTraits(services: Services, traits: BenchComputedTraits): Promise<void> {
  await removeComputedTraits(services, traits);
  for (const [key, definition] of Object.entries(traits)) await services.computedTraits.create({ key, name: key, definition });
}
