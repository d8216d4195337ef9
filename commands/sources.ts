import { z } from 'zod';
import { formatRelative, type SourceReport } from '../src/index.js';
import { nextPage, OffsetSchema } from './arguments.js';
import type { Command } from './command.js';
import { chatView } from './visible-sources.js';

const SourcesArgs = z.object({ offset: OffsetSchema });

/** sources on one page of the answer */
export const SOURCES_PAGE = 25;

export const sources = {
  name: 'sources',
  description: 'The outlets I read, and how each is doing',
  usage: '/sources',
  examples: ['/sources'],
  options: [],
  fromText: () => ({}),
  args: SourcesArgs,
  async run({ offset }, context, services) {
    const all = chatView(context, services).sources;
    const shown = all.slice(offset, offset + SOURCES_PAGE);
    const reports = await services.reportSources(shown);
    const now = services.clock.now();
    const heading =
      offset === 0
        ? `Sources (${all.length}). Ask with /latest <source>`
        : `Sources ${offset + 1}–${offset + shown.length} of ${all.length}`;
    return {
      text: [heading, '', ...reports.map((report) => describe(report, now))].join('\n'),
      ...nextPage('sources', {}, offset, shown.length, all.length),
    };
  },
} satisfies Command<z.output<typeof SourcesArgs>>;

/** two lines: the outlet, its articles and last success; then its state, recent items and next check */
function describe(report: SourceReport, now: number): string {
  const { source } = report;
  const articles = `${report.stored} ${report.stored === 1 ? 'article' : 'articles'}`;
  const head = `• ${source.name} (${source.id}, ${source.language}): ${articles}`;
  if (report.state === 'new') return `${head}, not fetched yet`;
  const success =
    report.lastSuccessAt === undefined
      ? 'never fetched successfully'
      : `fetched ${formatRelative(report.lastSuccessAt, now)}`;
  const recent = `${report.itemsLastDay} ${report.itemsLastDay === 1 ? 'item' : 'items'} in the last 24 hours`;
  const next = report.nextCheckAt === undefined ? '' : nextCheck(report.nextCheckAt, now, report.state);
  const error = report.lastError ?? 'unknown error';
  const state =
    report.state === 'ok'
      ? `OK · ${recent}`
      : report.state === 'failing'
        ? `FAILING${since(report.failingSince, now)}: ${error} · ${recent}`
        : `DISABLED after a day of failures: ${error}`;
  return `${head}, ${success}\n  ${state}${next}`;
}

function since(at: number | undefined, now: number): string {
  return at === undefined ? '' : ` since ${formatRelative(at, now)}`;
}

function nextCheck(at: number, now: number, state: SourceReport['state']): string {
  const label = state === 'disabled' ? 'next try' : 'next check';
  return at <= now ? ` · ${label} now` : ` · ${label} ${formatRelative(at, now)}`;
}
