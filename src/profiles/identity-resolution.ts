import crypto from 'node:crypto';
import type { Queryable } from '../db';
import type { IdentityRules } from '../config';
import { lockIdentities, type IdentityKind, type IdentityRef } from './identity';
import { mergeProfiles } from './profile-merge.sql';

/** What resolving an event needs to know of it. */
export interface IdentityClaims {
  /** In priority order (user_id first), blocked values already removed. */
  identities: IdentityRef[];
  /** For alias: the identity being linked to `identities`. */
  previousId?: string;
}

/** `kind:value`; kinds never contain ':' so the first colon splits it again. */
const key = (kind: string, value: string) => `${kind}:${value}`;
const splitKey = (k: string) => [k.slice(0, k.indexOf(':')), k.slice(k.indexOf(':') + 1)];

interface ProfileState {
  createdAt: number;
  counts: Map<string, number>;
}

/**
 * Owners of (kind, value) pairs ($1 kinds, $2 values) with each owner's identity count
 * per kind; the owner rows are key-share locked so no merge can take them away mid-batch.
 */
const IDENTITY_OWNERS = `
  select i.kind, i.value, i.profile_id, p.created_at, p.merged_into is not null as merged,
         (select coalesce(jsonb_object_agg(c.kind, c.n), '{}'::jsonb)
            from (select kind, count(*)::int as n from identities o where o.profile_id = p.id group by kind) c) as counts
    from identities i join profiles p on p.id = i.profile_id
   where (i.kind, i.value) in (select * from unnest($1::text[], $2::text[]))
     for key share of p`;

/**
 * Resolves each event of a batch to one profile inside the ingestion transaction.
 *
 * Rules (as in Segment Unify / Unomi): identities are taken in priority order
 * (user_id > anonymous_id > email > phone > device_id); the highest known one picks
 * the profile; unknown identities are attached while the per-kind limit allows;
 * a second known profile is merged in only if the union stays within the limits
 * (so two different user_ids never merge). New profiles and identities are written
 * in one statement each at the end; merges happen at once because they move rows.
 *
 * Concurrency: the caller holds advisory locks on every identity of the batch, and
 * `load` takes FOR KEY SHARE on the profiles it finds, so a merge elsewhere (which
 * takes FOR UPDATE) either finishes first and is seen, or waits for us.
 */
export class IdentityResolver {
  private readonly owner = new Map<string, string>();
  private readonly profiles = new Map<string, ProfileState>();
  private readonly newProfiles: string[] = [];
  private readonly newIdentities: { profileId: string; kind: IdentityKind; value: string }[] = [];
  readonly mergedAway = new Set<string>();
  readonly createdProfiles: string[] = [];
  private readonly redirect = new Map<string, string>();
  readonly merges: { survivor: string; merged: string }[] = [];

  constructor(private readonly tx: Queryable, private readonly rules: IdentityRules) {}

  /** Locks every identity the events claim until the transaction ends (see lockIdentities). */
  static lock(tx: Queryable, events: IdentityClaims[]): Promise<void> {
    return lockIdentities(tx, IdentityResolver.identityKeys(events).map((k) => {
      const [kind, value] = splitKey(k);
      return { kind, value };
    }));
  }

  static identityKeys(events: IdentityClaims[]): string[] {
    const keys = new Set<string>();
    for (const e of events) {
      for (const id of e.identities) keys.add(key(id.kind, id.value));
      if (e.previousId) for (const kind of ['user_id', 'anonymous_id']) keys.add(key(kind, e.previousId));
    }
    return [...keys].sort();
  }

  /**
   * Reads owners of the batch's identities, and identity counts of those profiles, in
   * one statement. An owner already merged away can only show up when a concurrent
   * merge re-pointed its identities after our snapshot: then the owners are read again.
   */
  async load(events: IdentityClaims[]): Promise<void> {
    const keys = IdentityResolver.identityKeys(events);
    const kinds = keys.map((k) => splitKey(k)[0]);
    const values = keys.map((k) => splitKey(k)[1]);
    for (let attempt = 0; attempt < 2; attempt++) {
      const { rows } = await this.tx.query<{ kind: string; value: string; profile_id: string; created_at: Date; merged: boolean; counts: Record<string, number> }>(
        IDENTITY_OWNERS,
        [kinds, values],
        'ingest-identity-owners',
      );
      for (const r of rows) {
        if (r.merged) continue;
        this.owner.set(key(r.kind, r.value), r.profile_id);
        if (!this.profiles.has(r.profile_id)) {
          this.profiles.set(r.profile_id, { createdAt: r.created_at.getTime(), counts: new Map(Object.entries(r.counts)) });
        }
      }
      if (!rows.some((r) => r.merged)) break;
    }
  }

  /** Returns the profile the event belongs to, linking and merging as the rules allow. */
  async resolve(event: IdentityClaims, messageId: string): Promise<string> {
    const refs = [...event.identities];
    if (event.previousId) refs.push(this.previousIdentity(event.previousId));
    const known = refs.map((r) => this.owner.get(key(r.kind, r.value))).filter((p): p is string => !!p);
    let primary = known[0];
    // The strongest identity decides: an unknown user_id that the known profile cannot
    // take (it already has another) starts a profile of its own rather than joining it.
    const strongest = refs[0];
    if (!this.owner.has(key(strongest.kind, strongest.value)) && (!primary || !this.hasRoom(primary, strongest.kind))) {
      primary = this.createProfile();
      this.attach(primary, strongest);
    }
    for (const other of new Set(known.slice(1))) {
      if (other === primary) continue;
      if (!this.canMerge(primary, other)) continue;
      const cause = refs.find((r) => this.owner.get(key(r.kind, r.value)) === other)!;
      primary = await this.merge(primary, other, cause, messageId);
    }
    for (const ref of refs) {
      if (!this.owner.has(key(ref.kind, ref.value))) this.attach(primary, ref);
    }
    return primary;
  }

  private previousIdentity(previousId: string): IdentityRef {
    return this.owner.has(key('user_id', previousId)) ? { kind: 'user_id', value: previousId } : { kind: 'anonymous_id', value: previousId };
  }

  private createProfile(): string {
    const id = crypto.randomUUID();
    this.newProfiles.push(id);
    this.createdProfiles.push(id);
    this.profiles.set(id, { createdAt: Date.now(), counts: new Map() });
    return id;
  }

  private hasRoom(profileId: string, kind: IdentityKind): boolean {
    return (this.profiles.get(profileId)!.counts.get(kind) ?? 0) < (this.rules.limits[kind] ?? 5);
  }

  private attach(profileId: string, ref: IdentityRef): void {
    if (!this.hasRoom(profileId, ref.kind)) return;
    const counts = this.profiles.get(profileId)!.counts;
    counts.set(ref.kind, (counts.get(ref.kind) ?? 0) + 1);
    this.owner.set(key(ref.kind, ref.value), profileId);
    this.newIdentities.push({ profileId, ...ref });
  }

  private canMerge(a: string, b: string): boolean {
    const ca = this.profiles.get(a)!.counts;
    const cb = this.profiles.get(b)!.counts;
    for (const kind of new Set([...ca.keys(), ...cb.keys()])) {
      if ((ca.get(kind) ?? 0) + (cb.get(kind) ?? 0) > (this.rules.limits[kind] ?? 5)) return false;
    }
    return true;
  }

  /** The profile holding a user_id survives; otherwise the older one. */
  private async merge(a: string, b: string, cause: IdentityRef, messageId: string): Promise<string> {
    const pa = this.profiles.get(a)!;
    const pb = this.profiles.get(b)!;
    const aHasUser = (pa.counts.get('user_id') ?? 0) > 0;
    const bHasUser = (pb.counts.get('user_id') ?? 0) > 0;
    const [survivor, merged] = aHasUser !== bHasUser ? (aHasUser ? [a, b] : [b, a]) : pa.createdAt <= pb.createdAt ? [a, b] : [b, a];
    await this.flush();
    await mergeProfiles(this.tx, { survivor, merged, identity: cause, messageId });
    const ps = this.profiles.get(survivor)!;
    for (const [kind, n] of this.profiles.get(merged)!.counts) ps.counts.set(kind, (ps.counts.get(kind) ?? 0) + n);
    for (const [k, owner] of this.owner) if (owner === merged) this.owner.set(k, survivor);
    this.profiles.delete(merged);
    this.mergedAway.add(merged);
    this.redirect.set(merged, survivor);
    this.merges.push({ survivor, merged });
    return survivor;
  }

  /** Where a profile id resolved earlier in the batch ended up after later merges. */
  survivorOf(profileId: string): string {
    let id = profileId;
    while (this.redirect.has(id)) id = this.redirect.get(id)!;
    return id;
  }

  /** Writes pending new profiles and identities, one statement each. */
  async flush(): Promise<void> {
    if (this.newProfiles.length) {
      await this.tx.query(`insert into profiles (id) select unnest($1::uuid[])`, [this.newProfiles.splice(0)], 'ingest-new-profiles');
    }
    if (this.newIdentities.length) {
      const pending = this.newIdentities.splice(0);
      await this.tx.query(
        `insert into identities (profile_id, kind, value)
         select * from unnest($1::uuid[], $2::text[], $3::text[])`,
        [pending.map((p) => p.profileId), pending.map((p) => p.kind), pending.map((p) => p.value)],
        'ingest-new-identities',
      );
    }
  }
}
