// a url a reader typed: checked, then fetched public-only with the usual caps; every failure is a
// UserError that says what went wrong in plain words.
import { UserError } from '../errors.js';
import { RefusedUrlError } from '../fetch/fetch-errors.js';
import type { HttpFetch } from '../fetch/http-fetch.js';

export const USER_URL_LIMITS = { maxBytes: 5 * 1024 * 1024, timeoutMs: 15_000 } as const;
const MAX_URL_LENGTH = 2000;

export interface UserBytes {
  bytes: Uint8Array;
  /** lower-case names */
  headers: Record<string, string>;
  /** where the bytes finally came from, after redirects */
  url: string;
}

/** "example.com/feed" → https://example.com/feed; only http(s), no user name or password, no fragment. */
export function parseUserUrl(text: string): URL {
  const raw = text.trim().replace(/^<(.*)>$/, '$1');
  if (!raw) throw new UserError('Give a web address, e.g. https://www.example.com/feed');
  if (raw.length > MAX_URL_LENGTH) {
    throw new UserError(`That address is too long (at most ${MAX_URL_LENGTH} characters).`);
  }
  const withScheme =
    /^[a-z][a-z0-9+.-]*:/i.test(raw) && !/^[^:/]+:\d+(?:[/?#]|$)/.test(raw) ? raw : `https://${raw}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    throw new UserError(
      `"${shorten(raw)}" is not a web address. Give one such as https://www.example.com/feed`,
    );
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new UserError(`Refused ${shorten(raw)}: only http and https addresses can be added.`);
  }
  if (url.username || url.password) {
    throw new UserError(`Refused ${shorten(raw)}: leave the user name and password out of the address.`);
  }
  url.hash = '';
  return url;
}

/** GET with the public-only guard (checked again after every redirect), 5 MB and 15 s caps. */
export async function fetchUserUrl(
  fetch: HttpFetch,
  url: URL,
  options: { accept?: string } = {},
): Promise<UserBytes> {
  let result;
  try {
    result = await fetch(url, {
      publicOnly: true,
      maxBytes: USER_URL_LIMITS.maxBytes,
      timeoutMs: USER_URL_LIMITS.timeoutMs,
      ...(options.accept ? { accept: options.accept } : {}),
    });
  } catch (error) {
    if (error instanceof RefusedUrlError) {
      throw new UserError(`${error.message}. I only read public web addresses.`, { cause: error });
    }
    throw new UserError(`${(error as Error).message}.`, { cause: error });
  }
  switch (result.kind) {
    case 'ok':
      return { bytes: result.body, headers: result.headers, url: result.url };
    case 'http-error':
      throw new UserError(`${result.message}. Check the address and try again.`);
    case 'retry-later':
      throw new UserError(`${result.message}. The site is busy: try again later.`);
    case 'not-modified':
      throw new UserError(`${result.url} answered 304 Not Modified to a plain request; try again later.`);
  }
}

export const shorten = (text: string, max = 120) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);
