import type { Source } from '../src/index.js';
import type { CommandContext, Services } from './command.js';

/** what one chat reads: the operator's sources and its own, and a test for the sources it must not see */
export interface ChatView {
  sources: readonly Source[];
  sourcesById: ReadonlyMap<string, Source>;
  /** true for other chats' own sources, and for sources outside the chat's news languages
   *  (/language news): pass to the store as `exceptSourceIds` */
  hidden: (sourceId: string) => boolean;
  /** true for other chats' own sources only: for a source the reader names */
  othersHidden: (sourceId: string) => boolean;
}

export function chatView(context: CommandContext, services: Services): ChatView {
  const own = services.chatSources.sourcesOf(context.chat);
  const othersHidden = services.chatSources.hiddenFrom(context.chat);
  let sourcesById = services.sourcesById;
  if (own.length > 0) {
    const byId = new Map(services.sourcesById);
    for (const source of own) byId.set(source.id, source);
    sourcesById = byId;
  }
  const sources = own.length > 0 ? [...services.sources, ...own] : services.sources;
  const news = services.languages.get(context.chat)?.news;
  if (!news || news.length === 0) return { sources, sourcesById, hidden: othersHidden, othersHidden };
  // a source is in the language it declares; "fa-AF" counts as "fa"
  const outside = (sourceId: string) => {
    const language = sourcesById.get(sourceId)?.language.toLowerCase().split('-')[0];
    return language !== undefined && !news.includes(language);
  };
  return {
    sources,
    sourcesById,
    hidden: (sourceId) => othersHidden(sourceId) || outside(sourceId),
    othersHidden,
  };
}
