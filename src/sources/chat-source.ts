// a source a chat added itself (/source add, OPML import): what is stored per chat, checked when read back.
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { httpUrl } from '../text/http-url.js';
import { truncateAtWord } from '../text/truncate.js';
import type { ImportNote } from './import-note.js';
import { SourceSchema, type Source } from './source.js';

/** the most sources one chat may add */
export const MAX_CHAT_SOURCES = 20;
export const MAX_SOURCE_NAME = 100;

/** "c-" and ten hex digits of the url's hash: never one of the operator's readable ids by accident */
const CHAT_SOURCE_ID = /^c-[0-9a-f]{10}$/;

export const ChatSourceSchema = z.object({
  id: z.string().regex(CHAT_SOURCE_ID, 'a chat source id is "c-" and ten hex digits'),
  name: z.string().trim().min(1).max(MAX_SOURCE_NAME),
  url: z.string().refine((url) => httpUrl(url) === url, 'an absolute http(s) URL'),
  language: SourceSchema.shape.language,
  kind: z.enum(['feed', 'page']),
  /** `platform:userId` */
  addedBy: z.string().min(1).max(200),
  /** ms since the epoch */
  addedAt: z.number().int().nonnegative(),
});

export type ChatSource = z.output<typeof ChatSourceSchema>;

/** namespace "chat-sources": key = the chat (`platform:chatId[:thread]`), value = this */
export const ChatSourceListSchema = z.object({
  chat: z.string().min(1),
  sources: z.array(ChatSourceSchema).max(MAX_CHAT_SOURCES),
});

export type ChatSourceList = z.output<typeof ChatSourceListSchema>;

/**
 * The id of a chat source: the same url gives the same id in every chat (so it is fetched once);
 * `taken` ids (the operator's) are stepped over.
 */
export function chatSourceId(url: string, taken: (id: string) => boolean = () => false): string {
  for (let salt = 0; ; salt++) {
    const hash = createHash('sha256')
      .update(salt === 0 ? url : `${url}#${salt}`)
      .digest('hex');
    const id = `c-${hash.slice(0, 10)}`;
    if (!taken(id)) return id;
  }
}

/** whether an id has the shape of a chat source's: such articles are shown only to chats that own the source */
export const isChatSourceId = (id: string): boolean => id.length === 12 && CHAT_SOURCE_ID.test(id);

/** a chat source as the rest of the core sees a source */
export function toSource(source: ChatSource): Source {
  return {
    id: source.id,
    name: source.name,
    url: new URL(source.url),
    language: source.language,
    kind: source.kind,
  };
}

/** a display name cut to MAX_SOURCE_NAME on one line, or undefined when there is none */
export function sourceName(text: string | undefined): string | undefined {
  const name = (text ?? '').replace(/\s+/g, ' ').trim();
  if (!name) return undefined;
  return truncateAtWord(name, MAX_SOURCE_NAME);
}

/** who adds, and the language a source gets when neither it nor its articles say */
export interface Adder {
  user: string;
  fallbackLanguage: string;
}

export interface AddedSource {
  source: ChatSource;
  /** the page the feed was found on, when the reader gave a site */
  foundOn?: string;
  pageKind?: 'listing' | 'article';
}

export interface ImportSummary {
  added: ChatSource[];
  /** not http(s), not a public address */
  refused: ImportNote[];
  /** already read, or over the chat's limit */
  skipped: ImportNote[];
  /** outlines beyond what one file may hold, not read */
  dropped: number;
}

export interface OpmlFile {
  name: string;
  mimeType: string;
  content: string;
}
