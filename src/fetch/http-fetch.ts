// the fetcher's port, owned by the core: one GET of one URL, redirects followed, body capped.
// implementations: createNodeHttpFetch (node:http/https). tests use a real local server.

/** what a server said about its copy, sent back next time for a conditional GET */
export interface Validators {
  etag?: string;
  lastModified?: string;
}

export interface FetchInit {
  /** from the previous answer: a 304 then costs no body and no parse */
  validators?: Validators;
  accept?: string;
  /** override the fetcher's limits for this request */
  maxBytes?: number;
  timeoutMs?: number;
  /** refuse loopback, private, link-local and other non-public addresses (user-given URLs) */
  publicOnly?: boolean;
  signal?: AbortSignal;
}

interface Answered {
  /** where the answer finally came from */
  url: string;
  /** the urls before it, in order, when the server redirected */
  redirects: string[];
  status: number;
  /** lower-case names */
  headers: Record<string, string>;
}

export type FetchResult =
  | (Answered & { kind: 'ok'; body: Uint8Array; validators: Validators })
  | (Answered & { kind: 'not-modified'; validators: Validators })
  /** 429 or 503; `retryAt` (ms since the epoch) when the server said when, via Retry-After */
  | (Answered & { kind: 'retry-later'; retryAt?: number; message: string })
  | (Answered & { kind: 'http-error'; message: string });

/** Network failures, timeouts, caps and refusals throw a FeedError; HTTP statuses are results. */
export type HttpFetch = (url: URL, init: FetchInit) => Promise<FetchResult>;
