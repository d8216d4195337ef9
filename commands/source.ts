import { z } from 'zod';
import { failureInLocale, formatRelative, noteLine, t, UserError, type Locale } from '../src/index.js';
import { cleanText, issue, requireManage } from './arguments.js';
import type { Command, CommandContext, Reply, Services } from './command.js';
import { localeOf } from './command-text.js';

const ACTIONS = ['add', 'remove', 'list', 'import', 'export'] as const;
type Action = (typeof ACTIONS)[number];
/** an attached OPML file: 5 MB as bytes, or as base64 */
const MAX_FILE_BYTES = 5 * 1024 * 1024;
const BASE64 = /^[A-Za-z0-9+/_-]*={0,2}$/;

/** the attached file's bytes: a Uint8Array (Buffer too) or a base64 string, as the adapters pass them */
export const AttachedFileSchema = z
  .union([z.instanceof(Uint8Array), z.string()], { error: issue('args.fileKind') })
  .transform((value, context) => {
    if (value instanceof Uint8Array) return value;
    const text = value.replace(/\s+/g, '');
    if (!BASE64.test(text)) {
      context.addIssue({ code: 'custom', message: issue('args.fileBase64') });
      return z.NEVER;
    }
    return new Uint8Array(Buffer.from(text, 'base64'));
  })
  .refine((bytes) => bytes.byteLength <= MAX_FILE_BYTES, issue('args.fileSize'));

const SourceArgs = z.object({
  action: z.preprocess(
    (value) => (typeof value === 'string' ? value.trim().toLowerCase() : value),
    z.enum(ACTIONS, { error: issue('args.action') }).default('list'),
  ),
  /** a url (add, import) or a source id (remove) */
  target: z
    .string()
    .transform(cleanText)
    .pipe(z.string().max(2000, issue('args.addressLong', { max: 2000 })))
    .optional(),
  file: AttachedFileSchema.optional(),
  /** the attached file's name, as the platform gave it: named when the file cannot be read (cut, never refused) */
  fileName: z
    .string()
    .transform((name) => name.slice(0, 1000))
    .optional(),
});

type SourceArgs = z.output<typeof SourceArgs>;

export const source = {
  name: 'source',
  description: t('en', 'source.description'),
  usage: t('en', 'source.usage'),
  examples: [
    '/source list',
    '/source add https://www.example.com',
    '/source remove c-1a2b3c4d5e',
    '/source import https://www.example.com/feeds.opml',
    '/source export',
  ],
  options: [
    {
      name: 'action',
      description: 'add, remove, list, import or export',
      type: 'string',
      required: true,
      maxLength: 10,
    },
    {
      name: 'target',
      description: 'The feed or site address (add, import), or the source id (remove)',
      type: 'string',
      maxLength: 2000,
    },
  ],
  fromText(text) {
    const cleaned = cleanText(text);
    if (!cleaned) return { action: 'list' };
    const [first = '', ...rest] = cleaned.split(' ');
    const target = rest.join(' ') || undefined;
    if ((ACTIONS as readonly string[]).includes(first.toLowerCase())) return { action: first, target };
    // "/source https://…" means add
    if (/^(?:https?:\/\/|www\.)/i.test(first)) return { action: 'add', target: cleaned };
    return { action: first, target };
  },
  args: SourceArgs,
  async run(args, context, services) {
    const run: Record<Action, () => Promise<Reply>> = {
      list: async () => list(context, services),
      export: async () => exportSources(context, services),
      add: () => add(args, context, services),
      remove: () => remove(args, context, services),
      import: () => importSources(args, context, services),
    };
    return run[args.action]();
  },
} satisfies Command<SourceArgs>;

const requireAdmin = (context: CommandContext) => requireManage(context, 'manage.sources');

// the operator's switch comes before anything the reader gave: an attached file is then never read
const requireAllowed = (services: Services) => {
  if (!services.chatSources.allowed) throw UserError.say('source.off');
};

const adder = (context: CommandContext, services: Services) => ({
  user: context.user,
  fallbackLanguage: services.briefings.subscription(context.chat)?.languages[0] ?? 'en',
});

async function add(args: SourceArgs, context: CommandContext, services: Services): Promise<Reply> {
  requireAdmin(context);
  requireAllowed(services);
  const locale = localeOf(context);
  if (!args.target) throw UserError.say('source.giveAddress');
  const { source, foundOn, pageKind } = await services.chatSources.add(
    context.chat,
    args.target,
    adder(context, services),
  );
  const what =
    source.kind === 'feed'
      ? foundOn
        ? t(locale, 'source.addedFoundFeed', { page: foundOn })
        : t(locale, 'source.addedFeed')
      : pageKind === 'article'
        ? t(locale, 'source.addedArticlePage')
        : t(locale, 'source.addedListingPage');
  return {
    text: [
      t(locale, 'source.added', { name: source.name, id: source.id, language: source.language, what }),
      source.url,
      t(locale, 'source.addedNext'),
    ].join('\n'),
    choices: [
      { label: t(locale, 'source.latestFrom', { name: source.name }), command: `/latest ${source.id}` },
    ],
  };
}

async function remove(args: SourceArgs, context: CommandContext, services: Services): Promise<Reply> {
  requireAdmin(context);
  if (!args.target) throw UserError.say('source.giveId');
  const gone = await services.chatSources.remove(context.chat, args.target);
  return { text: t(localeOf(context), 'source.removed', { name: gone.name, id: gone.id }) };
}

async function importSources(args: SourceArgs, context: CommandContext, services: Services): Promise<Reply> {
  requireAdmin(context);
  requireAllowed(services);
  const input = args.file
    ? { bytes: args.file, name: args.fileName }
    : args.target
      ? { url: args.target }
      : undefined;
  if (!input) throw UserError.say('source.giveOpml');
  const locale = localeOf(context);
  const summary = await services.chatSources.importOpml(context.chat, input, adder(context, services));
  const lines = [
    summary.added.length > 0
      ? t(locale, 'source.importedSome', { count: summary.added.length })
      : t(locale, 'source.importedNone'),
    ...summary.added.map((s) =>
      t(locale, 'source.importLine', { name: s.name, id: s.id, language: s.language }),
    ),
  ];
  if (summary.refused.length > 0) {
    const heading = t(locale, 'source.refused', { count: summary.refused.length });
    lines.push('', heading, ...summary.refused.map((note) => `• ${noteLine(note)(locale)}`));
  }
  if (summary.skipped.length > 0) {
    const heading = t(locale, 'source.skipped', { count: summary.skipped.length });
    lines.push('', heading, ...summary.skipped.map((note) => `• ${noteLine(note)(locale)}`));
  }
  if (summary.dropped > 0) lines.push('', t(locale, 'source.dropped', { count: summary.dropped }));
  return { text: lines.join('\n') };
}

function list(context: CommandContext, services: Services): Reply {
  const { chatSources } = services;
  const locale = localeOf(context);
  const own = chatSources.list(context.chat);
  const off = chatSources.allowed ? '' : t(locale, 'source.switchedOff');
  if (own.length === 0) {
    return { text: t(locale, chatSources.allowed ? 'source.noneOwn' : 'source.noneOwnOff') };
  }
  const lines = own.map((s) =>
    t(locale, 'source.listEntry', {
      name: s.name,
      id: s.id,
      language: s.language,
      kind: t(locale, s.kind === 'feed' ? 'source.kindFeed' : 'source.kindPage'),
      status: status(s.id, services, locale),
      url: s.url,
    }),
  );
  return {
    text: [
      t(locale, 'source.listHeading', { count: own.length, max: chatSources.maxPerChat, off }),
      '',
      ...lines,
      '',
      t(locale, 'source.listFooter'),
    ].join('\n'),
  };
}

function exportSources(context: CommandContext, services: Services): Reply {
  const count = services.chatSources.list(context.chat).length;
  if (count === 0) throw UserError.say('source.nothingToExport');
  return {
    text: t(localeOf(context), 'source.exported', { count }),
    file: services.chatSources.exportOpml(context.chat),
  };
}

function status(sourceId: string, services: Services, locale: Locale): string {
  const articles = t(locale, 'source.articles', { count: services.store.countLatest([sourceId]) });
  const outcome = services.outcomes.get(sourceId);
  if (!outcome) return t(locale, 'source.notFetched', { articles });
  const when = formatRelative(outcome.at, services.clock.now(), locale);
  return outcome.ok
    ? t(locale, 'source.fetched', { articles, when })
    : t(locale, 'source.failing', {
        articles,
        when,
        error:
          outcome.error === undefined
            ? t(locale, 'sources.unknownError')
            : failureInLocale(locale, outcome.error),
      });
}
