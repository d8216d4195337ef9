// requests on an interaction's own routes (its callback, and its webhook for edits and follow-ups) sent
// straight through undici. discord.js's REST queue spent more CPU on each (route hashing, a Headers copy,
// an AbortController and a timer per request) than the command being answered, and it queues none of
// them behind others: Discord does not bucket callbacks, and gives each interaction token its own bucket.
// What it did that matters is kept: 429s waited out, a token's exhausted bucket respected, 5xx and
// dropped connections retried, Discord's errors thrown as discord.js throws them.
import { Blob } from 'node:buffer';
import { STATUS_CODES } from 'node:http';
import {
  DefaultUserAgent,
  DefaultUserAgentAppendix,
  DiscordAPIError,
  HTTPError,
  RateLimitError,
  type RawFile,
} from 'discord.js';
import { FormData, type Dispatcher } from 'undici';

export interface InteractionRequest {
  method: 'POST' | 'PATCH' | 'DELETE';
  /** a route under the API root, e.g. Routes.interactionCallback(id, token) */
  route: string;
  body?: unknown;
  /** sent as multipart `files[n]` beside `payload_json` */
  files?: RawFile[];
  query?: string;
}

/** one interaction token's bucket: requests on it wait while it is exhausted */
export interface TokenBucket {
  /** performance.now() before which the next request must not go */
  resetAt: number;
}

export interface InteractionRest {
  /** resolves once Discord accepted the request; its answer is not read */
  send(request: InteractionRequest, bucket?: TokenBucket): Promise<void>;
}

export interface InteractionRestOptions {
  agent: Dispatcher;
  /** e.g. https://discord.com/api; requests go to its /v10 */
  apiRoot: string;
  /** a 429 asking to wait longer than this fails the request instead */
  maxRateLimitWaitMs: number;
  /** told of every 429 waited out */
  onRateLimited?: (limit: { route: string; retryAfterMs: number; global: boolean }) => void;
  /** default 15 s, as discord.js */
  timeoutMs?: number;
  /** retries after a 5xx or a dropped connection (default 3, as discord.js) */
  retries?: number;
}

interface Answer {
  status: number;
  headers: Map<string, string>;
  body: Buffer;
}

const USER_AGENT = `${DefaultUserAgent} ${DefaultUserAgentAppendix}`.trim();
// as discord.js: a little past Retry-After, so the retry does not land just before the reset
const RATE_LIMIT_OFFSET_MS = 50;
const RETRIED_CODES = new Set([
  'ECONNRESET',
  'UND_ERR_SOCKET',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
]);

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** undici's raw headers (name, value, name, value…) as lower-case names; only a few are read */
function headerMap(raw: Buffer[] | string[] | null): Map<string, string> {
  const headers = new Map<string, string>();
  for (let i = 0; raw && i + 1 < raw.length; i += 2) {
    headers.set(raw[i]!.toString().toLowerCase(), raw[i + 1]!.toString());
  }
  return headers;
}

/**
 * undici's handler for one request, keeping the status, the headers and a failure's body. A class
 * rather than closures: tsx names every arrow function as it is created (about a microsecond each).
 */
class AnswerReader implements Dispatcher.DispatchHandlers {
  private status = 0;
  private headers = new Map<string, string>();
  private readonly chunks: Buffer[] = [];

  constructor(
    private readonly resolve: (answer: Answer) => void,
    readonly onError: (error: Error) => void,
  ) {}

  onConnect(): void {}

  onHeaders(statusCode: number, raw: Buffer[] | null): boolean {
    this.status = statusCode;
    this.headers = headerMap(raw);
    return true;
  }

  onData(chunk: Buffer): boolean {
    // a success's answer is not read; a failure's says why
    if (this.status >= 300) this.chunks.push(chunk);
    return true;
  }

  onComplete(): void {
    this.resolve({ status: this.status, headers: this.headers, body: Buffer.concat(this.chunks) });
  }
}

function dispatch(agent: Dispatcher, options: Dispatcher.DispatchOptions): Promise<Answer> {
  return new Promise((resolve, reject) => agent.dispatch(options, new AnswerReader(resolve, reject)));
}

function formOf(body: unknown, files: RawFile[]): FormData {
  const form = new FormData();
  files.forEach((file, index) => {
    const data = file.data instanceof Uint8Array ? file.data : String(file.data);
    form.append(file.key ?? `files[${index}]`, new Blob([data], { type: file.contentType }), file.name);
  });
  if (body !== undefined) form.append('payload_json', JSON.stringify(body));
  return form;
}

const readJson = (body: Buffer): Record<string, unknown> => {
  try {
    const parsed = JSON.parse(body.toString('utf8')) as unknown;
    return typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : {};
  } catch {
    return { message: body.toString('utf8').slice(0, 200) };
  }
};

/** Retry-After in ms: the header (seconds), else the body's retry_after, else a second */
function retryAfterMs(answer: Answer): number {
  const header = Number(answer.headers.get('retry-after'));
  if (Number.isFinite(header) && header >= 0) return header * 1000;
  const fromBody = Number(readJson(answer.body).retry_after);
  return Number.isFinite(fromBody) && fromBody >= 0 ? fromBody * 1000 : 1000;
}

export function createInteractionRest(options: InteractionRestOptions): InteractionRest {
  const api = new URL(`${options.apiRoot.replace(/\/+$/, '')}/v10`);
  const origin = api.origin;
  const prefix = api.pathname;
  const timeoutMs = options.timeoutMs ?? 15_000;
  const retries = options.retries ?? 3;

  return {
    async send(request, bucket) {
      const path = `${prefix}${request.route}${request.query ? `?${request.query}` : ''}`;
      const url = `${origin}${path}`;
      const requestData = { body: request.body, files: request.files };
      const files = request.files ?? [];
      const json = files.length === 0 && request.body !== undefined;
      const headers = json
        ? ['user-agent', USER_AGENT, 'content-type', 'application/json']
        : ['user-agent', USER_AGENT];
      const text = json ? JSON.stringify(request.body) : undefined;
      let failures = 0;
      for (;;) {
        if (bucket && bucket.resetAt > performance.now()) await sleep(bucket.resetAt - performance.now());
        let answer: Answer;
        try {
          answer = await dispatch(options.agent, {
            origin,
            path,
            method: request.method,
            headers,
            // a form is built again for each attempt: its body is a stream, read once
            body: text ?? (files.length > 0 ? formOf(request.body, files) : null),
            headersTimeout: timeoutMs,
            bodyTimeout: timeoutMs,
          });
        } catch (error) {
          const code = (error as { code?: unknown }).code;
          if (typeof code === 'string' && RETRIED_CODES.has(code) && failures < retries) {
            failures += 1;
            continue;
          }
          throw error;
        }
        if (bucket && answer.headers.get('x-ratelimit-remaining') === '0') {
          const resetAfter = Number(answer.headers.get('x-ratelimit-reset-after'));
          if (Number.isFinite(resetAfter)) bucket.resetAt = performance.now() + resetAfter * 1000;
        }
        if (answer.status < 300) return;
        if (answer.status === 429) {
          const waitMs = retryAfterMs(answer) + RATE_LIMIT_OFFSET_MS;
          const global = answer.headers.has('x-ratelimit-global');
          options.onRateLimited?.({ route: request.route, retryAfterMs: waitMs, global });
          if (waitMs > options.maxRateLimitWaitMs) {
            throw new RateLimitError({
              timeToReset: waitMs,
              limit: Number.POSITIVE_INFINITY,
              method: request.method,
              hash: `Interaction(${request.method}:${request.route})`,
              url,
              route: request.route,
              majorParameter: 'interaction',
              global,
              retryAfter: waitMs,
              sublimitTimeout: 0,
              scope: (answer.headers.get('x-ratelimit-scope') ?? 'user') as 'user',
            });
          }
          await sleep(waitMs);
          continue;
        }
        if (answer.status >= 500 && failures < retries) {
          failures += 1;
          continue;
        }
        if (answer.status >= 500) {
          const statusText = STATUS_CODES[answer.status] ?? String(answer.status);
          throw new HTTPError(answer.status, statusText, request.method, url, requestData);
        }
        const data = readJson(answer.body);
        const code = typeof data.code === 'number' ? data.code : answer.status;
        const rawError = { message: '', ...data, code };
        throw new DiscordAPIError(
          rawError as ConstructorParameters<typeof DiscordAPIError>[0],
          code,
          answer.status,
          request.method,
          url,
          requestData,
        );
      }
    },
  };
}
