import type { ContentItem } from './content.types';

type Row = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export function toContentItem(r: Row): ContentItem {
  return {
    id: r.id,
    key: r.key,
    type: r.type,
    title: r.title,
    payload: r.payload,
    tags: r.tags,
    locale: r.locale,
    activeFrom: r.active_from,
    activeUntil: r.active_until,
    archivedAt: r.archived_at,
    version: r.version,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

/** Shown only inside its window and until archived. */
export function isContentActive(item: ContentItem, now: Date): boolean {
  if (item.archivedAt) return false;
  if (item.activeFrom && item.activeFrom > now) return false;
  return !(item.activeUntil && item.activeUntil <= now);
}
