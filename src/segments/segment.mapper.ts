import type { Segment } from './segment.types';

type Row = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export function toSegment(r: Row): Segment {
  return {
    id: r.id,
    key: r.key,
    name: r.name,
    description: r.description,
    definition: r.definition,
    purpose: r.purpose,
    timeSensitive: r.time_sensitive,
    builtIn: r.built_in,
    version: r.version,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    lastComputedAt: r.last_computed_at,
    dependencies: r.dependencies,
  };
}
