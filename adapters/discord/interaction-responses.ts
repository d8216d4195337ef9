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

// a class rather than closures: tsx names every arrow function as it is created (esbuild's keepNames,
// about a microsecond each), and a responder is made for every interaction
class RestResponder implements InteractionResponder {
  private readonly callback: string;
  private readonly webhook: string;
  private readonly original: string;
  // the callback is not bucketed; the webhook's requests share the interaction token's bucket
  private readonly bucket: TokenBucket = { resetAt: 0 };

  constructor(
    private readonly rest: InteractionRest,
    interaction: InteractionAddress,
  ) {
    this.callback = Routes.interactionCallback(interaction.id, interaction.token);
    this.webhook = Routes.webhook(interaction.application_id, interaction.token);
    this.original = Routes.webhookMessage(interaction.application_id, interaction.token, '@original');
  }

  private respond(type: InteractionResponseType, data?: Record<string, unknown>, files?: RawFile[]) {
    const body = data === undefined ? { type } : { type, data };
    return this.rest.send({ method: 'POST', route: this.callback, body, ...(files ? { files } : {}) });
  }

  reply(message: OutgoingMessage, ephemeral: boolean): Promise<void> {
    const { body, files } = messageRequest(message, flagsOf(ephemeral));
    return this.respond(InteractionResponseType.ChannelMessageWithSource, body, files);
  }

  defer(): Promise<void> {
    return this.respond(InteractionResponseType.DeferredChannelMessageWithSource, { flags: 0 });
  }

  editOriginal(message: OutgoingMessage): Promise<void> {
    const { body, files } = messageRequest(message);
    const request = { method: 'PATCH' as const, route: this.original, body, ...(files ? { files } : {}) };
    return this.rest.send(request, this.bucket);
  }

  deleteOriginal(): Promise<void> {
    return this.rest.send({ method: 'DELETE', route: this.original }, this.bucket);
  }

  followUp(message: OutgoingMessage, ephemeral: boolean): Promise<void> {
    const { body, files } = messageRequest(message, flagsOf(ephemeral));
    const route = this.webhook;
    const request = { method: 'POST' as const, route, body, ...(files ? { files } : {}), query: 'wait=true' };
    return this.rest.send(request, this.bucket);
  }

  suggest(choices: AutocompleteChoice[]): Promise<void> {
    return this.respond(InteractionResponseType.ApplicationCommandAutocompleteResult, { choices });
  }
}

export function respondTo(rest: InteractionRest, interaction: InteractionAddress): InteractionResponder {
  return new RestResponder(rest, interaction);
}
