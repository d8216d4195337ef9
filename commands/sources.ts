import { z } from 'zod';
import { formatRelative } from '../src/index.js';
import type { Command, Services } from './command.js';

const NoArgs = z.object({});

export const sources = {
  name: 'sources',
  description: 'The outlets I read, and how each is doing',
  usage: '/sources',
  examples: ['/sources'],
  options: [],
  fromText: () => ({}),
  args: NoArgs,
  async run(_args, _context, services) {
    const lines = services.sources.map(
      (source) => `• ${source.name} (${source.id}, ${source.language}): ${status(source.id, services)}`,
    );
    return {
      text: [`Sources (${services.sources.length}). Ask with /latest <source>`, '', ...lines].join('\n'),
    };
  },
} satisfies Command<z.output<typeof NoArgs>>;

function status(sourceId: string, services: Services): string {
  const stored = services.store.countLatest([sourceId]);
  const articles = `${stored} ${stored === 1 ? 'article' : 'articles'}`;
  const outcome = services.outcomes.get(sourceId);
  if (!outcome) return `${articles}, not fetched yet`;
  const when = formatRelative(outcome.at, services.clock.now());
  return outcome.ok ? `${articles}, fetched ${when}` : `${articles}, failing since ${when}: ${outcome.error}`;
}
