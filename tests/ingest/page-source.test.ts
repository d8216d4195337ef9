// a page source read through the briefer: the seed listing page (tests/fixtures/pages) and its four
// article pages served from 127.0.0.1, with their links pointed at the local server.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalServer, type LocalServer, type Route } from '../fetch/local-server.js';
import { fixture, seedArticles, SITE } from '../pages/seed-pages.js';
import { count, openTestBriefer, source } from './ingest-harness.js';

let server: LocalServer;
const seed = seedArticles();
const LISTING = '/category/latest-news/';
let brokenArticle: string | undefined;

const page =
  (name: string): Route =>
  (request, response) => {
    if (request.url?.split('?')[0] === brokenArticle) {
      response.statusCode = 500;
      response.end('oops');
      return;
    }
    response.setHeader('content-type', 'text/html; charset=utf-8');
    response.end(fixture(name).replaceAll(SITE, server.base));
  };

beforeAll(async () => {
  const routes: Record<string, Route> = { [LISTING]: page('ariana-latest-news.html') };
  for (const article of seed) routes[new URL(article.url).pathname] = page(article.file);
  routes['/plain'] = (_request, response) => {
    response.setHeader('content-type', 'text/html');
    response.end('<html><head><title>Nothing</title></head><body><p>Hi.</p></body></html>');
  };
  server = await startLocalServer(routes);
});

afterAll(() => server.close());

const articlePaths = () => seed.map((article) => new URL(article.url).pathname);
const fetchedArticles = () =>
  server.requests.map((request) => request.path).filter((path) => articlePaths().includes(path));

describe('a listing page source', () => {
  it('stores its four articles with the text of their own pages, and no page furniture', async () => {
    server.reset();
    brokenArticle = undefined;
    const t = await openTestBriefer([source('ariana-page', server.url(LISTING), 'page')]);
    try {
      const [outcome] = await t.briefer.refresh();
      expect(outcome).toMatchObject({ ok: true, items: 4, added: 4, state: 'ok' });
      expect(fetchedArticles().sort()).toEqual(articlePaths().sort());
      const stored = t.briefer.store.latest({ limit: 10, sourceIds: ['ariana-page'] });
      expect(stored.map((article) => article.title)).toEqual(seed.map((article) => article.title));
      for (const article of seed) {
        const full = await t.briefer.store.get(stored.find((one) => one.title === article.title)?.id ?? '');
        // the last paragraph is only on the article page, never in the listing's lede
        expect(full?.text).toContain(article.body.at(-1));
        expect(full?.text).not.toMatch(/Continue Reading|Trending|All rights reserved|©/);
        expect(full?.url).toBe(article.url.replace(SITE, server.base));
        expect(full?.publishedAt).toBe(article.publishedAt);
      }
    } finally {
      await t.close();
    }
  });

  it('fetches article pages only for entries it has not seen, and suggests the announced feed once', async () => {
    server.reset();
    brokenArticle = undefined;
    const t = await openTestBriefer([source('ariana-page', server.url(LISTING), 'page')]);
    try {
      await t.briefer.refresh();
      server.reset();
      const [again] = await t.briefer.refresh();
      expect(again).toMatchObject({ ok: true, items: 4, added: 0 });
      expect(fetchedArticles()).toEqual([]);
      expect(count(t.lines, 'page source announces a feed')).toBe(1);
      const suggestion = t.lines.find((line) => line.includes('page source announces a feed'));
      expect(suggestion).toContain(`feed=${server.base}/feed/`);
      expect((await t.briefer.sourceHealth('ariana-page'))?.feedSuggested).toBe(`${server.base}/feed/`);
      // the source is not switched: it is still read as a page
      expect(t.briefer.sources[0]?.url.href).toBe(server.url(LISTING).href);
    } finally {
      await t.close();
    }
  });

  it('keeps the listing lede of an article whose page fails, and the source stays OK', async () => {
    server.reset();
    const broken = seed[1];
    brokenArticle = new URL(broken?.url ?? '').pathname;
    const t = await openTestBriefer([source('ariana-page', server.url(LISTING), 'page')]);
    try {
      const [outcome] = await t.briefer.refresh();
      expect(outcome).toMatchObject({ ok: true, added: 4, state: 'ok' });
      const stored = t.briefer.store.latest({ limit: 10, sourceIds: ['ariana-page'] });
      const lede = await t.briefer.store.get(stored.find((one) => one.title === broken?.title)?.id ?? '');
      expect(lede?.text).toBe(broken?.body[0]);
    } finally {
      brokenArticle = undefined;
      await t.close();
    }
  });
});

describe('a page that is neither an article nor a listing', () => {
  it('fails the source with a plain reason', async () => {
    const t = await openTestBriefer([source('plain', server.url('/plain'), 'page')]);
    try {
      const [outcome] = await t.briefer.refresh();
      expect(outcome).toMatchObject({ ok: false, state: 'failing' });
      expect((await t.briefer.sourceHealth('plain'))?.lastError).toBe(
        'not a news page: neither an article nor a listing of articles',
      );
    } finally {
      await t.close();
    }
  });
});
