import type http from 'node:http';
import type { WebSocketServer } from 'ws';

/**
 * Counts the HTTP requests being served so shutdown can wait for them. While draining,
 * responses carry `Connection: close`, so keep-alive clients reconnect to another instance.
 */
export class RequestTracker {
  private inFlight = 0;
  private draining = false;
  private readonly idle = new Set<() => void>();

  track(res: http.ServerResponse): void {
    this.inFlight++;
    if (this.draining) res.setHeader('connection', 'close');
    res.once('close', () => {
      this.inFlight--;
      if (this.inFlight === 0) for (const wake of this.idle) wake();
    });
  }

  get size(): number {
    return this.inFlight;
  }

  /** Stops accepting connections and waits for in-flight requests; false when `timeoutMs` cut them off. */
  async drain(server: http.Server, timeoutMs: number): Promise<boolean> {
    this.draining = true;
    // Refuses new connections and closes idle keep-alive ones; busy ones finish their request.
    server.close();
    server.closeIdleConnections();
    if (this.inFlight === 0) return true;
    return new Promise<boolean>((resolve) => {
      const done = (drained: boolean) => {
        clearTimeout(timer);
        this.idle.delete(wake);
        resolve(drained);
      };
      const wake = () => done(true);
      const timer = setTimeout(() => done(false), timeoutMs);
      this.idle.add(wake);
    });
  }
}

/**
 * Closes every WebSocket with 1001 "Going away" (graphql-ws clients reconnect, to another
 * instance behind the load balancer) and waits for the close handshakes, cutting off
 * sockets that do not answer within `timeoutMs`.
 */
export async function closeSockets(wss: WebSocketServer, timeoutMs: number): Promise<void> {
  const open = [...wss.clients];
  const closed = open.map((socket) => new Promise<void>((resolve) => (socket.readyState === socket.CLOSED ? resolve() : socket.once('close', () => resolve()))));
  for (const socket of open) socket.close(1001, 'Going away');
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<void>((resolve) => (timer = setTimeout(resolve, timeoutMs)));
  await Promise.race([Promise.all(closed), timeout]);
  clearTimeout(timer);
  for (const socket of open) if (socket.readyState !== socket.CLOSED) socket.terminate();
}
