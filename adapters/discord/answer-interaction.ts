// answering one command or button: at once when the answer is quick, else deferred and then edited.
import type { Reply } from '../../commands/command.js';
import type { AnswerQueue } from './answer-queue.js';
import type { ButtonStore } from './button-store.js';
import type { InteractionResponder } from './interaction-responses.js';
import { replyMessages } from './reply-messages.js';

export interface AnswerOptions {
  buttons: ButtonStore;
  /** defer (publicly) when the answer is not ready after this long; 0 defers at once, undefined never */
  deferAfterMs?: number | undefined;
  /**
   * asked when it is time to defer: false answers later without deferring (a mistake is never
   * deferred, as a deferred answer is public). Asked only then, as most answers come sooner.
   */
  mayDefer?: () => boolean;
  /**
   * where the work waits its turn; when many wait there, the response is deferred at once (a mistake
   * is answered at once instead). Without it, the work starts at once.
   */
  queue?: AnswerQueue;
}

/** A short answer only the asker sees (mistakes, notices, stale buttons). */
export async function answerPrivately(responder: InteractionResponder, text: string): Promise<void> {
  await responder.reply({ content: text, embeds: [], allowed_mentions: { parse: [] } }, true);
}

/**
 * Runs `work` and answers with its reply: the first message as the interaction's response, the rest as
 * follow-ups. A private reply (a mistake) is ephemeral. When `work` is slow, or has to wait behind many
 * others (a burst), the response is deferred publicly first, then edited.
 */
export async function answerInteraction(
  responder: InteractionResponder,
  work: () => Promise<Reply>,
  options: AnswerOptions,
): Promise<void> {
  let deferring: Promise<unknown> | undefined;
  const defer = () => {
    if (options.mayDefer && !options.mayDefer()) return false;
    deferring = responder.defer();
    // awaited below; this only keeps an early failure from being reported as unhandled
    deferring.catch(() => undefined);
    return true;
  };
  const queue = options.queue;
  let reply: Reply;
  if (queue?.crowded()) {
    // behind many others: acknowledged now and answered in its turn; a mistake, which may not be
    // acknowledged publicly, is answered at once, ahead of them (it is quick)
    reply = defer() ? await queue.run(work) : await work();
  } else {
    let timer: NodeJS.Timeout | undefined;
    if (options.deferAfterMs !== undefined) {
      if (options.deferAfterMs <= 0) defer();
      else timer = setTimeout(defer, options.deferAfterMs);
    }
    try {
      reply = await (queue ? queue.run(work) : work());
    } finally {
      clearTimeout(timer);
    }
  }
  const ephemeral = reply.private === true;
  const [first, ...rest] = replyMessages(reply, options.buttons);
  if (deferring) {
    await deferring;
    if (ephemeral) {
      // a deferred response is public; a mistake should not be, so it goes as an ephemeral follow-up
      await responder.deleteOriginal();
      await responder.followUp(first!, true);
    } else {
      await responder.editOriginal(first!);
    }
  } else {
    await responder.reply(first!, ephemeral);
  }
  for (const message of rest) await responder.followUp(message, ephemeral);
}
