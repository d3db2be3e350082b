import type { IncomingMessage } from 'node:http';
import type { Readable } from 'node:stream';
import zlib from 'node:zlib';
import { PayloadTooLargeError, ValidationError } from '../common';

/**
 * Reads a request body, inflating gzip/deflate as tracking SDKs send it, and refuses
 * more than `maxBytes` (after inflation, so a zip bomb stops early). Plain stream events,
 * not `for await`: the async iterator costs a promise per chunk on the hottest path.
 */
export function readBody(req: IncomingMessage, maxBytes: number): Promise<Buffer> {
  const declared = Number(req.headers['content-length'] ?? 0);
  const encoding = String(req.headers['content-encoding'] ?? 'identity').toLowerCase();
  if (encoding === 'identity' && declared > maxBytes) return Promise.reject(tooLarge(maxBytes));
  if (!['identity', 'gzip', 'deflate'].includes(encoding)) return Promise.reject(new ValidationError(`unsupported Content-Encoding "${encoding}"`, 'Content-Encoding'));
  const source: Readable = encoding === 'gzip' ? req.pipe(zlib.createGunzip()) : encoding === 'deflate' ? req.pipe(zlib.createInflate()) : req;
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const settle = (error?: Error) => {
      source.off('data', onData).off('end', onEnd).off('error', onError);
      req.off('close', onClose);
      if (!error) return resolve(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, size));
      if (source !== req) source.destroy();
      req.resume(); // drain what is left, so the connection can answer
      reject(error);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) settle(tooLarge(maxBytes));
      else chunks.push(chunk);
    };
    const onEnd = () => settle();
    const onError = (e: Error) => settle(new ValidationError(`could not read the request body (${e.message})`, 'body'));
    // A client that goes away mid-body: IncomingMessage closes without being complete.
    const onClose = () => {
      if (!req.complete) onError(new Error('aborted'));
    };
    source.on('data', onData).once('end', onEnd).once('error', onError);
    req.once('close', onClose);
  });
}

export function parseJson(body: Buffer): unknown {
  if (body.length === 0) throw new ValidationError('request body is empty; expected JSON', 'body');
  try {
    return JSON.parse(body.toString('utf8'));
  } catch (e) {
    throw new ValidationError(`malformed JSON: ${(e as Error).message}`, 'body');
  }
}

function tooLarge(maxBytes: number): PayloadTooLargeError {
  return new PayloadTooLargeError(`request body exceeds ${maxBytes} bytes`, { maxBytes });
}
