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
    expect(loadConfig({ TELEGRAM_BOT_TOKEN: '123:abc' })).toMatchObject({
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
