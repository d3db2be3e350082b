import { startApiInstance, type ApiInstance } from '../instances/api-instance';
import { startRoundRobinProxy, type RoundRobinProxy } from '../instances/round-robin-proxy';
import { ingestBatch } from './ingest-batch';
import { profileById } from './profile-by-id';
import type { LoadTarget, Scenario } from './types';

/**
 * `inner`'s load against two API instances (separate processes of the built server, on the
 * same database) behind a round-robin proxy, with the same load against one of them behind
 * the same proxy as the baseline. Its checks run on both (every profile found; every
 * accepted event stored once). On a 2-core machine the point is correctness under load and
 * no contention collapse, not a speed-up: the ratio is two instances over one.
 */
function twoInstances(inner: Scenario): Scenario {
  return {
    name: `two-instances-${inner.name}`,
    description: `${inner.name} through a round-robin proxy: two API instances (processes) on one database vs one`,
    unit: inner.unit,
    perRequest: inner.perRequest,
    defaultConnections: inner.defaultConnections,
    aim: {},
    async setup(ctx) {
      const run = await inner.setup(ctx);
      // Only inner's load, headers and checks are used: its own baseline is not.
      await run.teardown?.();
      const instances: ApiInstance[] = [];
      const proxies: RoundRobinProxy[] = [];
      try {
        instances.push(await startApiInstance(ctx.databaseUrl), await startApiInstance(ctx.databaseUrl));
        proxies.push(await startRoundRobinProxy(instances), await startRoundRobinProxy(instances.slice(0, 1)));
      } catch (error) {
        await Promise.all([...proxies, ...instances].map((p) => p.close()));
        throw error;
      }
      ctx.log(`API instances: pids ${instances.map((i) => i.pid).join(', ')}`);
      // Requests cut off by the end of a run finish on the instances before inner's checks count rows.
      const after: LoadTarget['after'] = async (outcome) => {
        await Promise.all(instances.map((i) => i.settled()));
        return (await run.ours.after?.(outcome)) ?? [];
      };
      return {
        ours: { ...run.ours, url: proxies[0].url, after },
        baseline: { ...run.ours, url: proxies[1].url, after },
        teardown: async () => {
          await Promise.all([...proxies, ...instances].map((p) => p.close()));
        },
      };
    },
  };
}

export const twoInstancesProfileById = twoInstances(profileById);
export const twoInstancesIngestBatch = twoInstances(ingestBatch);
