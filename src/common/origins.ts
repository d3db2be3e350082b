/**
 * Web origins as browsers send them in `Origin`: `scheme://host[:port]`, lower case, the
 * scheme's default port left out, nothing after the authority. Settings and API input are
 * put in that form once, so a request's origin is matched with one string comparison.
 * Throws a plain Error whose message quotes the value; callers add where it came from.
 */
export function normalizeOrigin(raw: string): string {
  const text = raw.trim();
  const notOrigin = new Error(`"${raw}" is not an origin (expected scheme://host[:port], e.g. https://shop.example.com)`);
  // What follows the authority: URL() would accept "https://a.com/x?y" and drop the rest.
  const rest = /^[a-z][a-z0-9+.-]*:\/\/[^/?#]+(.*)$/i.exec(text)?.[1];
  if (rest === undefined) throw notOrigin;
  if (rest !== '' && rest !== '/') throw new Error(`"${raw}" has a path, query or fragment; an origin is only scheme://host[:port]`);
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw notOrigin;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error(`"${raw}" is not an http(s) origin`);
  if (url.username || url.password) throw new Error(`"${raw}" must not carry a user name or password`);
  if (url.hostname.includes('*')) throw new Error(`"${raw}": wildcards in host names are not supported; list each origin`);
  return url.origin;
}
