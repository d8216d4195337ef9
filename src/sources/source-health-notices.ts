// a chat that added a source hears once when it starts failing and once when it works again.
import type { HealthListener } from '../health/health-board.js';
import type { Locale } from '../i18n/locale.js';
import { t } from '../i18n/translate.js';
import type { Logger } from '../logger.js';
import type { ChatSources } from './chat-sources.js';
import { failureInLocale } from './fetch-reason.js';

export interface SourceHealthNoticeDeps {
  chatSources: Pick<ChatSources, 'chatsOf' | 'list'>;
  /** sends plain text to a chat (`platform:chatId[:thread]`) through its platform's sender */
  send(chat: string, text: string): Promise<unknown>;
  logger: Logger;
  /** the language the chat reads the bot in (/language); English when absent */
  localeOf?: (chat: string) => Locale;
}

/** A health listener that tells each chat about its own sources' changes; operator sources say nothing here. */
export function createSourceHealthNotices(deps: SourceHealthNoticeDeps): HealthListener {
  return (sourceId, from, to, detail) => {
    for (const chat of deps.chatSources.chatsOf(sourceId)) {
      const name = deps.chatSources.list(chat).find((source) => source.id === sourceId)?.name ?? sourceId;
      const locale = deps.localeOf?.(chat) ?? 'en';
      const error = detail.error === undefined ? undefined : failureInLocale(locale, detail.error);
      const text = noticeText(locale, name, sourceId, from, to, error);
      if (!text) continue;
      deps.send(chat, text).catch((error: unknown) => {
        deps.logger.warn('could not tell a chat about its source', { chat, source: sourceId, error });
      });
    }
  };
}

function noticeText(
  locale: Locale,
  name: string,
  id: string,
  from: string,
  to: string,
  error: string | undefined,
): string | undefined {
  if (from === 'ok' && to === 'failing') {
    return error
      ? t(locale, 'health.failingBecause', { name, error })
      : t(locale, 'health.failing', { name });
  }
  if (to === 'disabled') {
    return error
      ? t(locale, 'health.disabledBecause', { name, id, error })
      : t(locale, 'health.disabled', { name, id });
  }
  if (to === 'ok' && from !== 'ok') return t(locale, 'health.ok', { name });
  return undefined;
}
