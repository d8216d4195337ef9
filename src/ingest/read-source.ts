import { open } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { FeedError } from '../errors.js';

export interface SourceBytes {
  bytes: Uint8Array;
  /** response headers with lower-case names (empty for files) */
  headers: Record<string, string>;
  /** where the bytes finally came from, after redirects */
  url: string;
}

export interface ReadLimits {
  maxBytes: number;
  timeoutMs: number;
}

/** Reads a feed or page from a file: or http(s): URL, never holding more than `maxBytes`. */
export async function readSource(url: URL, limits: ReadLimits): Promise<SourceBytes> {
  if (url.protocol === 'file:')
    return { bytes: await readFileCapped(url, limits.maxBytes), headers: {}, url: url.href };
  if (url.protocol === 'http:' || url.protocol === 'https:') return fetchCapped(url, limits);
  throw new FeedError(`Cannot read ${url.href}: only https:, http: and file: URLs are supported`);
}

async function readFileCapped(url: URL, maxBytes: number): Promise<Uint8Array> {
  const file = await open(fileURLToPath(url)).catch((cause: NodeJS.ErrnoException) => {
    throw new FeedError(
      `Cannot read ${url.href}: ${cause.code === 'ENOENT' ? 'no such file' : cause.message}`,
      {
        cause,
      },
    );
  });
  try {
    const { size } = await file.stat();
    if (size > maxBytes) throw tooLarge(url.href, size, maxBytes);
    const buffer = Buffer.alloc(size);
    const { bytesRead } = await file.read(buffer, 0, size, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await file.close();
  }
}

async function fetchCapped(url: URL, { maxBytes, timeoutMs }: ReadLimits): Promise<SourceBytes> {
  const signal = AbortSignal.timeout(timeoutMs);
  let response: Response;
  try {
    response = await fetch(url, { signal, redirect: 'follow', headers: { accept: FEED_ACCEPT } });
  } catch (cause) {
    throw new FeedError(`Cannot fetch ${url.href}: ${describeFetchError(cause, timeoutMs)}`, { cause });
  }
  if (!response.ok) {
    await response.body?.cancel().catch(() => {});
    throw new FeedError(`${url.href} answered HTTP ${response.status} ${response.statusText}`.trim());
  }
  const declared = Number(response.headers.get('content-length'));
  if (declared > maxBytes) {
    await response.body?.cancel().catch(() => {});
    throw tooLarge(url.href, declared, maxBytes);
  }
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    for await (const chunk of response.body ?? []) {
      total += chunk.byteLength;
      if (total > maxBytes) throw tooLarge(url.href, total, maxBytes, 'more than');
      chunks.push(chunk);
    }
  } catch (cause) {
    await response.body?.cancel().catch(() => {});
    if (cause instanceof FeedError) throw cause;
    throw new FeedError(`Cannot fetch ${url.href}: ${describeFetchError(cause, timeoutMs)}`, { cause });
  }
  return {
    bytes: Buffer.concat(chunks),
    headers: Object.fromEntries(response.headers),
    url: response.url || url.href,
  };
}

const FEED_ACCEPT =
  'application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.9, text/xml;q=0.9, text/html;q=0.8, */*;q=0.5';

const megabytes = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

function tooLarge(where: string, size: number, max: number, qualifier = ''): FeedError {
  const amount = qualifier ? `${qualifier} ${megabytes(max)}` : megabytes(size);
  return new FeedError(`${where} is ${amount}, over the ${megabytes(max)} limit`);
}

function describeFetchError(cause: unknown, timeoutMs: number): string {
  if (cause instanceof Error && (cause.name === 'TimeoutError' || cause.name === 'AbortError')) {
    return `no answer within ${timeoutMs / 1000} s`;
  }
  const inner = cause instanceof Error && cause.cause instanceof Error ? cause.cause.message : undefined;
  return inner ?? (cause instanceof Error ? cause.message : String(cause));
}
