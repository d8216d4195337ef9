// answering one command or button: at once when the answer is quick, else deferred and then edited.
import { MessageFlags, type ButtonInteraction, type ChatInputCommandInteraction } from 'discord.js';
import type { Reply } from '../../commands/command.js';
import type { ButtonStore } from './button-store.js';
import { replyMessages, type OutgoingMessage } from './reply-messages.js';

export type AnswerableInteraction = ChatInputCommandInteraction | ButtonInteraction;

export interface AnswerOptions {
  buttons: ButtonStore;
  /** defer (publicly) when the answer is not ready after this long; 0 defers at once, undefined never */
  deferAfterMs?: number | undefined;
}

const NO_MENTIONS = { parse: [] as never[] };

// already in Discord's shape: wrapped as JSON-encodable so discord.js sends them as they are, instead of
// converting every key to snake_case (a good part of the time spent per answer). A class, not a closure
// per embed: one shared method.
class Encoded<T> {
  constructor(private readonly data: T) {}
  toJSON(): T {
    return this.data;
  }
}
const encoded = <T>(data: T) => new Encoded(data);

const edit = (message: OutgoingMessage) => ({
  ...(message.content !== undefined ? { content: message.content } : {}),
  embeds: message.embeds.map(encoded),
  components: (message.components ?? []).map(encoded),
  allowedMentions: NO_MENTIONS,
});

const payload = (message: OutgoingMessage, ephemeral: boolean) => ({
  ...edit(message),
  ...(ephemeral ? { flags: MessageFlags.Ephemeral as const } : {}),
});

/** A short answer only the asker sees (mistakes, notices, stale buttons). */
export async function answerPrivately(interaction: AnswerableInteraction, text: string): Promise<void> {
  await interaction.reply(payload({ content: text, embeds: [], allowed_mentions: { parse: [] } }, true));
}

/**
 * Runs `work` and answers with its reply: the first message as the interaction's response, the rest as
 * follow-ups. A private reply (a mistake) is ephemeral. When `work` is slow, the response is deferred
 * publicly first, then edited.
 */
export async function answerInteraction(
  interaction: AnswerableInteraction,
  work: () => Promise<Reply>,
  options: AnswerOptions,
): Promise<void> {
  let deferring: Promise<unknown> | undefined;
  const defer = () => {
    deferring = interaction.deferReply();
    // awaited below; this only keeps an early failure from being reported as unhandled
    deferring.catch(() => undefined);
  };
  let timer: NodeJS.Timeout | undefined;
  if (options.deferAfterMs !== undefined) {
    if (options.deferAfterMs <= 0) defer();
    else timer = setTimeout(defer, options.deferAfterMs);
  }
  let reply: Reply;
  try {
    reply = await work();
  } finally {
    clearTimeout(timer);
  }
  const ephemeral = reply.private === true;
  const [first, ...rest] = replyMessages(reply, options.buttons);
  if (deferring) {
    await deferring;
    if (ephemeral) {
      // a deferred response is public; a mistake should not be, so it goes as an ephemeral follow-up
      await interaction.deleteReply();
      await interaction.followUp(payload(first!, true));
    } else {
      await interaction.editReply(edit(first!));
    }
  } else {
    await interaction.reply(payload(first!, ephemeral));
  }
  for (const message of rest) await interaction.followUp(payload(message, ephemeral));
}
