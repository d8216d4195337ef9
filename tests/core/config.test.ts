import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/index.js';

describe('loadConfig', () => {
  it('has sensible defaults and runs offline without tokens', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      STORE_URL: 'sqlite://data/briefer.sqlite',
      FETCH_INTERVAL_MINUTES: 10,
      RETENTION_DAYS: 30,
      DEFAULT_TIMEZONE: 'Asia/Kabul',
      LOG_LEVEL: 'info',
      offline: true,
    });
    expect(config.SOURCES_FILE).toMatch(/examples\/offline\/sources\.json$/);
  });

  it('uses sources.json when a platform token is set', () => {
    expect(loadConfig({ TELEGRAM_BOT_TOKEN: '123:abcdefghijklmnopqrstuvwxyz' })).toMatchObject({
      SOURCES_FILE: 'sources.json',
      offline: false,
    });
    expect(loadConfig({ DISCORD_TOKEN: 'x', SOURCES_FILE: 'mine.json' }).SOURCES_FILE).toBe('mine.json');
  });

  it.each([
    [
      'FETCH_INTERVAL_MINUTES',
      'often',
      /FETCH_INTERVAL_MINUTES "often" must be a whole number; for example FETCH_INTERVAL_MINUTES=10/,
    ],
    ['RETENTION_DAYS', '0', /RETENTION_DAYS "0" must be at least 1; for example RETENTION_DAYS=30/],
    [
      'DEFAULT_TIMEZONE',
      'Mars/Olympus',
      /DEFAULT_TIMEZONE "Mars\/Olympus" is not an IANA time zone; for example DEFAULT_TIMEZONE=Asia\/Kabul/,
    ],
    ['STORE_URL', 'mysql://x', /STORE_URL "mysql:\/\/x" must be sqlite:\/\/<path> or memory:\/\//],
    ['LOG_LEVEL', 'loud', /LOG_LEVEL "loud"/],
  ])('a bad %s fails with one line naming it, the problem and a good value', (name, value, message) => {
    expect(() => loadConfig({ [name]: value })).toThrow(ConfigError);
    expect(() => loadConfig({ [name]: value })).toThrow(message);
  });

  it('treats an empty value as unset', () => {
    expect(loadConfig({ RETENTION_DAYS: '  ' }).RETENTION_DAYS).toBe(30);
  });
});

describe('platform settings', () => {
  it('has the platform defaults, API roots without a trailing slash', () => {
    expect(loadConfig({ TELEGRAM_API_ROOT: 'http://127.0.0.1:8081/' })).toMatchObject({
      TELEGRAM_API_ROOT: 'http://127.0.0.1:8081',
      DISCORD_API_ROOT: 'https://discord.com/api',
      PORT: 8080,
      TELEGRAM_MAX_PER_SECOND: 30,
      TELEGRAM_CHAT_PER_SECOND: 1,
      TELEGRAM_GROUP_PER_MINUTE: 20,
    });
  });

  it('never echoes a token, even a wrong one', () => {
    expect(() => loadConfig({ TELEGRAM_BOT_TOKEN: 'secret-but-wrong' })).toThrow(
      /^TELEGRAM_BOT_TOKEN does not look like a bot token/,
    );
    expect(() => loadConfig({ TELEGRAM_BOT_TOKEN: 'secret-but-wrong' })).not.toThrow(/secret-but-wrong/);
  });

  it('asks for a webhook secret with a webhook URL', () => {
    expect(() =>
      loadConfig({
        TELEGRAM_BOT_TOKEN: '123:abcdefghijklmnopqrstuvwxyz',
        TELEGRAM_WEBHOOK_URL: 'https://bot.example.org/tg',
      }),
    ).toThrow(/TELEGRAM_WEBHOOK_SECRET is missing/);
  });

  it('checks a Discord server id', () => {
    expect(() => loadConfig({ DISCORD_GUILD_ID: 'my-server' })).toThrow(
      /DISCORD_GUILD_ID "my-server" must be a server id/,
    );
  });
});
