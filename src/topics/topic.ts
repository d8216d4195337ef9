import { z } from 'zod';

const PerLanguage = <T extends z.ZodType>(value: T) => z.object({ en: value, fa: value, ps: value });

export const TopicSchema = z.object({
  id: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/),
  /** display names in English, Dari and Pashto */
  names: PerLanguage(z.string().min(1)),
  /** other words that mean this topic: demonyms, places, institutions, acronyms */
  aliases: PerLanguage(z.array(z.string().min(1))),
});

export type Topic = z.infer<typeof TopicSchema>;

export const TopicsFileSchema = z.array(TopicSchema).min(1);
