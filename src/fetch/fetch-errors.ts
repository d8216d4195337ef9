import { FeedError } from '../errors.js';

/** A user-given url the fetcher will not touch: not http(s), or it leads to a non-public address. */
export class RefusedUrlError extends FeedError {
  override name = 'RefusedUrlError';
}

/** The server asked to be left alone (429 or 503); `retryAt` is when it said to come back. */
export class RetryLaterError extends FeedError {
  override name = 'RetryLaterError';
  constructor(
    message: string,
    readonly retryAt?: number,
  ) {
    super(message);
  }
}

export const megabytes = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/** "<url> is 50.0 MB, over the 5.0 MB limit" or "<url> is more than 5.0 MB, …" */
export function tooLarge(where: string, size: number, max: number, qualifier = ''): FeedError {
  const amount = qualifier ? `${qualifier} ${megabytes(max)}` : megabytes(size);
  return new FeedError(`${where} is ${amount}, over the ${megabytes(max)} limit`);
}

const CODES: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'the connection was reset',
  EPIPE: 'the connection was closed',
  ENOTFOUND: 'no such host',
  EAI_AGAIN: 'the host name could not be looked up right now',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  Z_DATA_ERROR: 'the compressed body is corrupt',
  ERR_PARSE_ERROR: 'the server sent a malformed answer',
  HPE_INVALID_CONSTANT: 'the server sent a malformed answer',
};

/** One plain line for a low-level failure. */
export function describeCause(cause: unknown): string {
  const error = cause instanceof Error ? cause : new Error(String(cause));
  const code = (error as NodeJS.ErrnoException).code;
  if (code && CODES[code]) return CODES[code];
  if (code?.startsWith('HPE_')) return 'the server sent a malformed answer';
  if (error.cause instanceof Error) return describeCause(error.cause);
  return error.message;
}
