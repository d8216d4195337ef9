// a reader's url that cannot be read: the real fetcher's failures, each told as one plain reason of
// the catalogues (never the fetcher's English), and said in Dari and Pashto too.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UserError } from '../../src/errors.js';
import { checkPublicUrl } from '../../src/fetch/check-public-url.js';
import { createNodeHttpFetch, type NodeHttpFetch } from '../../src/fetch/node-http-fetch.js';
import { t, type Said } from '../../src/i18n/index.js';
import { plainError } from '../../src/health/plain-error.js';
import { failureInLocale, fetchReason } from '../../src/sources/fetch-reason.js';
import { fetchUserUrl } from '../../src/sources/fetch-user-url.js';
import type { LocalServer } from '../fetch/local-server.js';
import {
  onlyLoopbackConnections,
  redirect,
  startNewsServer,
  testResolver,
  TRUSTED,
} from './chat-source-harness.js';

let server: LocalServer;
let fetch: NodeHttpFetch;
let base: string;

beforeAll(async () => {
  onlyLoopbackConnections();
  server = await startNewsServer({
    '/slow': () => undefined,
    '/big': (_request, response) => response.end('x'.repeat(1024 * 1024 + 1)),
    '/loop': redirect(() => `${base}/loop`),
    '/missing': (_request, response) => {
      response.statusCode = 404;
      response.end();
    },
    '/busy': (_request, response) => {
      response.statusCode = 503;
      response.end();
    },
  });
  base = `http://news.example.test:${server.port}`;
  fetch = createNodeHttpFetch({ resolver: testResolver(), trustedHosts: TRUSTED, hostGapMs: 0 });
});
afterAll(async () => {
  fetch.close();
  await server.close();
});

/** the reason the fetcher's failure gives the reader */
async function reasonFor(url: string, init: Parameters<NodeHttpFetch>[1] = {}): Promise<Said> {
  try {
    await fetch(new URL(url), { publicOnly: true, ...init });
  } catch (error) {
    return fetchReason(error);
  }
  throw new Error(`${url} was read`);
}

describe('a url that cannot be read, in plain words', () => {
  it('a server that does not answer in time', async () => {
    expect(await reasonFor(`${base}/slow`, { timeoutMs: 300 })).toEqual({
      key: 'reason.timeout',
      values: { seconds: 0.3 },
    });
  });

  it('a body over the cap', async () => {
    expect(await reasonFor(`${base}/big`, { maxBytes: 1024 * 1024 })).toEqual({
      key: 'reason.tooLarge',
      values: { max: { key: 'size.limit', values: { mb: 1, kb: 1024 } } },
    });
  });

  it('a redirect loop, a name no server has, a connection refused', async () => {
    expect(await reasonFor(`${base}/loop`)).toEqual({ key: 'reason.redirects' });
    expect(await reasonFor('http://nowhere.example.test/feed')).toEqual({ key: 'reason.noHost' });
    // a port nothing listens on, once the server is gone
    const closed = await startNewsServer({});
    await closed.close();
    expect(await reasonFor(`http://news.example.test:${closed.port}/feed`)).toEqual({ key: 'reason.failed' });
  });

  it('a private address, directly or by a redirect, names the address', async () => {
    const refusal = await checkPublicUrl(new URL('http://metadata.example.test/'), {
      resolver: testResolver(),
    }).catch((error: unknown) => fetchReason(error));
    expect(refusal).toEqual({ key: 'reason.private', values: { address: '169.254.169.254' } });
  });

  it('an HTTP error or a busy server, as a UserError in the reader’s language', async () => {
    const said = async (path: string) => {
      const error = await fetchUserUrl(fetch, new URL(`${base}${path}`)).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(UserError);
      const { key, values } = error as UserError;
      return (locale: 'en' | 'fa-AF' | 'ps') => t(locale, key!, values);
    };
    const missing = await said('/missing');
    expect(missing('en')).toBe(
      `I could not read ${base}/missing: the server answered HTTP 404. Check the address, or try again later.`,
    );
    expect(missing('fa-AF')).toBe(
      `${base}/missing را خوانده نتوانستم: سرور با HTTP ۴۰۴ پاسخ داد. نشانی را بررسی کنید، یا کمی بعد دوباره کوشش کنید.`,
    );
    expect(missing('ps')).toContain('سرور د HTTP ۴۰۴ ځواب ورکړ');
    expect((await said('/busy'))('en')).toContain('the server is busy (HTTP 503)');
  });
});

describe('a source’s stored failure, shown in /sources and health notices', () => {
  /** what the health record keeps of a failed fetch: its plain line */
  async function storedFailure(url: string, init: Parameters<NodeHttpFetch>[1] = {}): Promise<string> {
    try {
      const result = await fetch(new URL(url), { publicOnly: true, ...init });
      if ('message' in result && typeof result.message === 'string') return plainError(result.message);
    } catch (error) {
      return plainError((error as Error).message);
    }
    throw new Error(`${url} was read`);
  }

  it('keeps the detail in English and gives Dari and Pashto readers a plain reason in their words', async () => {
    const failures = [
      await storedFailure(`${base}/missing`),
      await storedFailure(`${base}/busy`),
      await storedFailure(`${base}/slow`, { timeoutMs: 300 }),
      await storedFailure(`${base}/loop`),
      plainError('Feed kabul-news (https://news.example.test/feed) is not well-formed XML: unexpected end'),
      plainError('Feed kabul-news (https://news.example.test/feed) could not be read: something odd'),
    ];
    for (const message of failures) {
      expect(failureInLocale('en', message)).toBe(message);
      for (const locale of ['fa-AF', 'ps'] as const) {
        const shown = failureInLocale(locale, message);
        // "HTTP" is the one Latin word the Dari and Pashto catalogues use themselves
        expect(shown.replace(/\bHTTP\b/g, ''), `${locale}: ${message}`).not.toMatch(/[A-Za-z]/);
        expect(shown.length).toBeGreaterThan(0);
      }
    }
    expect(failureInLocale('fa-AF', failures[0]!)).toBe(t('fa-AF', 'reason.http', { status: 404 }));
    expect(failureInLocale('ps', failures[1]!)).toBe(t('ps', 'reason.busy', { status: 503 }));
    expect(failureInLocale('fa-AF', failures[2]!)).toBe(t('fa-AF', 'reason.timeout', { seconds: 0.3 }));
    expect(failureInLocale('ps', failures[3]!)).toBe(t('ps', 'reason.redirects'));
    expect(failureInLocale('fa-AF', failures[4]!)).toBe(t('fa-AF', 'reason.notFeed'));
    expect(failureInLocale('fa-AF', failures[5]!)).toBe(t('fa-AF', 'reason.unreadable'));
  });
});
