// `briefer discord:register`: registers the slash commands now, changed or not.
import { createLogger, loadSources, openBriefer, type Config } from '../../src/index.js';
import type { CliIo } from './cli-io.js';
import { fetchOptions } from './fetch-options.js';
import { createDiscordFromConfig } from './platform-bots.js';

export async function discordRegisterCommand(io: CliIo, config: Config): Promise<number> {
  if (!config.DISCORD_TOKEN) {
    io.error(
      'briefer discord:register: set DISCORD_TOKEN first (the bot token from the Discord Developer Portal).',
    );
    return 2;
  }
  const logger = createLogger({ level: config.LOG_LEVEL, secrets: [config.DISCORD_TOKEN] });
  const briefer = await openBriefer({
    storeUrl: config.STORE_URL,
    sources: await loadSources(config.SOURCES_FILE),
    topicsFile: config.TOPICS_FILE,
    retentionDays: config.RETENTION_DAYS,
    timeZone: config.DEFAULT_TIMEZONE,
    logger,
    ...fetchOptions(config),
  });
  try {
    const discord = createDiscordFromConfig(config, briefer, logger);
    await discord.registerCommands(true);
    io.out(
      `Registered the slash commands ${config.DISCORD_GUILD_ID ? `in server ${config.DISCORD_GUILD_ID}` : 'globally'}.`,
    );
    return 0;
  } finally {
    await briefer.close();
  }
}
