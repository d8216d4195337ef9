import { z } from 'zod';
import {
  formatAbsolute,
  localDigits,
  nameIn,
  t,
  type BriefingStatus,
  type Calendar,
  type Locale,
} from '../src/index.js';
import type { Command, Services } from './command.js';
import { calendarOf, localeOf } from './command-text.js';

const NoArgs = z.object({});

/** a content language's name in the reader's language: "fa" → "Dari", "دری"; others from Intl */
export function languageName(code: string, locale: Locale): string {
  if (code === 'en' || code === 'fa' || code === 'ps') return t(locale, `language.name.${code}`);
  try {
    return new Intl.DisplayNames(locale, { type: 'language' }).of(code) ?? code;
  } catch {
    return code;
  }
}

/** one paragraph on what a chat gets and when, shared by /subscribe and /subscriptions */
export function describeSubscription(
  status: BriefingStatus,
  services: Services,
  reader: { locale: Locale; calendar: Calendar },
): string {
  const { subscription: s } = status;
  const { locale } = reader;
  const when = (at: number) => formatAbsolute(at, s.timeZone, locale, reader.calendar);
  const topicNames = s.topics.map((id) => {
    const topic = services.topics.find(id);
    return topic ? nameIn(topic.names, locale) : id;
  });
  const about =
    topicNames.length > 0
      ? t(locale, 'subscription.about', { topics: topicNames })
      : t(locale, 'subscription.aboutAll');
  // the chat's news languages (/language news) win over the subscription's own
  const news = services.languages.get(s.target)?.news ?? s.languages;
  const languages =
    news.length > 0
      ? t(locale, 'subscription.languages', { languages: news.map((code) => languageName(code, locale)) })
      : '';
  const what =
    s.mode === 'live'
      ? t(locale, 'subscription.live', { about, languages, minutes: services.briefings.liveBatchMinutes })
      : t(locale, 'subscription.daily', {
          time: localDigits(s.time, locale),
          zone: s.timeZone,
          about,
          languages,
          quiet: s.quiet ? t(locale, 'subscription.quiet') : '',
        });
  const lines = [what];
  if (s.paused) {
    lines.push(t(locale, 'subscription.paused', { when: when(s.paused.at), reason: s.paused.reason }));
  } else if (status.nextDueAt !== undefined && s.mode === 'daily') {
    lines.push(t(locale, 'subscription.next', { when: when(status.nextDueAt) }));
  }
  lines.push(
    status.lastSentAt !== undefined
      ? t(locale, 'subscription.lastSent', { when: when(status.lastSentAt) })
      : t(locale, 'subscription.nothingSent'),
  );
  return lines.join('\n');
}

export const subscriptions = {
  name: 'subscriptions',
  description: t('en', 'subscriptions.description'),
  usage: t('en', 'subscriptions.usage'),
  examples: ['/subscriptions'],
  options: [],
  fromText: () => ({}),
  args: NoArgs,
  async run(_args, context, services) {
    const locale = localeOf(context);
    const status = services.briefings.status(context.chat);
    if (!status) return { text: t(locale, 'subscriptions.none') };
    const description = describeSubscription(status, services, { locale, calendar: calendarOf(context) });
    return { text: t(locale, 'subscriptions.entry', { description }) };
  },
} satisfies Command<z.output<typeof NoArgs>>;
