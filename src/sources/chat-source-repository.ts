// chat-added sources in the keyv namespace "chat-sources", held in memory and written through.
import type { Keyv } from 'keyv';
import { createRecords, type OnInvalid } from '../briefings/keyv-records.js';
import { ChatSourceListSchema, type ChatSource } from './chat-source.js';

export const CHAT_SOURCES_NAMESPACE = 'chat-sources';

/** Key = the chat (`platform:chatId[:thread]`), value = { chat, sources }; every value read back is checked. */
export interface ChatSourceRepository {
  /** the chat's sources, oldest first; empty when it has none */
  list(chat: string): readonly ChatSource[];
  /** every chat that has sources, with them */
  entries(): IterableIterator<[string, readonly ChatSource[]]>;
  /** replaces the chat's list; an empty list deletes its record */
  save(chat: string, sources: readonly ChatSource[]): Promise<void>;
}

export async function openChatSourceRepository(
  keyv: Keyv,
  onInvalid: OnInvalid,
): Promise<ChatSourceRepository> {
  const records = createRecords(keyv, CHAT_SOURCES_NAMESPACE, ChatSourceListSchema, onInvalid);
  const lists = new Map<string, readonly ChatSource[]>();
  for (const [key, record] of await records.all()) {
    if (record.chat !== key) {
      onInvalid(`${CHAT_SOURCES_NAMESPACE}:${key}`, `the record's chat is "${record.chat}", not its key`);
      continue;
    }
    const ids = new Set<string>();
    const sources = record.sources.filter((source) => !ids.has(source.id) && ids.add(source.id));
    if (sources.length < record.sources.length) {
      onInvalid(`${CHAT_SOURCES_NAMESPACE}:${key}`, 'a source is listed twice; kept the first');
    }
    if (sources.length > 0) lists.set(key, Object.freeze(sources));
  }
  return {
    list: (chat) => lists.get(chat) ?? [],
    entries: () => lists.entries(),
    async save(chat, sources) {
      if (sources.length === 0) {
        await records.delete([chat]);
        lists.delete(chat);
        return;
      }
      await records.set(chat, { chat, sources: [...sources] });
      lists.set(chat, Object.freeze([...sources]));
    },
  };
}
