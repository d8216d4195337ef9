// the one reader of the environment: a zod schema that fails with one line naming the variable,
// the problem and an example of a good value.
import path from 'node:path';
import { z } from 'zod';
import { ConfigError } from './errors.js';
import { REPO_ROOT } from './repo-root.js';
import { isTimeZone } from './time-zone.js';

export const OFFLINE_SOURCES_FILE = path.join(REPO_ROOT, 'examples/offline/sources.json');

const wholeNumber = (min: number, max: number) =>
  z.coerce
    .number({ error: 'must be a whole number' })
    .int('must be a whole number')
    .min(min, `must be at least ${min}`)
    .max(max, `must be at most ${max}`);

// an absolute http(s) URL, kept without a trailing slash (API roots are joined with "/")
const httpUrl = z
  .string()
  .refine(
    (value) => /^https?:\/\/[^\s]+$/.test(value) && URL.canParse(value),
    'must be an absolute http(s) URL',
  )
  .transform((value) => value.replace(/\/+$/, ''));

// each variable with an example of a good value, shown when its value is wrong
const variables = {
  STORE_URL: {
    schema: z
      .string()
      .regex(/^(sqlite:\/\/.+|memory:\/\/)$/, 'must be sqlite://<path> or memory://')
      .default('sqlite://data/briefer.sqlite'),
    example: 'sqlite://data/briefer.sqlite',
  },
  SOURCES_FILE: { schema: z.string().min(1).optional(), example: 'sources.json' },
  TOPICS_FILE: { schema: z.string().min(1).optional(), example: 'my-topics.json' },
  FETCH_INTERVAL_MINUTES: { schema: wholeNumber(1, 1440).default(10), example: '10' },
  RETENTION_DAYS: { schema: wholeNumber(1, 3650).default(30), example: '30' },
  DEFAULT_TIMEZONE: {
    schema: z.string().refine(isTimeZone, 'is not an IANA time zone').default('Asia/Kabul'),
    example: 'Asia/Kabul',
  },
  LIVE_BATCH_MINUTES: { schema: wholeNumber(1, 1440).default(15), example: '15' },
  CATCH_UP_HOURS: { schema: wholeNumber(0, 48).default(6), example: '6' },
  BRIEFING_MAX_ITEMS: { schema: wholeNumber(1, 25).default(10), example: '10' },
  FETCH_HOST_CONCURRENCY: { schema: wholeNumber(1, 16).default(2), example: '2' },
  ALLOW_CHAT_SOURCES: {
    schema: z
      .enum(['true', 'false'], { error: 'must be true or false' })
      .default('true')
      .transform((value) => value === 'true'),
    example: 'false',
  },
  CONTACT_URL: { schema: httpUrl.optional(), example: 'https://github.com/your-org/briefer' },
  LOG_LEVEL: { schema: z.enum(['debug', 'info', 'warn', 'error']).default('info'), example: 'info' },
  TELEGRAM_BOT_TOKEN: {
    schema: z
      .string()
      .regex(/^\d+:[\w-]{20,}$/, 'does not look like a bot token (digits, a colon, then letters)')
      .optional(),
    example: '123456:ABC-your-token-from-BotFather',
  },
  TELEGRAM_API_ROOT: {
    schema: httpUrl.default('https://api.telegram.org'),
    example: 'https://api.telegram.org',
  },
  TELEGRAM_WEBHOOK_URL: { schema: httpUrl.optional(), example: 'https://bot.example.org/telegram' },
  TELEGRAM_WEBHOOK_SECRET: {
    schema: z
      .string()
      .regex(/^[A-Za-z0-9_-]{1,256}$/, 'must be 1-256 letters, digits, _ or -')
      .optional(),
    example: 'a-long-random-string',
  },
  PORT: { schema: wholeNumber(1, 65535).default(8080), example: '8080' },
  TELEGRAM_MAX_PER_SECOND: { schema: wholeNumber(1, 1000).default(30), example: '30' },
  TELEGRAM_CHAT_PER_SECOND: { schema: wholeNumber(1, 100).default(1), example: '1' },
  TELEGRAM_GROUP_PER_MINUTE: { schema: wholeNumber(1, 1000).default(20), example: '20' },
  DISCORD_TOKEN: {
    schema: z.string().min(1).optional(),
    example: 'your-bot-token-from-the-developer-portal',
  },
  DISCORD_API_ROOT: {
    schema: httpUrl.default('https://discord.com/api'),
    example: 'https://discord.com/api',
  },
  DISCORD_GUILD_ID: {
    schema: z
      .string()
      .regex(
        /^\d{15,22}$/,
        'must be a server id (15-22 digits; Developer Mode → right-click the server → Copy ID)',
      )
      .optional(),
    example: '123456789012345678',
  },
} as const;

type Variables = typeof variables;
type Parsed = { [K in keyof Variables]: z.output<Variables[K]['schema']> };

export interface Config extends Omit<Parsed, 'SOURCES_FILE'> {
  /** the sources file in use: SOURCES_FILE, else sources.json with a platform token, else the offline set */
  SOURCES_FILE: string;
  /** true when no platform token is set: the terminal chat over bundled examples */
  offline: boolean;
}

/** Reads the configuration; `env` is a plain object so tests never touch process.env. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = {} as Record<string, unknown>;
  for (const [name, { schema, example }] of Object.entries(variables)) {
    const raw = env[name];
    const value = raw === undefined || raw.trim() === '' ? undefined : raw.trim();
    const result = (schema as z.ZodType).safeParse(value);
    if (!result.success) {
      const problem = result.error.issues[0]?.message ?? 'is not valid';
      // secrets are never echoed, not even when wrong
      const shown =
        value === undefined
          ? 'is missing'
          : /TOKEN|SECRET/.test(name)
            ? problem
            : `${JSON.stringify(clip(value))} ${problem}`;
      throw new ConfigError(`${name} ${shown}; for example ${name}=${example}`);
    }
    parsed[name] = result.data;
  }
  const config = parsed as Parsed;
  if (config.TELEGRAM_WEBHOOK_URL && !config.TELEGRAM_WEBHOOK_SECRET) {
    throw new ConfigError(
      'TELEGRAM_WEBHOOK_SECRET is missing: webhooks need a secret so only Telegram can call them; for example TELEGRAM_WEBHOOK_SECRET=a-long-random-string',
    );
  }
  const offline = !config.TELEGRAM_BOT_TOKEN && !config.DISCORD_TOKEN;
  const sourcesFile = config.SOURCES_FILE ?? (offline ? OFFLINE_SOURCES_FILE : 'sources.json');
  return { ...config, SOURCES_FILE: sourcesFile, offline };
}

const clip = (value: string) => (value.length > 60 ? `${value.slice(0, 57)}...` : value);
