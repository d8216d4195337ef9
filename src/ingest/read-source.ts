import { open } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { FeedError } from '../errors.js';
import { assertHttpUrl } from '../fetch/check-public-url.js';
import { RetryLaterError, tooLarge } from '../fetch/fetch-errors.js';
import type { HttpFetch, Validators } from '../fetch/http-fetch.js';
import { createNodeHttpFetch } from '../fetch/node-http-fetch.js';

export interface SourceBytes {
  bytes: Uint8Array;
  /** response headers with lower-case names (empty for files) */
  headers: Record<string, string>;
  /** where the bytes finally came from, after redirects */
  url: string;
  /** the server's ETag / Last-Modified, to keep for the next conditional GET */
  validators?: Validators;
  /** the server answered 304 to the validators given: `bytes` is empty, nothing to parse */
  notModified?: boolean;
}

export interface ReadLimits {
  maxBytes: number;
  timeoutMs: number;
}

export interface ReadSourceOptions {
  /** the fetcher for http(s); a shared default one when not given */
  fetch?: HttpFetch;
  /** from the previous read of this source, for a conditional GET */
  validators?: Validators;
  /** for user-given urls: refuse private and local addresses */
  publicOnly?: boolean;
  signal?: AbortSignal;
}

let sharedFetch: HttpFetch | undefined;

/**
 * Reads a feed or page from a file: or http(s): URL, never holding more than `maxBytes`.
 * HTTP statuses other than 2xx and 304 throw a FeedError (a RetryLaterError for 429 and 503).
 */
export async function readSource(
  url: URL,
  limits: ReadLimits,
  options: ReadSourceOptions = {},
): Promise<SourceBytes> {
  if (options.publicOnly) assertHttpUrl(url);
  if (url.protocol === 'file:')
    return { bytes: await readFileCapped(url, limits.maxBytes), headers: {}, url: url.href };
  if (url.protocol === 'http:' || url.protocol === 'https:') return readHttp(url, limits, options);
  throw new FeedError(`Cannot read ${url.href}: only https:, http: and file: URLs are supported`);
}

async function readHttp(url: URL, limits: ReadLimits, options: ReadSourceOptions): Promise<SourceBytes> {
  const fetch = options.fetch ?? (sharedFetch ??= createNodeHttpFetch());
  const result = await fetch(url, {
    maxBytes: limits.maxBytes,
    timeoutMs: limits.timeoutMs,
    ...(options.validators ? { validators: options.validators } : {}),
    ...(options.publicOnly ? { publicOnly: true } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
  });
  switch (result.kind) {
    case 'ok':
      return { bytes: result.body, headers: result.headers, url: result.url, validators: result.validators };
    case 'not-modified':
      return {
        bytes: new Uint8Array(0),
        headers: result.headers,
        url: result.url,
        validators: { ...options.validators, ...result.validators },
        notModified: true,
      };
    case 'retry-later':
      throw new RetryLaterError(result.message, result.retryAt);
    case 'http-error':
      throw new FeedError(result.message);
  }
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
