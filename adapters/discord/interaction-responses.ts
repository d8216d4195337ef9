// answering one interaction over REST (API v10) as discord.js's Interaction methods do, from the raw
// payload: the callback first, then the interaction's webhook for edits and follow-ups. These routes
// take no Authorization header: the interaction's token in the path is the key.
import { InteractionResponseType, MessageFlags, Routes, type RawFile } from 'discord.js';
import type { AutocompleteChoice } from './autocomplete.js';
import type { InteractionRest, TokenBucket } from './interaction-rest.js';
import type { OutgoingMessage } from './reply-messages.js';

export interface InteractionResponder {
  /** the response: a message, ephemeral when asked */
  reply(message: OutgoingMessage, ephemeral: boolean): Promise<void>;
  /** the response: "thinking…", public, to be edited */
  defer(): Promise<void>;
  editOriginal(message: OutgoingMessage): Promise<void>;
  deleteOriginal(): Promise<void>;
  followUp(message: OutgoingMessage, ephemeral: boolean): Promise<void>;
  /** the response to an autocomplete interaction */
  suggest(choices: AutocompleteChoice[]): Promise<void>;
}

export interface InteractionAddress {
  id: string;
  token: string;
  application_id: string;
}

/**
 * A message as a request: its JSON body, and its files as multipart parts `files[n]`, each named in
 * the body's `attachments` (Discord's way to tell new uploads from kept ones).
 */
export function messageRequest(
  message: OutgoingMessage,
  flags?: number,
): { body: Record<string, unknown>; files?: RawFile[] } {
  const { files, ...body } = message;
  const withFlags = flags ? { ...body, flags } : body;
  if (!files || files.length === 0) return { body: withFlags };
  return {
    body: { ...withFlags, attachments: files.map((file, id) => ({ id, filename: file.name })) },
    files: files.map((file) => ({ name: file.name, contentType: file.contentType, data: file.data })),
  };
}

const flagsOf = (ephemeral: boolean) => (ephemeral ? MessageFlags.Ephemeral : undefined);

export function respondTo(rest: InteractionRest, interaction: InteractionAddress): InteractionResponder {
  const callback = Routes.interactionCallback(interaction.id, interaction.token);
  const webhook = Routes.webhook(interaction.application_id, interaction.token);
  const original = Routes.webhookMessage(interaction.application_id, interaction.token, '@original');
  // the callback is not bucketed; the webhook's requests share the interaction token's bucket
  const bucket: TokenBucket = { resetAt: 0 };
  const respond = (type: InteractionResponseType, data?: Record<string, unknown>, files?: RawFile[]) =>
    rest.send({
      method: 'POST',
      route: callback,
      body: data === undefined ? { type } : { type, data },
      ...(files ? { files } : {}),
    });
  return {
    async reply(message, ephemeral) {
      const { body, files } = messageRequest(message, flagsOf(ephemeral));
      await respond(InteractionResponseType.ChannelMessageWithSource, body, files);
    },
    defer: () => respond(InteractionResponseType.DeferredChannelMessageWithSource, { flags: 0 }),
    async editOriginal(message) {
      const { body, files } = messageRequest(message);
      await rest.send({ method: 'PATCH', route: original, body, ...(files ? { files } : {}) }, bucket);
    },
    deleteOriginal: () => rest.send({ method: 'DELETE', route: original }, bucket),
    async followUp(message, ephemeral) {
      const { body, files } = messageRequest(message, flagsOf(ephemeral));
      await rest.send(
        { method: 'POST', route: webhook, body, ...(files ? { files } : {}), query: 'wait=true' },
        bucket,
      );
    },
    suggest: (choices) => respond(InteractionResponseType.ApplicationCommandAutocompleteResult, { choices }),
  };
}
