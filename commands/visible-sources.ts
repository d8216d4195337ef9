import type { Source } from '../src/index.js';
import type { CommandContext, Services } from './command.js';

/** what one chat reads: the operator's sources and its own, and a test for the sources it must not see */
export interface ChatView {
  sources: readonly Source[];
  sourcesById: ReadonlyMap<string, Source>;
  /** true for other chats' own sources: pass to the store as `exceptSourceIds` */
  hidden: (sourceId: string) => boolean;
}

export function chatView(context: CommandContext, services: Services): ChatView {
  const own = services.chatSources.sourcesOf(context.chat);
  const hidden = services.chatSources.hiddenFrom(context.chat);
  if (own.length === 0) return { sources: services.sources, sourcesById: services.sourcesById, hidden };
  const sourcesById = new Map(services.sourcesById);
  for (const source of own) sourcesById.set(source.id, source);
  return { sources: [...services.sources, ...own], sourcesById, hidden };
}
