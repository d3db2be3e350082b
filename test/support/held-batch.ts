import http from 'node:http';

/** A POST /v1/batch whose body is only half sent: the request stays in flight until `finish()`. */
export function heldBatch(port: number, writeKey: string, batch: object[]) {
  const body = Buffer.from(JSON.stringify({ batch }));
  let finish = () => {};
  const response = new Promise<{ status: number; body: string }>((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        method: 'POST',
        path: '/v1/batch',
        headers: { 'content-type': 'application/json', 'content-length': body.length, authorization: `Basic ${Buffer.from(`${writeKey}:`).toString('base64')}` },
      },
      (res) => {
        let text = '';
        res.on('data', (d: Buffer) => (text += d.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
      },
    );
    req.on('error', reject);
    req.write(body.subarray(0, body.length / 2));
    finish = () => req.end(body.subarray(body.length / 2));
  });
  return { response, finish: () => finish() };
}

/** The server's gauge `name` from /metrics. */
export async function gauge(port: number, name: string): Promise<number> {
  const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
  const line = text.split('\n').find((l) => l.startsWith(`${name} `));
  return line ? Number(line.slice(name.length + 1)) : NaN;
}
