import type { Database } from '../db';
import { ConflictError, NotFoundError, wallClock, type Clock } from '../common';
import { isContentActive, toContentItem } from './content.mapper';
import type { ContentItem } from './content.types';
import { ARCHIVE_CONTENT, CONTENT_BY_KEY, INSERT_CONTENT, LIST_CONTENT, NOTIFY_PERSONALIZATION_CHANGED, UPDATE_CONTENT } from './content.sql';
import { KEY_PATTERN, Problems } from './validation';

const TYPE = /^[a-z][a-z0-9_-]{0,31}$/;
const TAG = /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}$/;
const LOCALE = /^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$/;
const MAX_TAGS = 50;
const MAX_TITLE = 500;
const MAX_PAYLOAD_BYTES = 64 * 1024;
const MAX_LIST = 500;

export interface ContentFields {
  type: string;
  title?: string | null;
  payload?: Record<string, unknown> | null;
  tags?: string[] | null;
  locale?: string | null;
  activeFrom?: Date | null;
  activeUntil?: Date | null;
}

export interface ContentFilter {
  tags?: string[] | null;
  locale?: string | null;
  includeArchived?: boolean;
  after?: string | null;
  first?: number;
}

/** Content items: what placements show. Changes reach every instance's decision cache by NOTIFY. */
export class ContentService {
  constructor(
    private readonly db: Database,
    private readonly changed: () => void,
    private readonly clock: Clock = wallClock,
  ) {}

  /** Shown now: inside its window and not archived. */
  isActive(item: ContentItem): boolean {
    return isContentActive(item, this.clock.now());
  }

  async create(key: string, fields: ContentFields): Promise<ContentItem> {
    const problems = new Problems();
    if (!KEY_PATTERN.test(key)) problems.add('key', 'must be 1–64 characters of a-z, 0-9, _ . - starting with a letter or digit');
    const row = checkFields(fields, problems);
    problems.throwIfAny();
    const { rows } = await this.db.query(INSERT_CONTENT, [key, ...row]);
    if (!rows[0]) throw new ConflictError(`A content item with key "${key}" exists`, { key });
    return toContentItem(rows[0]);
  }

  /** Absent fields keep their value; the item's version goes up. */
  async update(key: string, patch: Partial<ContentFields>): Promise<ContentItem> {
    const current = await this.get(key);
    const merged: ContentFields = { ...current, ...definedOnly(patch), type: patch.type ?? current.type };
    const problems = new Problems();
    const row = checkFields(merged, problems);
    problems.throwIfAny();
    return this.write(UPDATE_CONTENT, [key, ...row]);
  }

  /** Archived items are never shown again; rules that point at them are skipped. */
  archive(key: string): Promise<ContentItem> {
    return this.write(ARCHIVE_CONTENT, [key]);
  }

  async get(key: string): Promise<ContentItem> {
    const { rows } = await this.db.query(CONTENT_BY_KEY, [key]);
    if (!rows[0]) throw new NotFoundError(`No content item "${key}"`, { key });
    return toContentItem(rows[0]);
  }

  /** In key order; `after` is the last key of the previous page. */
  async list(filter: ContentFilter): Promise<ContentItem[]> {
    const first = filter.first ?? 100;
    const problems = new Problems();
    if (!Number.isInteger(first) || first < 1 || first > MAX_LIST) problems.add('first', `must be between 1 and ${MAX_LIST}`);
    problems.throwIfAny();
    const tags = filter.tags?.length ? filter.tags : null;
    const { rows } = await this.db.query(LIST_CONTENT, [tags, filter.locale ?? null, filter.includeArchived ?? false, filter.after ?? null, first]);
    return rows.map(toContentItem);
  }

  private async write(sql: string, params: unknown[]): Promise<ContentItem> {
    const item = await this.db.transaction(async (tx) => {
      const { rows } = await tx.query(sql, params);
      if (!rows[0]) throw new NotFoundError(`No content item "${params[0]}"`, { key: params[0] });
      await tx.query(NOTIFY_PERSONALIZATION_CHANGED, ['content']);
      return toContentItem(rows[0]);
    });
    this.changed();
    return item;
  }
}

function checkFields(f: ContentFields, problems: Problems): unknown[] {
  if (!TYPE.test(f.type ?? '')) problems.add('type', 'must be 1–32 characters of a-z, 0-9, _ - starting with a letter (e.g. banner, hero, text, json)');
  if (f.title != null && f.title.length > MAX_TITLE) problems.add('title', `must be at most ${MAX_TITLE} characters`);
  const payload = f.payload ?? {};
  if (Buffer.byteLength(JSON.stringify(payload)) > MAX_PAYLOAD_BYTES) problems.add('payload', `must be at most ${MAX_PAYLOAD_BYTES} bytes of JSON`);
  const tags = [...new Set(f.tags ?? [])];
  if (tags.length > MAX_TAGS) problems.add('tags', `at most ${MAX_TAGS} tags`);
  tags.forEach((t, i) => TAG.test(t) || problems.add(`tags[${i}]`, 'must be 1–64 characters of letters, digits, _ . : - starting with a letter or digit'));
  if (f.locale != null && !LOCALE.test(f.locale)) problems.add('locale', 'must be a language tag such as en or pt-BR');
  if (f.activeFrom && f.activeUntil && f.activeUntil <= f.activeFrom) problems.add('activeUntil', 'must be after activeFrom');
  return [f.type, f.title ?? null, payload, tags, f.locale ?? null, f.activeFrom ?? null, f.activeUntil ?? null];
}

/** GraphQL leaves absent fields undefined and explicit nulls null: only the latter change anything. */
function definedOnly<T extends object>(patch: T): Partial<T> {
  return Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) as Partial<T>;
}
