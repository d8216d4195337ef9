// a chat that added a source hears once when it starts failing and once when it works again.
import type { HealthListener } from '../health/health-board.js';
import type { Logger } from '../logger.js';
import type { ChatSources } from './chat-sources.js';

export interface SourceHealthNoticeDeps {
  chatSources: Pick<ChatSources, 'chatsOf' | 'list'>;
  /** sends plain text to a chat (`platform:chatId[:thread]`) through its platform's sender */
  send(chat: string, text: string): Promise<unknown>;
  logger: Logger;
}

/** A health listener that tells each chat about its own sources' changes; operator sources say nothing here. */
export function createSourceHealthNotices(deps: SourceHealthNoticeDeps): HealthListener {
  return (sourceId, from, to, detail) => {
    for (const chat of deps.chatSources.chatsOf(sourceId)) {
      const name = deps.chatSources.list(chat).find((source) => source.id === sourceId)?.name ?? sourceId;
      const text = noticeText(name, sourceId, from, to, detail.error);
      if (!text) continue;
      deps.send(chat, text).catch((error: unknown) => {
        deps.logger.warn('could not tell a chat about its source', { chat, source: sourceId, error });
      });
    }
  };
}

function noticeText(
  name: string,
  id: string,
  from: string,
  to: string,
  error: string | undefined,
): string | undefined {
  const cause = error ? `: ${error}` : '';
  if (from === 'ok' && to === 'failing') {
    return `Your source ${name} is failing${cause}. I'll keep trying and tell you when it works again.`;
  }
  if (to === 'disabled') {
    return `Your source ${name} has failed for a day${cause}. I'll try it once a day; /source remove ${id} drops it.`;
  }
  if (to === 'ok' && from !== 'ok') return `Your source ${name} works again.`;
  return undefined;
}
