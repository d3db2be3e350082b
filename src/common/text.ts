/** NUL characters and lone UTF-16 surrogates: PostgreSQL stores neither in text or jsonb. */
// eslint-disable-next-line no-control-regex -- matching NUL is the point
const UNSTORABLE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Why `text` cannot be stored as text (a NUL character, an unpaired surrogate), or undefined when it can. */
export function unstorableText(text: string): string | undefined {
  if (!UNSTORABLE.test(text)) return undefined;
  return text.includes('\u0000') ? 'contains a NUL character, which cannot be stored' : 'contains an unpaired UTF-16 surrogate, which is not text';
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether `text` is a uuid (in any case): what "by id or key" arguments tell the two apart by. */
export function isUuid(text: string): boolean {
  return UUID.test(text);
}
