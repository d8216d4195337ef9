// a stable article id: the same item gives the same id on every fetch, and two sources never
// share one. "<sourceId>:<16 base64url characters of a sha-256>", short enough for callback data.
import { hash } from 'node:crypto';

export interface ArticleIdInput {
  sourceId: string;
  guid?: string;
  url?: string;
  title: string;
  publishedAt: number | null;
  text: string;
}

// parts: the identifying values, joined by NUL
function digest(kind: string, sourceId: string, parts: string): string {
  return hash('sha256', `${kind}\u0000${sourceId}\u0000${parts}`, 'base64url').slice(0, 16);
}

/** From the guid, else the canonical url, else the source, title, time and text. */
export function articleId(input: ArticleIdInput): string {
  const guid = input.guid?.trim();
  if (guid) return `${input.sourceId}:${digest('guid', input.sourceId, guid)}`;
  const url = input.url?.trim();
  if (url) return `${input.sourceId}:${digest('url', input.sourceId, url)}`;
  const time = input.publishedAt === null ? '' : String(input.publishedAt);
  return `${input.sourceId}:${digest('text', input.sourceId, `${input.title}\u0000${time}\u0000${input.text}`)}`;
}
