// HttpFetch on node:http/https: redirects followed by hand (each hop checked, counted and gated per
// host), conditional GET, decoded and capped bodies, connect and total timeouts, Retry-After.
import http, { type IncomingHttpHeaders, type IncomingMessage } from 'node:http';
import https from 'node:https';
import { systemClock, type Clock } from '../clock.js';
import { FeedError } from '../errors.js';
import { assertHttpUrl, checkPublicUrl, resolveHost } from './check-public-url.js';
import { describeCause, tooLarge } from './fetch-errors.js';
import { createHostGate } from './host-gate.js';
import type { FetchInit, FetchResult, HttpFetch, Validators } from './http-fetch.js';
import { ACCEPT_ENCODING, readBody } from './read-body.js';
import { ConnectTimeoutError, requestOnce, type Agents } from './request-once.js';
import { bareHostname, systemResolver, type Resolver } from './resolver.js';
import { parseRetryAfter } from './retry-after.js';

export interface NodeHttpFetchOptions {
  /** names the bot, e.g. "briefer/0.1" */
  userAgent?: string;
  /** where a site owner can reach the operator; sent in the User-Agent */
  contactUrl?: string;
  /** requests at once to one host (FETCH_HOST_CONCURRENCY) */
  hostConcurrency?: number;
  /** least time between the starts of two requests to one host */
  hostGapMs?: number;
  maxRedirects?: number;
  connectTimeoutMs?: number;
  /** the whole fetch, redirects and body included, once it has its turn at the host */
  timeoutMs?: number;
  maxBytes?: number;
  accept?: string;
  /** the default for FetchInit.publicOnly */
  publicOnly?: boolean;
  /** host names allowed to resolve to private addresses even when publicOnly */
  trustedHosts?: readonly string[];
  resolver?: Resolver;
  clock?: Clock;
}

export type NodeHttpFetch = HttpFetch & {
  /** closes idle kept-alive connections */
  close(): void;
};

export const DEFAULT_USER_AGENT = 'briefer/0.1';
export const DEFAULT_MAX_BYTES = 5 * 1024 * 1024;
export const DEFAULT_FEED_ACCEPT =
  'application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.9, text/xml;q=0.9, text/html;q=0.8, */*;q=0.5';

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

export function userAgentHeader(userAgent = DEFAULT_USER_AGENT, contactUrl?: string): string {
  return contactUrl ? `${userAgent} (news briefing bot; +${contactUrl})` : `${userAgent} (news briefing bot)`;
}

export function createNodeHttpFetch(options: NodeHttpFetchOptions = {}): NodeHttpFetch {
  const clock = options.clock ?? systemClock;
  const resolver = options.resolver ?? systemResolver;
  const maxRedirects = options.maxRedirects ?? 5;
  const connectTimeoutMs = options.connectTimeoutMs ?? 10_000;
  const userAgent = userAgentHeader(options.userAgent, options.contactUrl);
  const gate = createHostGate({
    concurrency: options.hostConcurrency ?? 2,
    gapMs: options.hostGapMs ?? 1_000,
    clock,
  });
  // kept-alive connections serve a site's other feeds and article pages within seconds; separate
  // pools, so a public-only fetch never reuses a connection made to an unchecked address
  const open = (): Agents => ({
    http: new http.Agent({ keepAlive: true, timeout: 5_000 }),
    https: new https.Agent({ keepAlive: true, timeout: 5_000 }),
  });
  const pools = { checked: open(), unchecked: open() };

  const fetchUrl = async (url: URL, init: FetchInit): Promise<FetchResult> => {
    const publicOnly = init.publicOnly ?? options.publicOnly ?? false;
    const timeoutMs = init.timeoutMs ?? options.timeoutMs ?? 15_000;
    const maxBytes = init.maxBytes ?? options.maxBytes ?? DEFAULT_MAX_BYTES;
    const headers: Record<string, string> = {
      'user-agent': userAgent,
      accept: init.accept ?? options.accept ?? DEFAULT_FEED_ACCEPT,
      'accept-encoding': ACCEPT_ENCODING,
    };
    if (init.validators?.etag) headers['if-none-match'] = init.validators.etag;
    if (init.validators?.lastModified) headers['if-modified-since'] = init.validators.lastModified;

    // one signal for the whole fetch: the caller's cancel and the total timeout both end it
    const control = new AbortController();
    const signal = control.signal;
    const cancel = () => control.abort(new FeedError('cancelled'));
    if (init.signal?.aborted) cancel();
    init.signal?.addEventListener('abort', cancel, { once: true });
    let timer: NodeJS.Timeout | undefined;
    const startClock = () => {
      timer ??= setTimeout(
        () => control.abort(new FeedError(`no answer within ${timeoutMs / 1000} s`)),
        timeoutMs,
      );
    };
    const chain: string[] = [];
    let current = url;
    try {
      for (;;) {
        const hop = current;
        const previous = chain.at(-1);
        assertHttpUrl(hop, previous ? `${hop.href} (redirected from ${previous})` : hop.href);
        const release = await gate.acquire(hop.host, signal);
        startClock();
        let response: IncomingMessage | undefined;
        try {
          const resolving = publicOnly
            ? checkPublicUrl(hop, {
                resolver,
                trustedHosts: options.trustedHosts,
                ...(previous ? { redirectedFrom: previous } : {}),
              })
            : resolveHost(bareHostname(hop), resolver, hop.href);
          const addresses = await untilAborted(resolving, signal);
          response = await requestOnce(hop, {
            addresses,
            headers,
            agents: publicOnly ? pools.checked : pools.unchecked,
            connectTimeoutMs,
            signal,
          });
          const status = response.statusCode ?? 0;
          const location = response.headers.location;
          if (REDIRECTS.has(status) && location) {
            response.destroy();
            chain.push(hop.href);
            current = nextHop(hop, location, chain, maxRedirects, url);
            continue;
          }
          const answered = {
            url: hop.href,
            redirects: chain,
            status,
            headers: flatHeaders(response.headers),
          };
          return await finish(response, answered, { maxBytes, signal, now: clock.now() });
        } catch (error) {
          response?.destroy();
          throw error;
        } finally {
          release();
        }
      }
    } catch (error) {
      throw asFeedError(error, current.href, { signal, connectTimeoutMs });
    } finally {
      clearTimeout(timer);
      init.signal?.removeEventListener('abort', cancel);
    }
  };

  return Object.assign(fetchUrl, {
    close() {
      for (const agents of Object.values(pools)) {
        agents.http.destroy();
        agents.https.destroy();
      }
    },
  });
}

/** dns lookups cannot be cancelled; the fetch stops waiting for them instead */
function untilAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  signal.throwIfAborted();
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason as Error);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

type Answered = { url: string; redirects: string[]; status: number; headers: Record<string, string> };

async function finish(
  response: IncomingMessage,
  answered: Answered,
  options: { maxBytes: number; signal: AbortSignal; now: number },
): Promise<FetchResult> {
  const { status, headers, url } = answered;
  const validators = validatorsOf(headers);
  if (status === 304) {
    response.resume();
    return { ...answered, kind: 'not-modified', validators };
  }
  const reason = response.statusMessage ? ` ${response.statusMessage}` : '';
  if (status === 429 || status === 503) {
    response.destroy();
    const retryAt = parseRetryAfter(headers['retry-after'], options.now);
    const when = retryAt === undefined ? '' : `; try again after ${new Date(retryAt).toISOString()}`;
    const message = `${url} answered HTTP ${status}${reason}${when}`;
    return retryAt === undefined
      ? { ...answered, kind: 'retry-later', message }
      : { ...answered, kind: 'retry-later', retryAt, message };
  }
  if (status < 200 || status > 299) {
    response.destroy();
    const message = REDIRECTS.has(status)
      ? `${url} answered HTTP ${status} without saying where to go`
      : `${url} answered HTTP ${status}${reason}`;
    return { ...answered, kind: 'http-error', message };
  }
  const declared = Number(headers['content-length']);
  if (declared > options.maxBytes) throw tooLarge(url, declared, options.maxBytes);
  const body = await readBody(response, { url, maxBytes: options.maxBytes, signal: options.signal });
  return { ...answered, kind: 'ok', body, validators };
}

function nextHop(current: URL, location: string, chain: string[], maxRedirects: number, start: URL): URL {
  let next: URL;
  try {
    next = new URL(location, current);
  } catch (cause) {
    throw new FeedError(`Cannot fetch ${start.href}: ${current.href} redirects to "${location}", not a URL`, {
      cause,
    });
  }
  next.hash = '';
  const route = [...chain, next.href].join(' → ');
  if (chain.includes(next.href)) throw new FeedError(`Cannot fetch ${start.href}: redirect loop ${route}`);
  if (chain.length > maxRedirects) {
    throw new FeedError(`Cannot fetch ${start.href}: more than ${maxRedirects} redirects ${route}`);
  }
  return next;
}

function validatorsOf(headers: Record<string, string>): Validators {
  const validators: Validators = {};
  if (headers.etag) validators.etag = headers.etag;
  if (headers['last-modified']) validators.lastModified = headers['last-modified'];
  return validators;
}

function flatHeaders(headers: IncomingHttpHeaders): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) flat[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return flat;
}

function asFeedError(
  error: unknown,
  where: string,
  context: { signal: AbortSignal; connectTimeoutMs: number },
): FeedError {
  if (context.signal.aborted) {
    const reason = context.signal.reason as Error;
    return new FeedError(`Cannot fetch ${where}: ${reason.message}`, { cause: error });
  }
  if (error instanceof FeedError) return error;
  if (error instanceof ConnectTimeoutError) {
    return new FeedError(
      `Cannot fetch ${where}: could not connect within ${context.connectTimeoutMs / 1000} s`,
      {
        cause: error,
      },
    );
  }
  return new FeedError(`Cannot fetch ${where}: ${describeCause(error)}`, { cause: error });
}
