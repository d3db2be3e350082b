/**
 * A child process holding many graphql-ws subscribers on one segment, so receiving
 * never shares an event loop with the server. For each profile it reports, once every
 * subscriber has its change, the receipt times (performance.timeOrigin-based ms).
 */
import { performance } from 'node:perf_hooks';
import WebSocket from 'ws';
import { createClient, type Client } from 'graphql-ws';

export interface ClientsSpec {
  graphqlUrl: string;
  key: string;
  segment: string;
  subscribers: number;
}

export type ClientsMessage =
  | { type: 'delivered'; profileId: string; times: number[] }
  | { type: 'error'; error: string };

const QUERY = 'subscription($s: String!) { segmentMembershipChanged(segment: $s) { profileId kind } }';
const now = () => performance.timeOrigin + performance.now();
const send = (m: ClientsMessage) => process.send?.(m);

function start(spec: ClientsSpec): Client[] {
  const pending = new Map<string, number[]>();
  const clients: Client[] = [];
  for (let i = 0; i < spec.subscribers; i++) {
    const client = createClient({
      url: spec.graphqlUrl.replace(/^http/, 'ws'),
      webSocketImpl: WebSocket,
      connectionParams: { authorization: `Bearer ${spec.key}` },
      retryAttempts: 0,
      lazy: false,
    });
    client.subscribe<{ segmentMembershipChanged: { profileId: string } }>(
      { query: QUERY, variables: { s: spec.segment } },
      {
        next: (msg) => {
          const at = now();
          const profileId = msg.data?.segmentMembershipChanged.profileId;
          if (!profileId) return send({ type: 'error', error: JSON.stringify(msg.errors ?? msg).slice(0, 300) });
          const times = pending.get(profileId) ?? [];
          times.push(at);
          pending.set(profileId, times);
          if (times.length === spec.subscribers) {
            pending.delete(profileId);
            send({ type: 'delivered', profileId, times });
          }
        },
        error: (e) => send({ type: 'error', error: String((e as Error)?.message ?? JSON.stringify(e)).slice(0, 300) }),
        complete: () => {},
      },
    );
    clients.push(client);
  }
  return clients;
}

let clients: Client[] = [];
process.on('message', (m: { type: 'start'; spec: ClientsSpec } | { type: 'stop' }) => {
  if (m.type === 'start') clients = start(m.spec);
  else void Promise.all(clients.map((c) => c.dispose())).finally(() => process.exit(0));
});
process.on('disconnect', () => process.exit(0));
