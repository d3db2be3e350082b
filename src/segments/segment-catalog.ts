import { type Queryable, SqlParams } from '../db';
import { NotFoundError } from '../common';
import { compileSegmentToSql, type CompiledSegment } from './dsl/compile-sql';
import type { SegmentDefinition } from './dsl/ast';
import type { ExpiryShape } from './dsl/compile-expiry';
import type { SegmentPredicate } from './membership.sql';
import { SELECT_SEGMENTS } from './segments.sql';
import { toSegment } from './segment.mapper';
import { SegmentPurpose, type Segment } from './segment.types';
import { findSegmentReferences } from './dsl/segment-references';
import { MARKETING_CONSENT_PREDICATE } from '../privacy';

/**
 * Every segment's definition, held in memory because real-time evaluation runs on
 * each ingested batch. Any instance that edits a segment NOTIFYs the others
 * (channel `segmentary_segments`), which drop their copy.
 */
export interface CompileOptions {
  key?: string;
  pointInTime?: boolean;
  allProfiles?: boolean;
  expiries?: ExpiryShape;
}

export class SegmentCatalog {
  private loaded?: Promise<Map<string, Segment>>;

  constructor(private readonly db: Queryable) {}

  invalidate(): void {
    this.loaded = undefined;
  }

  /**
   * Segments by key. Code running inside a transaction must pass its `tx`: waiting for
   * a second pool connection while holding one deadlocks once every connection is held.
   */
  async byKey(q: Queryable = this.db): Promise<Map<string, Segment>> {
    this.loaded ??= q.query(SELECT_SEGMENTS + ' order by created_at, key').then(
      (r) => new Map(r.rows.map((row) => [row.key as string, toSegment(row)])),
      (e) => {
        this.loaded = undefined;
        throw e;
      },
    );
    return this.loaded;
  }

  async list(): Promise<Segment[]> {
    return [...(await this.byKey()).values()];
  }

  /**
   * Compiles against the catalog: `{segment: {key}}` leaves inline the stored definitions.
   * `pointInTime`: over the history frame, as of its instant (see CompileContext).
   */
  /** `options`: the key it is stored under, and how it will be evaluated (CompileContext's `pointInTime`, `allProfiles`, `expiries`). */
  static compile(definition: SegmentDefinition, byKey: Map<string, Segment>, params: SqlParams, now: string, options: CompileOptions = {}): CompiledSegment {
    const { key, pointInTime = false, allProfiles = false, expiries } = options;
    return compileSegmentToSql(definition, {
      params,
      now,
      pointInTime,
      allProfiles,
      expiries,
      segmentKey: key,
      resolveSegment: (ref) => {
        const target = byKey.get(ref);
        if (!target) throw new NotFoundError(`No segment with key "${ref}"`, { key: ref });
        return target.definition as unknown as SegmentDefinition;
      },
      // "In a MARKETING segment" means its members, who all gave marketing consent.
      segmentCondition: (ref) => (byKey.get(ref)?.purpose === SegmentPurpose.MARKETING ? MARKETING_CONSENT_PREDICATE : undefined),
    });
  }

  /** Whether membership depends on marketing consent: a MARKETING segment, or one referring (at any depth) to one. */
  static dependsOnMarketingConsent(segment: Segment, byKey: Map<string, Segment>): boolean {
    const seen = new Set<string>();
    const visit = (s: Segment): boolean => {
      if (s.purpose === SegmentPurpose.MARKETING) return true;
      if (seen.has(s.key)) return false;
      seen.add(s.key);
      return findSegmentReferences(s.definition as unknown as SegmentDefinition).some((key) => {
        const target = byKey.get(key);
        return target !== undefined && visit(target);
      });
    };
    return visit(segment);
  }

  /**
   * The membership predicate of each stored segment. MARKETING segments also require marketing
   * consent; adding it here, the one place batch recompute and real time both compile through,
   * keeps them in agreement.
   */
  /**
   * `allProfiles`: for a full recompute (every profile evaluated), where event leaves are grouped scans.
   * `expiries`: for the real-time check of a few pairs, which also keeps their timers (`nextChangeAt`).
   */
  static predicates(
    segments: Segment[], byKey: Map<string, Segment>, params: SqlParams, now: string, options: Pick<CompileOptions, 'allProfiles' | 'expiries'> = {},
  ): SegmentPredicate[] {
    return segments.map((s) => {
      const compiled = SegmentCatalog.compile(s.definition as unknown as SegmentDefinition, byKey, params, now, { key: s.key, ...options });
      // A MARKETING segment also needs consent, which its member set does not say.
      const memberSet = s.purpose === SegmentPurpose.MARKETING ? undefined : compiled.memberSet;
      const { nextChangeAt, nextChanges } = compiled;
      return {
        segmentId: s.id, version: s.version, predicate: SegmentCatalog.membership(s, compiled.predicate), ...(memberSet && { memberSet }),
        ...(nextChangeAt && { nextChangeAt }), ...(nextChanges && { nextChanges }),
      };
    });
  }

  /**
   * Whether the segment's changes by time alone are all timed (CompiledSegment.nextChangeAt),
   * so the expiry worker keeps it current; otherwise the schedule recomputes it.
   */
  static isTimed(segment: Segment, byKey: Map<string, Segment>): boolean {
    if (!segment.timeSensitive) return false;
    // Compiled only to see its shape: nothing runs, so `now` is a bare placeholder.
    const compiled = SegmentCatalog.compile(segment.definition as unknown as SegmentDefinition, byKey, new SqlParams(2), '$1', { key: segment.key, expiries: 'scoped' });
    return compiled.nextChangeAt !== undefined;
  }

  /** A stored segment's membership condition: its rules, and for a MARKETING segment marketing consent. */
  static membership(segment: Segment, rules: string): string {
    return segment.purpose === SegmentPurpose.MARKETING ? `(${rules} and ${MARKETING_CONSENT_PREDICATE})` : rules;
  }
}
