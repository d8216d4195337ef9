import { z } from 'zod';
import { SourceIdSchema } from '../articles/article.js';

export const SourceSchema = z.object({
  id: SourceIdSchema,
  name: z.string().trim().min(1, 'give the outlet a display name, e.g. "Ariana News"'),
  /** absolute https:, http: or file: URL, or a path relative to the sources file's folder */
  url: z.string().trim().min(1),
  /** BCP 47 tag, e.g. "en", "fa", "ps" */
  language: z
    .string()
    .regex(/^[a-zA-Z]{2,3}(?:-[a-zA-Z0-9]{2,8})*$/, 'use a BCP 47 language tag, e.g. "en", "fa" or "ps"'),
  kind: z.enum(['feed', 'page']).default('feed'),
});

export type SourceInput = z.input<typeof SourceSchema>;

/** A source with its URL resolved to an absolute URL. */
export type Source = Omit<z.output<typeof SourceSchema>, 'url'> & { url: URL };
