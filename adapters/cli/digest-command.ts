// `briefer digest …`: reads sources fresh into a memory store and prints one digest.
import { parseArgs } from 'node:util';
import { MAX_COUNT, runCommand } from '../../commands/index.js';
import { isTimeZone, loadSources, openBriefer, type Config, type Source } from '../../src/index.js';
import { renderText } from '../console/render-text.js';
import { renderDiscord } from '../discord/render-embeds.js';
import { renderTelegram } from '../telegram/render-html.js';
import type { CliIo } from './cli-io.js';
import { fetchOptions } from './fetch-options.js';
import { toInputUrl } from './input-url.js';
import { sourceIdFor } from './parse-command.js';

const FORMATS = ['text', 'telegram', 'discord'] as const;

export async function digestCommand(argv: string[], io: CliIo, config: Config): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      source: { type: 'string', multiple: true, default: [] },
      sources: { type: 'string' },
      topic: { type: 'string' },
      limit: { type: 'string', default: '10' },
      tz: { type: 'string', default: config.DEFAULT_TIMEZONE },
      format: { type: 'string', default: 'text' },
      language: { type: 'string', default: 'en' },
    },
  });
  const format = values.format as (typeof FORMATS)[number];
  if (!FORMATS.includes(format))
    return usage(io, `--format must be one of ${FORMATS.join(', ')}, not "${values.format}"`);
  if (!isTimeZone(values.tz))
    return usage(io, `--tz "${values.tz}" is not an IANA time zone; e.g. --tz Asia/Kabul`);
  const limit = Number(values.limit);
  if (!/^\d+$/.test(values.limit) || limit < 1 || limit > MAX_COUNT)
    return usage(io, `--limit must be a whole number from 1 to ${MAX_COUNT}, not "${values.limit}"`);

  const sources: Source[] = values.source.map((input) => ({
    id: sourceIdFor(input),
    name: sourceIdFor(input),
    url: toInputUrl(input),
    language: values.language,
    kind: 'feed',
  }));
  if (values.sources || !sources.length)
    sources.push(...(await loadSources(values.sources ?? config.SOURCES_FILE)));

  const briefer = await openBriefer({
    storeUrl: 'memory://',
    sources,
    topicsFile: config.TOPICS_FILE,
    retentionDays: config.RETENTION_DAYS,
    timeZone: values.tz,
    ...fetchOptions(config),
  });
  try {
    for (const outcome of await briefer.refresh())
      if (!outcome.ok) io.error(outcome.error ?? outcome.sourceId);
    const context = { chat: 'cli:digest', user: 'cli:digest', timeZone: values.tz };
    const reply = values.topic
      ? await runCommand({ name: 'topic', options: { name: values.topic, count: limit }, context }, briefer)
      : await runCommand({ name: 'latest', options: { count: limit }, context }, briefer);
    if (!reply.digest) {
      io.error(reply.text ?? 'No digest.');
      return 1;
    }
    if (format === 'text') io.out(renderText(reply));
    else
      io.out(JSON.stringify(format === 'telegram' ? renderTelegram(reply) : renderDiscord(reply), null, 2));
    return 0;
  } finally {
    await briefer.close();
  }
}

function usage(io: CliIo, problem: string): number {
  io.error(`briefer digest: ${problem}`);
  return 2;
}
