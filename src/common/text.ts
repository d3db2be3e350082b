/** NUL characters and lone UTF-16 surrogates: PostgreSQL stores neither in text or jsonb. */
// eslint-disable-next-line no-control-regex -- matching NUL is the point
const UNSTORABLE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Why `text` cannot be stored as text (a NUL character, an unpaired surrogate), or undefined when it can. */
export function unstorableText(text: string): string | undefined {
  if (!UNSTORABLE.test(text)) return undefined;
  return text.includes('\u0000') ? 'contains a NUL character, which cannot be stored' : 'contains an unpaired UTF-16 surrogate, which is not text';
}
