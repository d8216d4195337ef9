// a url a reader typed: checked, then fetched public-only with the usual caps; every failure is a
// UserError that says what went wrong in plain words, in the reader's language (its `reason` value is
// the reason alone, for lists of problems).
import { UserError } from '../errors.js';
import { RefusedUrlError } from '../fetch/fetch-errors.js';
import type { HttpFetch } from '../fetch/http-fetch.js';
import { said, type Said } from '../i18n/translate.js';
import { fetchReason } from './fetch-reason.js';

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
  if (!raw) throw UserError.say('address.missing');
  if (raw.length > MAX_URL_LENGTH) throw UserError.say('address.tooLong', { max: MAX_URL_LENGTH });
  const withScheme =
    /^[a-z][a-z0-9+.-]*:/i.test(raw) && !/^[^:/]+:\d+(?:[/?#]|$)/.test(raw) ? raw : `https://${raw}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    throw UserError.say('address.invalid', { text: shorten(raw) });
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw refused(shorten(raw), said('reason.notHttp'));
  if (url.username || url.password) throw refused(shorten(raw), said('reason.credentials'));
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
    const reason = fetchReason(error);
    throw error instanceof RefusedUrlError
      ? refused(url.href, reason, error)
      : unreadable(url.href, reason, error);
  }
  switch (result.kind) {
    case 'ok':
      return { bytes: result.body, headers: result.headers, url: result.url };
    case 'http-error':
      throw unreadable(result.url, said('reason.http', { status: result.status }));
    case 'retry-later':
      throw unreadable(result.url, said('reason.busy', { status: result.status }));
    case 'not-modified':
      throw unreadable(result.url, said('reason.notModified'));
  }
}

const refused = (url: string, reason: Said, cause?: unknown) =>
  UserError.say('address.refused', { url, reason }, cause === undefined ? undefined : { cause });

const unreadable = (url: string, reason: Said, cause?: unknown) =>
  UserError.say('address.unreadable', { url, reason }, cause === undefined ? undefined : { cause });

export const shorten = (text: string, max = 120) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);
