import type { Queryable } from '../db';
import type { ChangeFeed } from '../realtime';
import type { SegmentCondition } from '../segments';
import type { HoldoutSettings } from './experiment-holdout';
import type { ExperimentHashing, ExperimentStatus, ExperimentVariant, HashingUnit } from './experiments.types';

/** What choosing a variant needs of an experiment. */
export interface ServingExperiment {
  id: string;
  key: string;
  status: ExperimentStatus;
  hashing: ExperimentHashing;
  hashing_unit: HashingUnit;
  seed: string;
  coverage: number;
  variants: ExperimentVariant[];
  targeting_segment_id: string | null;
  targeting_condition: SegmentCondition | null;
  holdout: HoldoutSettings | null;
}

const SERVING_COLUMNS = `
  id, key, status, variants, hashing, hashing_unit, coalesce(seed, key) as seed, coverage, targeting_segment_id, targeting_condition, holdout`;
const ALL_EXPERIMENTS = `select ${SERVING_COLUMNS} from experiments`;
/** `Experiment Viewed` events name experiments by key ($1 keys); only running ones record exposures. */
export const RUNNING_EXPERIMENTS = `select ${SERVING_COLUMNS} from experiments where key = any($1::text[]) and status = 'RUNNING'`;

/**
 * The experiments serving reads, kept in memory when the instance has a change feed: a
 * trigger on the table NOTIFYs every write (migration 20261211300001), this instance's own
 * writes invalidate at once, and a reconnect of the feed reloads. Without a feed (a bare
 * service in a test) every lookup reads the table.
 */
export class ServingCatalog {
  private loaded?: Promise<Map<string, ServingExperiment>>;

  constructor(private readonly db: Queryable, private readonly feed?: Pick<ChangeFeed, 'on' | 'onReconnect'>) {
    feed?.on('experiments', () => this.invalidate());
    feed?.onReconnect(() => this.invalidate());
  }

  invalidate(): void {
    this.loaded = undefined;
  }

  async find(key: string): Promise<ServingExperiment | undefined> {
    if (!this.feed) return (await this.load()).get(key);
    this.loaded ??= this.load().catch((e) => {
      this.loaded = undefined;
      throw e;
    });
    return (await this.loaded).get(key);
  }

  private async load(): Promise<Map<string, ServingExperiment>> {
    const { rows } = await this.db.query<ServingExperiment>(ALL_EXPERIMENTS);
    return new Map(rows.map((r) => [r.key, r]));
  }
}
