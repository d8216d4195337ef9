import { z } from 'zod';
import {
  findCalendar,
  findLocale,
  findNewsLanguage,
  primaryTag,
  t,
  UserError,
  type Locale,
} from '../src/index.js';
import { cleanText, issue, requireManage } from './arguments.js';
import type { Command, CommandContext, Reply, Services } from './command.js';
import { calendarOf, localeOf } from './command-text.js';
import { languageName } from './subscriptions.js';

const LanguageArgs = z.object({
  setting: z
    .string()
    .transform(cleanText)
    .pipe(z.string().max(100, issue('args.settingLong', { max: 100 })))
    .optional(),
});

// the words that start the other two settings, in any of the three languages
const NEWS = new Set(['news', 'خبرها', 'اخبار', 'خبرونه']);
const CALENDAR = new Set(['calendar', 'تقویم', 'جنتري', 'جنتری']);
const ALL = new Set(['all', 'any', 'every', 'همه', 'ټولې', 'ټول']);

export const language = {
  name: 'language',
  description: t('en', 'language.description'),
  usage: t('en', 'language.usage'),
  examples: ['/language', '/language fa', '/language news en fa', '/language calendar solar'],
  options: [
    {
      name: 'setting',
      description: 'en, fa or ps; "news en fa" or "news all"; "calendar solar" or "calendar gregorian"',
      type: 'string',
      maxLength: 100,
    },
  ],
  fromText: (text) => ({ setting: text.trim() || undefined }),
  args: LanguageArgs,
  async run({ setting }, context, services) {
    if (!setting) return current(context, services);
    requireManage(context, 'manage.language');
    const [first = '', ...rest] = setting.split(' ');
    if (NEWS.has(first.toLowerCase())) return setNews(rest, context, services);
    if (CALENDAR.has(first.toLowerCase())) return setCalendar(rest.join(' '), context, services);
    const chosen = findLocale(setting);
    if (!chosen) throw UserError.say('language.unknown', { text: setting });
    await services.languages.set(context.chat, { locale: chosen });
    // said in the language just chosen
    return { text: t(chosen, 'language.set', { language: ownName(chosen, chosen) }), locale: chosen };
  },
} satisfies Command<z.output<typeof LanguageArgs>>;

const ownName = (of: Locale, locale: Locale) => t(locale, `language.name.${primaryTag(of)}`);

function current(context: CommandContext, services: Services): Reply {
  const locale = localeOf(context);
  const news = services.languages.get(context.chat)?.news ?? [];
  const text = [
    t(locale, 'language.current', {
      language: ownName(locale, locale),
      news:
        news.length > 0
          ? news.map((code) => languageName(code, locale)).join(t(locale, 'list.separator'))
          : t(locale, 'language.newsAll'),
      calendar: t(locale, `language.calendar.${calendarOf(context)}`),
    }),
    t(locale, 'language.options'),
  ].join('\n');
  // each language offered in its own words
  const choices = (['en', 'fa-AF', 'ps'] as const).map((option) => ({
    label: ownName(option, option),
    command: `/language ${primaryTag(option)}`,
  }));
  return { text, choices };
}

async function setNews(words: string[], context: CommandContext, services: Services): Promise<Reply> {
  const locale = localeOf(context);
  const given = words.flatMap((word) => word.split(/[,،]/)).filter((word) => word !== '');
  if (given.length === 0) throw UserError.say('language.giveNews');
  if (given.some((word) => ALL.has(word.toLowerCase()))) {
    await services.languages.set(context.chat, { news: [] });
    return { text: t(locale, 'language.newsReset') };
  }
  const codes = given.map((word) => {
    const code = findNewsLanguage(word);
    if (!code) throw UserError.say('language.unknownNews', { text: word });
    return code;
  });
  const news = [...new Set(codes)].slice(0, 10);
  await services.languages.set(context.chat, { news });
  return {
    text: t(locale, 'language.newsSet', { languages: news.map((code) => languageName(code, locale)) }),
  };
}

async function setCalendar(text: string, context: CommandContext, services: Services): Promise<Reply> {
  const calendar = findCalendar(text);
  if (!calendar) throw UserError.say('language.unknownCalendar');
  await services.languages.set(context.chat, { calendar });
  const locale = localeOf(context);
  return {
    text: t(locale, 'language.calendarSet', { calendar: t(locale, `language.calendar.${calendar}`) }),
  };
}
