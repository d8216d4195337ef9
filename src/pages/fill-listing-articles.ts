// a listing's new entries → their article pages fetched (a few at a time) and extracted, their
// text filled in. one page that fails to fetch or parse never loses the others: it keeps its
// listing title and lede and is reported.
import type { FeedArticle } from '../articles/article.js';
import { decodePageBytes } from './decode-page-bytes.js';
import { extractArticle } from './extract-article.js';
import { withPageText } from './page-article.js';
import { MAX_PAGE_BYTES } from './parse-page.js';

/** What a fetch gives back: the html, its bytes, or its bytes with the response headers. */
export type FetchedPage =
  string | Uint8Array | { bytes: Uint8Array; headers?: Record<string, string>; url?: string };

/** Fetches one article page (the caller's fetcher: caps, timeouts, politeness). */
export type FetchPage = (url: string) => Promise<FetchedPage>;

export interface FillOptions {
  /** pages fetched at once; default 3 */
  concurrency?: number;
}

export interface FillResult {
  /** the articles in the order given, filled where their page was read */
  articles: FeedArticle[];
  /** pages that could not be read, one line each; their articles keep the listing's lede */
  failures: { url: string; reason: string }[];
}

function oneLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return (message.split('\n')[0] ?? message).slice(0, 300);
}

function pageHtml(fetched: FetchedPage, url: string): { html: string; url: string } {
  if (typeof fetched === 'string') return { html: fetched, url };
  const bytes = fetched instanceof Uint8Array ? fetched : fetched.bytes;
  if (bytes.byteLength > MAX_PAGE_BYTES) {
    throw new Error(`the page is ${(bytes.byteLength / 1048576).toFixed(1)} MB, over the 5 MB limit`);
  }
  const headers = fetched instanceof Uint8Array ? {} : (fetched.headers ?? {});
  const contentType = Object.entries(headers).find(([name]) => name.toLowerCase() === 'content-type')?.[1];
  const finalUrl = fetched instanceof Uint8Array ? url : (fetched.url ?? url);
  return { html: decodePageBytes(bytes, contentType, url), url: finalUrl };
}

/** Fetches each article's page and fills in its text; the caller passes only the entries that are new. */
export async function fillListingArticles(
  articles: FeedArticle[],
  fetchPage: FetchPage,
  options: FillOptions = {},
): Promise<FillResult> {
  const filled = [...articles];
  const failed: { index: number; url: string; reason: string }[] = [];
  const concurrency = Math.max(1, Math.min(options.concurrency ?? 3, 16));
  let next = 0;
  const worker = async () => {
    while (next < articles.length) {
      const index = next++;
      const article = articles[index] as FeedArticle;
      if (!article.url) {
        failed.push({ index, url: '', reason: `"${article.title.slice(0, 60)}" has no link to fetch` });
        continue;
      }
      try {
        const { html, url } = pageHtml(await fetchPage(article.url), article.url);
        const page = extractArticle(html, url);
        if (page.text === '')
          failed.push({ index, url: article.url, reason: 'no article text found on the page' });
        filled[index] = withPageText(article, page);
      } catch (error) {
        failed.push({ index, url: article.url, reason: oneLine(error) });
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, articles.length) }, worker));
  const failures = failed.sort((a, b) => a.index - b.index).map(({ url, reason }) => ({ url, reason }));
  return { articles: filled, failures };
}
