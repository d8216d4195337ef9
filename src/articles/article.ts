import { z } from 'zod';

export const SourceIdSchema = z
  .string()
  .regex(
    /^[a-z0-9]+(?:-[a-z0-9]+)*$/,
    'use lower-case letters, digits and single hyphens, e.g. "ariana-news"',
  );

/** An article as the store keeps it. Times are milliseconds since the epoch. */
export const ArticleSchema = z.object({
  /** stable: from the guid, else the canonical URL, else a hash of source, title, time and text */
  id: z.string().min(1),
  sourceId: SourceIdSchema,
  /** the feed's own id for the item (guid / atom:id / JSON Feed id), when it has one */
  guid: z.string().optional(),
  title: z.string().min(1),
  /** canonical URL: tracking parameters removed */
  url: z.string().optional(),
  publishedAt: z.number().int().nullable(),
  firstSeenAt: z.number().int(),
  /** clean text, about 300 characters at most, cut at a sentence boundary */
  summary: z.string(),
  /** the clean full text the feed or page gave (capped), used for tagging and search */
  text: z.string(),
  /** BCP 47 tag, e.g. "en", "fa", "ps" */
  language: z.string().min(2),
  /** topic ids */
  topics: z.array(z.string()),
  /** stored by its source's first successful fetch: what the source already had, never "new" in a briefing */
  backlog: z.boolean().optional(),
});

export type Article = z.infer<typeof ArticleSchema>;

/** What the feed normaliser produces: an article before it is seen by the store and tagged. */
export type FeedArticle = Omit<Article, 'firstSeenAt' | 'topics'>;
