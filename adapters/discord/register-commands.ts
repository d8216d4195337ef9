// puts the slash command definitions to Discord, only when they differ from what was registered last.
import { DiscordAPIError, Routes, type REST } from 'discord.js';
import { commandList } from '../../commands/index.js';
import { ConfigError } from '../../src/index.js';
import { definitionsHash, slashCommandDefinitions } from './slash-commands.js';

/** Where the hash of the registered commands is kept (a keyv namespace in the app, a variable in tests). */
export interface CommandHashStore {
  get(): Promise<string | undefined>;
  set(hash: string): Promise<void>;
}

export interface RegisterOptions {
  rest: REST;
  registry: CommandHashStore;
  /** known once the gateway said READY; fetched with the token otherwise */
  applicationId?: string | undefined;
  /** register to this server only (instant, for development); global otherwise */
  guildId?: string | undefined;
  force?: boolean;
}

export async function registerSlashCommands(options: RegisterOptions): Promise<'registered' | 'unchanged'> {
  const { rest, guildId } = options;
  const applicationId = options.applicationId ?? (await fetchApplicationId(rest));
  const definitions = slashCommandDefinitions(commandList(), { guild: guildId !== undefined });
  const hash = definitionsHash(definitions, { applicationId, guildId });
  if (!options.force && (await options.registry.get()) === hash) return 'unchanged';
  const route = guildId
    ? Routes.applicationGuildCommands(applicationId, guildId)
    : Routes.applicationCommands(applicationId);
  try {
    await rest.put(route, { body: definitions });
  } catch (error) {
    throw registrationError(error, guildId);
  }
  await options.registry.set(hash);
  return 'registered';
}

async function fetchApplicationId(rest: REST): Promise<string> {
  try {
    const application = (await rest.get(Routes.currentApplication())) as { id?: unknown };
    if (typeof application.id !== 'string') throw new Error('the answer has no application id');
    return application.id;
  } catch (error) {
    if (error instanceof DiscordAPIError && error.status === 401) throw tokenRefused('401');
    throw new Error(`Could not read the Discord application for this token (GET /applications/@me)`, {
      cause: error,
    });
  }
}

export const tokenRefused = (how: string) =>
  new ConfigError(
    `Discord refused the token (${how}): check DISCORD_TOKEN — copy the bot token again from the ` +
      'Developer Portal (your application → Bot → Reset Token), not the client secret or public key.',
  );

function registrationError(error: unknown, guildId: string | undefined): Error {
  const where = guildId ? `to server ${guildId} (DISCORD_GUILD_ID)` : 'globally';
  if (error instanceof DiscordAPIError) {
    if (error.status === 401) return tokenRefused('401');
    if (error.status === 403 || (error.status === 404 && guildId)) {
      return new ConfigError(
        `Discord refused to register the slash commands ${where} (${error.status} ${error.message}): ` +
          'invite the bot to that server with the "bot" and "applications.commands" scopes, ' +
          'or check DISCORD_GUILD_ID.',
      );
    }
  }
  const detail = error instanceof Error ? error.message : String(error);
  return new Error(`Could not register the slash commands ${where}: ${detail}`, { cause: error });
}
