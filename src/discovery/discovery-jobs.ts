import { NotFoundError, ValidationError } from '../common';
import type { Queryable } from '../db';
import type { Discovery, DiscoveryRequest, DiscoveryService } from './discovery.service';

export type JobStatus = 'RUNNING' | 'DONE' | 'FAILED';

export interface DiscoveryJob {
  id: string;
  status: JobStatus;
  progress: number;
  request: DiscoveryRequest;
  result: Discovery | null;
  error: string | null;
  createdAt: Date;
  finishedAt: Date | null;
}

const COLUMNS = `id, status, progress, request, result, error, created_at, finished_at`;
const INSERT_JOB = `insert into discovery_jobs (request) values ($1) returning ${COLUMNS}`;
const SELECT_JOB = `select ${COLUMNS} from discovery_jobs where id = $1`;
const PROGRESS = `update discovery_jobs set progress = $2 where id = $1 and status = 'RUNNING'`;
const FINISH = `update discovery_jobs set status = $2, progress = case when $2 = 'DONE' then 1 else progress end, result = $3, error = $4, finished_at = now() where id = $1`;
/** A job whose instance went away never finishes: when a job starts, RUNNING ones older than an hour (far beyond any run) are marked failed. */
export const FAIL_ABANDONED = `
  update discovery_jobs set status = 'FAILED', error = 'abandoned: the instance running it stopped', finished_at = now()
   where status = 'RUNNING' and created_at < now() - interval '1 hour'`;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const toJob = (r: Record<string, any>): DiscoveryJob => ({
  id: r.id, status: r.status, progress: r.progress, request: r.request, result: r.result, error: r.error, createdAt: r.created_at, finishedAt: r.finished_at,
});

/**
 * Discovery as a job: `start` validates the request, records the job and runs it in the
 * background on this instance, writing progress as each k is tried; `get` answers from the
 * table on any instance. `stop` waits for running jobs (the server's shutdown calls it).
 */
export class DiscoveryJobs {
  private readonly running = new Set<Promise<void>>();

  constructor(private readonly db: Queryable, private readonly discovery: DiscoveryService) {}

  async start(request: DiscoveryRequest): Promise<DiscoveryJob> {
    await this.discovery.validate(request);
    await this.db.query(FAIL_ABANDONED);
    const { rows } = await this.db.query(INSERT_JOB, [JSON.stringify(request)]);
    const job = toJob(rows[0]);
    const run = this.run(job.id, request).finally(() => this.running.delete(run));
    this.running.add(run);
    return job;
  }

  async get(id: string): Promise<DiscoveryJob> {
    if (!/^[0-9a-f-]{36}$/i.test(id)) throw new ValidationError('is not a job id', 'id');
    const { rows } = await this.db.query(SELECT_JOB, [id]);
    if (!rows[0]) throw new NotFoundError(`No discovery job ${id}`, { id });
    return toJob(rows[0]);
  }

  /** Resolves once every job this instance runs has finished. */
  async stop(): Promise<void> {
    await Promise.all([...this.running]);
  }

  private async run(id: string, request: DiscoveryRequest): Promise<void> {
    try {
      const result = await this.discovery.discover(request, (share) => this.db.query(PROGRESS, [id, share]).then(() => undefined));
      await this.db.query(FINISH, [id, 'DONE', JSON.stringify(result), null]);
    } catch (e) {
      // Admin-only, so the cause is told as it is.
      const message = e instanceof Error ? e.message : String(e);
      await this.db.query(FINISH, [id, 'FAILED', null, message]).catch(() => {});
    }
  }
}
