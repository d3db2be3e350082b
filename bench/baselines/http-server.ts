import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface BareServer {
  url: string;
  close(): Promise<void>;
}

export type JsonHandler = (body: unknown) => Promise<{ status: number; json: unknown }>;

/**
 * The least a Node server can do per request: read the body, parse JSON, run the
 * handler, serialize the answer. Baselines measure what that costs on this machine.
 */
export async function startBareJsonServer(handler: JsonHandler): Promise<BareServer> {
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      let body: unknown;
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      } catch {
        return reply(res, 400, { errors: [{ message: 'malformed JSON' }] });
      }
      handler(body).then(
        ({ status, json }) => reply(res, status, json),
        (error: Error) => reply(res, 500, { errors: [{ message: error.message }] }),
      );
    });
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/graphql`,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function reply(res: http.ServerResponse, status: number, json: unknown): void {
  const text = JSON.stringify(json);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}
