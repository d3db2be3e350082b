/**
 * For a DataLoader of pages keyed by (id, page arguments): keys in one batch may carry
 * different arguments, so `load` runs once per distinct set (one statement each), and the
 * pages come back in key order.
 */
export async function pagesByArgs<K, A, P>(
  keys: readonly K[],
  key: (k: K) => { id: string; args: A },
  load: (ids: string[], args: A) => Promise<P[]>,
): Promise<P[]> {
  const groups = new Map<string, { args: A; ids: string[] }>();
  const signatures = keys.map((k) => {
    const { id, args } = key(k);
    const signature = JSON.stringify(args);
    const group = groups.get(signature) ?? { args, ids: [] };
    group.ids.push(id);
    groups.set(signature, group);
    return `${signature}|${id}`;
  });
  const pages = new Map<string, P>();
  for (const [signature, { args, ids }] of groups) {
    (await load(ids, args)).forEach((page, i) => pages.set(`${signature}|${ids[i]}`, page));
  }
  return signatures.map((s) => pages.get(s)!);
}
