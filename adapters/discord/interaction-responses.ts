// answering one interaction over REST (API v10) as discord.js's Interaction methods do, from the raw
// payload: the callback first, then the interaction's webhook for edits and follow-ups. These routes
// take no Authorization header: the interaction's token in the path is the key.
import { InteractionResponseType, MessageFlags, Routes, type RawFile, type REST } from 'discord.js';
import type { AutocompleteChoice } from './autocomplete.js';
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

export function respondTo(rest: REST, interaction: InteractionAddress): InteractionResponder {
  const callback = Routes.interactionCallback(interaction.id, interaction.token);
  const webhook = Routes.webhook(interaction.application_id, interaction.token);
  const original = Routes.webhookMessage(interaction.application_id, interaction.token, '@original');
  const respond = async (
    type: InteractionResponseType,
    data?: Record<string, unknown>,
    files?: RawFile[],
  ) => {
    await rest.post(callback, {
      body: data === undefined ? { type } : { type, data },
      ...(files ? { files } : {}),
      auth: false,
    });
  };
  return {
    async reply(message, ephemeral) {
      const { body, files } = messageRequest(message, flagsOf(ephemeral));
      await respond(InteractionResponseType.ChannelMessageWithSource, body, files);
    },
    defer: () => respond(InteractionResponseType.DeferredChannelMessageWithSource, { flags: 0 }),
    async editOriginal(message) {
      const { body, files } = messageRequest(message);
      await rest.patch(original, { body, ...(files ? { files } : {}), auth: false });
    },
    async deleteOriginal() {
      await rest.delete(original, { auth: false });
    },
    async followUp(message, ephemeral) {
      const { body, files } = messageRequest(message, flagsOf(ephemeral));
      await rest.post(webhook, {
        body,
        ...(files ? { files } : {}),
        query: new URLSearchParams({ wait: 'true' }),
        auth: false,
      });
    },
    suggest: (choices) => respond(InteractionResponseType.ApplicationCommandAutocompleteResult, { choices }),
  };
}
