import type { IncomingMessage } from 'node:http';
import zlib from 'node:zlib';
import { PayloadTooLargeError, ValidationError } from '../common/errors';

/**
 * Reads a request body, inflating gzip/deflate as tracking SDKs send it, and refuses
 * more than `maxBytes` (after inflation, so a zip bomb stops early).
 */
export async function readBody(req: IncomingMessage, maxBytes: number): Promise<Buffer> {
  const declared = Number(req.headers['content-length'] ?? 0);
  const encoding = String(req.headers['content-encoding'] ?? 'identity').toLowerCase();
  if (encoding === 'identity' && declared > maxBytes) throw tooLarge(maxBytes);
  const source = encoding === 'gzip' ? req.pipe(zlib.createGunzip()) : encoding === 'deflate' ? req.pipe(zlib.createInflate()) : req;
  if (!['identity', 'gzip', 'deflate'].includes(encoding)) throw new ValidationError(`unsupported Content-Encoding "${encoding}"`, 'Content-Encoding');
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of source) {
      size += (chunk as Buffer).length;
      if (size > maxBytes) {
        req.resume();
        throw tooLarge(maxBytes);
      }
      chunks.push(chunk as Buffer);
    }
  } catch (e) {
    if (e instanceof PayloadTooLargeError) throw e;
    throw new ValidationError(`could not read the request body (${(e as Error).message})`, 'body');
  }
  return Buffer.concat(chunks);
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
