import { z } from 'zod';
import { failureInLocale, formatRelative, t, type Locale, type SourceReport } from '../src/index.js';
import { nextPage, OffsetSchema } from './arguments.js';
import type { Command } from './command.js';
import { localeOf } from './command-text.js';
import { chatView } from './visible-sources.js';

const SourcesArgs = z.object({ offset: OffsetSchema });

/** sources on one page of the answer */
export const SOURCES_PAGE = 25;

export const sources = {
  name: 'sources',
  description: t('en', 'sources.description'),
  usage: t('en', 'sources.usage'),
  examples: ['/sources'],
  options: [],
  fromText: () => ({}),
  args: SourcesArgs,
  async run({ offset }, context, services) {
    const locale = localeOf(context);
    const all = chatView(context, services).sources;
    const shown = all.slice(offset, offset + SOURCES_PAGE);
    const reports = await services.reportSources(shown);
    const now = services.clock.now();
    const heading =
      offset === 0
        ? t(locale, 'sources.heading', { count: all.length })
        : t(locale, 'sources.headingPage', {
            from: offset + 1,
            to: offset + shown.length,
            count: all.length,
          });
    return {
      text: [heading, '', ...reports.map((report) => describe(report, now, locale))].join('\n'),
      ...nextPage('sources', {}, offset, shown.length, all.length),
    };
  },
} satisfies Command<z.output<typeof SourcesArgs>>;

/** two lines: the outlet, its articles and last success; then its state, recent items and next check */
function describe(report: SourceReport, now: number, locale: Locale): string {
  const { source } = report;
  const relative = (at: number) => formatRelative(at, now, locale);
  const head = t(locale, 'sources.head', {
    name: source.name,
    id: source.id,
    language: source.language,
    stored: report.stored,
  });
  if (report.state === 'new') return t(locale, 'sources.new', { head });
  const success =
    report.lastSuccessAt === undefined
      ? t(locale, 'sources.neverFetched')
      : t(locale, 'sources.fetched', { when: relative(report.lastSuccessAt) });
  const recent = t(locale, 'sources.recent', { count: report.itemsLastDay });
  const next =
    report.nextCheckAt === undefined ? '' : nextCheck(report.nextCheckAt, now, report.state, locale);
  const error =
    report.lastError === undefined
      ? t(locale, 'sources.unknownError')
      : failureInLocale(locale, report.lastError);
  const state =
    report.state === 'ok'
      ? t(locale, 'sources.ok', { recent })
      : report.state === 'failing'
        ? report.failingSince === undefined
          ? t(locale, 'sources.failing', { error, recent })
          : t(locale, 'sources.failingSince', { when: relative(report.failingSince), error, recent })
        : t(locale, 'sources.disabled', { error });
  return t(locale, 'sources.entry', { head, success, state, next });
}

function nextCheck(at: number, now: number, state: SourceReport['state'], locale: Locale): string {
  const disabled = state === 'disabled';
  if (at <= now) return t(locale, disabled ? 'sources.nextTryNow' : 'sources.nextCheckNow');
  return t(locale, disabled ? 'sources.nextTry' : 'sources.nextCheck', {
    when: formatRelative(at, now, locale),
  });
}
