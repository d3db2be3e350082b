/**
 * Compiles a segment definition to one boolean SQL predicate over
 *   profiles p left join profile_stats s on s.profile_id = p.id
 * The same predicate serves batch recompute, preview and real-time checks. In
 * point-in-time mode it reads the history frame instead (see `pointInTime`).
 *
 * Safety: values, paths and names from the definition are only ever bound via
 * `params.add`; the SQL text is built from fixed keywords, whitelisted column
 * names and placeholders. Every leaf yields TRUE or FALSE, never NULL, so
 * `not` behaves as users expect (missing data: the leaf is false, its `not` true).
 */
import { assertUnreachable, ValidationError } from '../../common';
import { isTimeRelativeOp, tagNode, type SegmentDefinition, type SegmentNode } from './ast';
import { compileAccountCondition } from './compile-account';
import { compileEventCondition, compileGroupedEvent, isRelativeWindow, type GroupedCondition } from './compile-event';
import { compileSequence, compileSequenceCondition } from './compile-sequence';
import { compilePropertyCondition, propertyTimeChange } from './compile-property';
import { compileStatCondition, hasHistory, isTimeRelativeStat, statTimeChange } from './compile-stat';
import { earliest, eventWindowChange, sequenceChanges, type ExpiryShape } from './compile-expiry';
import { compileComputedCondition, compileComputedConditionGrouped, computedConditionChange } from './compile-computed';
import type { SqlParams } from '../../db';
import { assertPlaceholder } from './sql-placeholders';

/** The instant of a history frame row: `now` of a point-in-time predicate. */
export const HISTORY_INSTANT = 's.at';

export interface CompileContext {
  params: SqlParams;
  /**
   * Placeholder returned by `params.add(nowDate)`, so batch, preview and real time share one 'now'.
   * Never NULL. In point-in-time mode: HISTORY_INSTANT.
   */
  now: string;
  /**
   * Evaluate as of `now` over the history frame (profileHistorySql): `s` is the profile as it was
   * then, with `s.traits` its traits at that instant; event leaves see only events up to it.
   * Scores have no history, so score stats are refused.
   */
  pointInTime?: boolean;
  /**
   * The predicate will be evaluated for every profile (a full recompute, a preview), not for
   * the few an ingest touched: event leaves then become one grouped scan of the events each,
   * evaluated once (`p.id in (…)`), instead of a subquery per profile (compile-event.ts).
   */
  allProfiles?: boolean;
  /**
   * Also compile the next change by time alone (compile-expiry.ts), for statements that keep
   * timers: `scoped` as `nextChangeAt` (per profile), `grouped` as `nextChanges` (every
   * profile). Off otherwise, so no statement binds parameters it never reads.
   */
  expiries?: ExpiryShape;
  /** The stored definition of another segment; throws NotFoundError when there is none. */
  resolveSegment: (key: string) => SegmentDefinition;
  /** An extra SQL condition a referenced segment's membership carries beyond its rules (marketing consent). */
  segmentCondition?: (key: string) => string | undefined;
  /** Key of the segment being compiled, when it has one: a reference to itself is then reported at once. */
  segmentKey?: string;
}

export interface SegmentDependencies {
  eventNames: string[];
  traitPaths: string[];
  /** Trait paths read on the person's accounts (`account` leaves). */
  accountTraitPaths: string[];
  stats: string[];
  /** Computed traits read (`computed` leaves): a change of their value re-evaluates the segment. */
  computedKeys: string[];
  /** Every segment inlined, directly or through another segment. */
  segmentKeys: string[];
  /** True when membership can change with time alone (relative windows, recency stats). */
  timeSensitive: boolean;
}

export interface CompiledSegment {
  predicate: string;
  dependencies: SegmentDependencies;
  /**
   * With `allProfiles`: when the definition is made of positive event leaves and sequences
   * only, under `all` / `any`, a query of exactly its members' ids (intersections and unions
   * of the leaves' grouped sets, possibly with repeats), which a full recompute uses instead
   * of testing every profile. It relies on events belonging to live profiles only (a merge
   * moves them to the survivor, erasure deletes them). It reads the same placeholders as
   * `predicate`.
   */
  memberSet?: string;
  /**
   * With `expiries`, for a time-sensitive definition whose every time-relative part can be
   * timed: SQL over `p` and `s` for the next instant after now at which the answer may change
   * with time alone (NULL: never). Absent when some part cannot be timed (a relative date in
   * an event's property filter, or on an account): such segments are recomputed on the schedule.
   */
  nextChangeAt?: string;
  /** With `expiries: 'grouped'`, the same for every profile at once: a query of (profile_id, at), several rows per profile (take the least). */
  nextChanges?: string;
}

export function compileSegmentToSql(definition: SegmentDefinition, ctx: CompileContext): CompiledSegment {
  const compilation = new Compilation(ctx);
  const rules = compilation.compileNode(definition);
  const memberSet = compilation.memberSetOf(rules);
  return { predicate: anchorNowType(rules, ctx.now), dependencies: compilation.dependencies(), ...(memberSet && { memberSet }), ...compilation.nextChange() };
}

/**
 * PostgreSQL must know the type of every bound parameter. Callers always bind
 * `now`, but a definition without relative windows or recency stats never reads
 * it, and a statement such as a preview count would then fail with "could not
 * determine data type of parameter". Mentioning it once, typed, keeps every
 * predicate self-sufficient; `now` is never NULL, so the result is unchanged.
 */
function anchorNowType(predicate: string, now: string): string {
  return predicate.includes(`(${now})::timestamptz`) ? predicate : `(${now}::timestamptz is not null and ${predicate})`;
}

class Compilation {
  private readonly eventNames = new Set<string>();
  private readonly traitPaths = new Set<string>();
  private readonly accountTraitPaths = new Set<string>();
  private readonly stats = new Set<string>();
  private readonly computedKeys = new Set<string>();
  private readonly segmentKeys = new Set<string>();
  private timeSensitive = false;
  /**
   * With `expiries`: each time-relative leaf's next change (compile-expiry.ts), and whether some
   * part has none. `profileChanges` are expressions over p and s in either shape; `eventChanges`
   * come in the compilation's shape (expressions, or grouped queries of (profile_id, at)).
   */
  private readonly profileChanges: string[] = [];
  private readonly eventChanges: string[] = [];
  private untimed = false;
  /** Segments being inlined right now, outermost first: a key seen twice is a cycle. */
  private readonly inlining: string[];
  /** A segment used twice reuses its predicate text, and with it the same placeholders. */
  private readonly inlined = new Map<string, string>();
  private readonly now: string;
  /** Compiled predicate → the query of its members, for the predicates that have one (see CompiledSegment.memberSet). */
  private readonly memberSets = new Map<string, string>();

  constructor(private readonly ctx: CompileContext) {
    this.now = ctx.pointInTime && ctx.now === HISTORY_INSTANT ? ctx.now : assertPlaceholder(ctx.now, 'ctx.now');
    this.inlining = ctx.segmentKey === undefined ? [] : [ctx.segmentKey];
  }

  compileNode(node: SegmentNode): string {
    const tagged = tagNode(node);
    switch (tagged.kind) {
      case 'all':
        return this.combine(tagged.nodes, 'and');
      case 'any':
        return this.combine(tagged.nodes, 'or');
      case 'not':
        return `(not ${this.compileNode(tagged.node)})`;
      case 'trait':
        this.traitPaths.add(tagged.condition.path);
        this.noteTimeRelative(tagged.condition.op);
        this.noteProfileChange(() => propertyTimeChange('p.traits', tagged.condition, this.ctx.params, this.now));
        return compilePropertyCondition(this.ctx.pointInTime ? 's.traits' : 'p.traits', tagged.condition, this.ctx.params, this.now);
      case 'stat':
        this.stats.add(tagged.condition.name);
        this.timeSensitive ||= isTimeRelativeStat(tagged.condition.name);
        this.noteTimeRelative(tagged.condition.op);
        if (this.ctx.pointInTime && !hasHistory(tagged.condition.name)) {
          throw new ValidationError(
            `stat "${tagged.condition.name}" is written by the scoring job and has no history: a point-in-time evaluation can read the stats events make (orders, revenue, recency_days, ...)`,
            undefined,
            { stat: tagged.condition.name },
          );
        }
        this.noteProfileChange(() => statTimeChange(tagged.condition, this.ctx.params, this.now));
        return compileStatCondition(tagged.condition, this.ctx.params, this.now);
      case 'computed': {
        const { key, op } = tagged.condition;
        this.computedKeys.add(key);
        if (this.ctx.pointInTime) {
          throw new ValidationError(`computed trait "${key}" is kept as it is now and has no history: a point-in-time evaluation cannot read it`, undefined, { computed: key });
        }
        // Its trait may have a window: the stored value says when it next changes, and the expiry worker moves it then.
        this.timeSensitive = true;
        this.noteTimeRelative(op, { timed: false });
        this.noteEventChanges((shape) => [computedConditionChange(key, this.ctx.params, shape)]);
        if (this.grouped && !isTimeRelativeOp(op)) return compileComputedConditionGrouped(tagged.condition, this.ctx.params, this.now);
        return compileComputedCondition(tagged.condition, this.ctx.params, this.now);
      }
      case 'event':
        this.eventNames.add(tagged.condition.name);
        this.timeSensitive ||= isRelativeWindow(tagged.condition.within);
        for (const filter of tagged.condition.where ?? []) this.noteTimeRelative(filter.op, { timed: false });
        this.noteEventChanges((shape) => [eventWindowChange(tagged.condition, this.ctx.params, this.now, shape)]);
        if (this.grouped) return this.withMemberSet(compileGroupedEvent(tagged.condition, this.ctx.params, this.now, { upToNow: false, grouped: true }));
        return compileEventCondition(tagged.condition, this.ctx.params, this.now, { upToNow: this.ctx.pointInTime === true });
      case 'sequence': {
        const { steps, thenNot, within } = tagged.condition;
        for (const test of [...steps, ...(thenNot ? [thenNot] : [])]) {
          this.eventNames.add(test.name);
          for (const filter of test.where ?? []) this.noteTimeRelative(filter.op, { timed: false });
        }
        this.noteEventChanges((shape) => sequenceChanges(tagged.condition, this.ctx.params, this.now, shape));
        // The "then not" side resolves when its span is over; a relative window moves with now.
        this.timeSensitive ||= thenNot !== undefined || isRelativeWindow(within);
        if (this.grouped) return this.withMemberSet(compileSequence(tagged.condition, this.ctx.params, this.now, { upToNow: false, grouped: true }));
        return compileSequenceCondition(tagged.condition, this.ctx.params, this.now, { upToNow: this.ctx.pointInTime === true });
      }
      case 'account':
        this.accountTraitPaths.add(tagged.condition.trait.path);
        if (this.ctx.pointInTime) {
          throw new ValidationError('account conditions have no history yet (account traits are kept as they are now): a point-in-time evaluation cannot read them', undefined, { condition: 'account' });
        }
        this.noteTimeRelative(tagged.condition.trait.op, { timed: false });
        return compileAccountCondition(tagged.condition, this.ctx.params, this.now);
      case 'segment':
        return this.inlineSegment(tagged.key);
      default:
        return assertUnreachable(tagged, 'segment node');
    }
  }

  /**
   * Relative dates and anniversaries change with time alone, like relative windows. `timed:
   * false`: where no timer says when (an event's property filter, an account's traits).
   */
  private noteTimeRelative(op: string, { timed = true } = {}): void {
    const relative = isTimeRelativeOp(op);
    this.timeSensitive ||= relative;
    this.untimed ||= relative && !timed;
  }

  /** With `expiries`, the leaf's next change by time alone as an expression over p and s, if it has one. */
  private noteProfileChange(change: () => string | undefined): void {
    if (!this.ctx.expiries) return;
    const sql = change();
    if (sql) this.profileChanges.push(sql);
  }

  /** With `expiries`, the leaf's next changes read from events (or stored values), in the compilation's shape. */
  private noteEventChanges(changes: (shape: ExpiryShape) => (string | undefined)[]): void {
    if (!this.ctx.expiries) return;
    for (const sql of changes(this.ctx.expiries)) if (sql) this.eventChanges.push(sql);
  }

  /** The definition's next change by time alone (CompiledSegment.nextChangeAt / nextChanges), when every part is timed. */
  nextChange(): Pick<CompiledSegment, 'nextChangeAt' | 'nextChanges'> {
    const shape = this.ctx.expiries;
    if (!shape || !this.timeSensitive || this.untimed || this.ctx.pointInTime) return {};
    if (!this.profileChanges.length && !this.eventChanges.length) return {};
    if (shape === 'scoped') return { nextChangeAt: earliest([...this.profileChanges, ...this.eventChanges]) };
    const overProfiles = this.profileChanges.length
      ? [`select p.id as profile_id, ${earliest(this.profileChanges)} as at from profiles p left join profile_stats s on s.profile_id = p.id where p.merged_into is null`]
      : [];
    return { nextChanges: [...overProfiles, ...this.eventChanges].map((q) => `(${q})`).join(' union all ') };
  }

  private combine(nodes: SegmentNode[], operator: 'and' | 'or'): string {
    const parts = nodes.map((child) => this.compileNode(child));
    if (parts.length === 1) return parts[0];
    const predicate = `(${parts.join(` ${operator} `)})`;
    const sets = parts.map((part) => this.memberSets.get(part));
    if (sets.every((set) => set !== undefined)) {
      this.memberSets.set(predicate, sets.map((set) => `(${set})`).join(operator === 'and' ? ' intersect all ' : ' union all '));
    }
    return predicate;
  }

  /** Event leaves and sequences are grouped scans when every profile is evaluated (not in point-in-time frames). */
  private get grouped(): boolean {
    return this.ctx.allProfiles === true && !this.ctx.pointInTime;
  }

  private withMemberSet({ predicate, memberSet }: GroupedCondition): string {
    if (memberSet) this.memberSets.set(predicate, memberSet);
    return predicate;
  }

  memberSetOf(predicate: string): string | undefined {
    return this.memberSets.get(predicate);
  }

  /** Inlines the other segment's predicate, so membership never depends on when that segment was last computed. */
  private inlineSegment(key: string): string {
    if (this.inlining.includes(key)) {
      const cycle = [...this.inlining.slice(this.inlining.indexOf(key)), key];
      throw new ValidationError(`segment references form a cycle: ${cycle.join(' -> ')}`, undefined, { cycle });
    }
    this.segmentKeys.add(key);
    const cached = this.inlined.get(key);
    if (cached !== undefined) return cached;
    const definition = this.ctx.resolveSegment(key);
    this.inlining.push(key);
    const rules = this.compileNode(definition);
    this.inlining.pop();
    const condition = this.ctx.segmentCondition?.(key);
    const predicate = condition ? `(${rules} and ${condition})` : rules;
    this.inlined.set(key, predicate);
    return predicate;
  }

  dependencies(): SegmentDependencies {
    const sorted = (values: Set<string>) => [...values].sort();
    return {
      eventNames: sorted(this.eventNames),
      traitPaths: sorted(this.traitPaths),
      accountTraitPaths: sorted(this.accountTraitPaths),
      stats: sorted(this.stats),
      computedKeys: sorted(this.computedKeys),
      segmentKeys: sorted(this.segmentKeys),
      timeSensitive: this.timeSensitive,
    };
  }
}
