// a chat's language settings (/language): the bot's language, the news languages, the calendar.
// Kept in the store's "chat-language" namespace, one record per chat, checked when read back.
import { z } from 'zod';
import { createRecords, type OnInvalid } from '../briefings/keyv-records.js';
import type { KeyvStore } from '../store/open-keyv.js';
import { CalendarSchema, LocaleSchema } from './locale.js';

export const ChatLanguageSchema = z.object({
  /** the language the bot answers in; absent: the platform's default for the reader */
  locale: LocaleSchema.optional(),
  /** the languages of the news shown (primary tags: "en", "fa"); absent or empty: every language */
  news: z
    .array(z.string().regex(/^[a-z]{2,3}$/))
    .max(10)
    .optional(),
  /** the calendar of dates; absent: Gregorian */
  calendar: CalendarSchema.optional(),
});

export type ChatLanguage = z.infer<typeof ChatLanguageSchema>;

export const CHAT_LANGUAGE_NAMESPACE = 'chat-language';

export interface ChatLanguages {
  /** what the chat chose; undefined when it never used /language */
  get(chat: string): ChatLanguage | undefined;
  /** merges a change into the chat's settings; `news: []` means every language again */
  set(chat: string, change: ChatLanguage): Promise<ChatLanguage>;
  /** the chat's settings and those of its threads ("telegram:-100123:7") go */
  forget(chat: string): Promise<void>;
  /** a chat that changed its id: its settings move to the new id */
  move(from: string, to: string): Promise<void>;
}

/** Opens the chats' language settings, held in memory and written through. */
export async function openChatLanguages(keyv: KeyvStore, onInvalid: OnInvalid): Promise<ChatLanguages> {
  const records = createRecords(
    keyv.namespace(CHAT_LANGUAGE_NAMESPACE),
    CHAT_LANGUAGE_NAMESPACE,
    ChatLanguageSchema,
    onInvalid,
  );
  const settings = await records.all();
  const put = async (chat: string, value: ChatLanguage) => {
    await records.set(chat, value);
    settings.set(chat, value);
  };
  return {
    get: (chat) => settings.get(chat),
    async set(chat, change) {
      const merged: ChatLanguage = { ...settings.get(chat), ...change };
      if (merged.news?.length === 0) delete merged.news;
      await put(chat, merged);
      return merged;
    },
    async forget(chat) {
      const targets = [...settings.keys()].filter((key) => key === chat || key.startsWith(`${chat}:`));
      await records.delete(targets);
      for (const target of targets) settings.delete(target);
    },
    async move(from, to) {
      const value = settings.get(from);
      if (from === to || value === undefined) return;
      // written under the new id first: a crash in between leaves a copy, never nothing
      await put(to, value);
      await records.delete([from]);
      settings.delete(from);
    },
  };
}
