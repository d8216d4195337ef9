// zod for the briefing messages a pending ledger entry keeps, so a restart sends exactly what was planned.
import { z } from 'zod';
import { CalendarSchema, LocaleSchema } from '../i18n/locale.js';

const DigestItemSchema = z.object({
  articleId: z.string(),
  title: z.string(),
  url: z.string().optional(),
  sourceId: z.string(),
  sourceName: z.string(),
  publishedAt: z.number().nullable(),
  firstSeenAt: z.number(),
  summary: z.string(),
  language: z.string(),
  topics: z.array(z.string()),
  alsoReportedBy: z.array(z.object({ sourceName: z.string(), url: z.string().optional() })),
});

const DigestSchema = z.object({
  title: z.string(),
  generatedAt: z.number(),
  timeZone: z.string(),
  sections: z.array(z.object({ heading: z.string().optional(), items: z.array(DigestItemSchema) })),
  emptyText: z.string(),
  footer: z.string().optional(),
  locale: LocaleSchema.optional(),
  calendar: CalendarSchema.optional(),
});

export const BriefingMessageSchema = z.object({
  text: z.string().optional(),
  digest: DigestSchema.optional(),
  locale: LocaleSchema.optional(),
});
