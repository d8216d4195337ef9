// a response body read under a cap: the wire bytes are counted as they stream and the read is
// aborted the moment they pass the cap; decoding then stops at the cap too (zlib's
// maxOutputLength), so a gzip bomb never grows past it. nothing past the cap is ever held.
import type { IncomingMessage } from 'node:http';
import zlib from 'node:zlib';
import { FeedError } from '../errors.js';
import { megabytes, tooLarge } from './fetch-errors.js';

export const ACCEPT_ENCODING = 'gzip, deflate, br';

export async function readBody(
  response: IncomingMessage,
  options: { url: string; maxBytes: number; signal: AbortSignal },
): Promise<Uint8Array> {
  const { url, maxBytes } = options;
  const codings = contentCodings(response.headers['content-encoding'], url);
  const wire = await collect(response, options);
  // content-encoding lists codings in the order they were applied: undo them last first
  let body = wire;
  for (const coding of codings.reverse()) body = decode(body, coding, { url, maxBytes });
  return body;
}

function collect(
  response: IncomingMessage,
  { url, maxBytes, signal }: { url: string; maxBytes: number; signal: AbortSignal },
): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let total = 0;
    const fail = (error: Error) => {
      cleanup();
      response.destroy();
      reject(error);
    };
    const onAbort = () => fail(signal.reason as Error);
    const onData = (chunk: Buffer) => {
      total += chunk.byteLength;
      if (total > maxBytes) fail(tooLarge(url, total, maxBytes, 'more than'));
      else chunks.push(chunk);
    };
    const onEnd = () => {
      cleanup();
      resolve(chunks.length === 1 && chunks[0] ? chunks[0] : Buffer.concat(chunks, total));
    };
    const onClose = () => {
      if (!response.complete)
        fail(new FeedError(`Cannot fetch ${url}: the connection closed before the body was complete`));
    };
    const cleanup = () => {
      signal.removeEventListener('abort', onAbort);
      response.off('data', onData).off('end', onEnd).off('error', fail).off('close', onClose);
    };
    if (signal.aborted) return onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    response.on('data', onData).once('end', onEnd).once('error', fail).once('close', onClose);
  });
}

type Coding = 'gzip' | 'deflate' | 'br';

function contentCodings(header: string | undefined, url: string): Coding[] {
  if (!header) return [];
  const codings: Coding[] = [];
  for (const raw of header.split(',')) {
    const coding = raw.trim().toLowerCase();
    if (coding === '' || coding === 'identity') continue;
    if (coding === 'gzip' || coding === 'x-gzip') codings.push('gzip');
    else if (coding === 'deflate' || coding === 'br') codings.push(coding);
    else throw new FeedError(`${url} is encoded as "${coding}", which cannot be decoded`);
  }
  return codings;
}

/** One coding undone, never producing more than `maxBytes`; truncated streams keep what arrived. */
function decode(bytes: Buffer, coding: Coding, { url, maxBytes }: { url: string; maxBytes: number }): Buffer {
  if (bytes.byteLength === 0) return bytes;
  // one byte over the cap is how a body that is over it shows
  const limit = { maxOutputLength: maxBytes + 1 };
  let out: Buffer;
  try {
    if (coding === 'br') {
      out = zlib.brotliDecompressSync(bytes, {
        ...limit,
        finishFlush: zlib.constants.BROTLI_OPERATION_FLUSH,
      });
    } else {
      const options = { ...limit, finishFlush: zlib.constants.Z_SYNC_FLUSH };
      if (coding === 'gzip') out = zlib.gunzipSync(bytes, options);
      // "deflate" should be zlib-wrapped, but some servers send it raw: the first byte tells
      else if (((bytes[0] ?? 0) & 0x0f) === 0x08) out = zlib.inflateSync(bytes, options);
      else out = zlib.inflateRawSync(bytes, options);
    }
  } catch (cause) {
    if ((cause as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') throw overCap(url, maxBytes);
    throw new FeedError(`Cannot fetch ${url}: the compressed body is corrupt`, { cause });
  }
  if (out.byteLength > maxBytes) throw overCap(url, maxBytes);
  return out;
}

const overCap = (url: string, maxBytes: number) =>
  new FeedError(
    `${url} decompresses to more than ${megabytes(maxBytes)}, over the ${megabytes(maxBytes)} limit`,
  );
