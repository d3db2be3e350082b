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
