// whether the reader may change a group's briefings: its creator and administrators may. asked with
// getChatMember and remembered for a few minutes, so a busy group does not ask for every command.
import type { Api } from 'grammy';
import type { Chat, User } from 'grammy/types';
import type { Logger } from '../../src/index.js';

export interface ManagerCheck {
  /** undefined in a private chat (the reader manages it), else whether they administer the chat */
  canManage(chat: Chat, from: User, senderChat?: Chat): Promise<boolean | undefined>;
}

export function createManagerCheck(
  api: Api,
  logger: Logger,
  options: { ttlMs?: number; now?: () => number } = {},
): ManagerCheck {
  const ttlMs = options.ttlMs ?? 5 * 60_000;
  const now = options.now ?? (() => Date.now());
  const known = new Map<string, { manages: boolean; until: number }>();
  return {
    async canManage(chat, from, senderChat) {
      if (chat.type === 'private') return undefined;
      // an anonymous administrator writes as the group itself
      if (senderChat?.id === chat.id) return true;
      const key = `${chat.id}:${from.id}`;
      const cached = known.get(key);
      if (cached !== undefined && cached.until > now()) return cached.manages;
      let manages = false;
      try {
        const member = await api.getChatMember(chat.id, from.id);
        manages = member.status === 'creator' || member.status === 'administrator';
      } catch (error) {
        // not knowing means not allowed; the reader can try again in a moment
        logger.warn('telegram: could not check whether a reader administers the chat', {
          chat: chat.id,
          error,
        });
        return false;
      }
      if (known.size > 10_000) known.clear();
      known.set(key, { manages, until: now() + ttlMs });
      return manages;
    },
  };
}
