import { z } from 'zod';
import { formatRelative, UserError } from '../src/index.js';
import { cleanText } from './arguments.js';
import type { Command, CommandContext, Reply, Services } from './command.js';

const ACTIONS = ['add', 'remove', 'list', 'import', 'export'] as const;
type Action = (typeof ACTIONS)[number];
/** an attached OPML file: 5 MB as bytes, or as base64 */
const MAX_FILE_BYTES = 5 * 1024 * 1024;
const BASE64 = /^[A-Za-z0-9+/_-]*={0,2}$/;

/** the attached file's bytes: a Uint8Array (Buffer too) or a base64 string, as the adapters pass them */
export const AttachedFileSchema = z
  .union([z.instanceof(Uint8Array), z.string()], { error: 'the attached file must be bytes or base64' })
  .transform((value, context) => {
    if (value instanceof Uint8Array) return value;
    const text = value.replace(/\s+/g, '');
    if (!BASE64.test(text)) {
      context.addIssue({ code: 'custom', message: 'the attached file is not base64' });
      return z.NEVER;
    }
    return new Uint8Array(Buffer.from(text, 'base64'));
  })
  .refine((bytes) => bytes.byteLength <= MAX_FILE_BYTES, 'the attached file is over the 5 MB limit');

const SourceArgs = z.object({
  action: z.preprocess(
    (value) => (typeof value === 'string' ? value.trim().toLowerCase() : value),
    z.enum(ACTIONS, { error: 'the action must be add, remove, list, import or export' }).default('list'),
  ),
  /** a url (add, import) or a source id (remove) */
  target: z
    .string()
    .transform(cleanText)
    .pipe(z.string().max(2000, 'the address is too long (at most 2000 characters)'))
    .optional(),
  file: AttachedFileSchema.optional(),
});

type SourceArgs = z.output<typeof SourceArgs>;

export const source = {
  name: 'source',
  description: 'Add your own feed or news site to this chat, remove it, list them, or import/export OPML',
  usage: '/source add <url> | remove <id> | list | import <url> | export',
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

function requireAdmin(context: CommandContext): void {
  if (context.canManage === false) {
    throw new UserError(
      "Only this chat's administrators can change its sources (on Discord: Manage Channels or Manage Server).",
    );
  }
}

const adder = (context: CommandContext, services: Services) => ({
  user: context.user,
  fallbackLanguage: services.briefings.subscription(context.chat)?.languages[0] ?? 'en',
});

async function add(args: SourceArgs, context: CommandContext, services: Services): Promise<Reply> {
  requireAdmin(context);
  if (!args.target) throw new UserError('Give the address of a feed or a news site: /source add <url>');
  const { source, foundOn, pageKind } = await services.chatSources.add(
    context.chat,
    args.target,
    adder(context, services),
  );
  const what =
    source.kind === 'feed'
      ? foundOn
        ? `the first feed that ${foundOn} announces`
        : 'a feed'
      : pageKind === 'article'
        ? 'a news article page (it has no feed, so I read the page itself)'
        : 'a news listing page (it has no feed, so I read the page and the articles it links to)';
  return {
    text: [
      `Added ${source.name} (${source.id}, ${source.language}) for this chat only: ${what}.`,
      source.url,
      'Its articles show here in /latest and /topic from the next fetch, within a few minutes.',
    ].join('\n'),
    choices: [{ label: `Latest from ${source.name}`, command: `/latest ${source.id}` }],
  };
}

async function remove(args: SourceArgs, context: CommandContext, services: Services): Promise<Reply> {
  requireAdmin(context);
  if (!args.target)
    throw new UserError('Give the id of the source to remove, e.g. /source remove c-1a2b3c4d5e');
  const gone = await services.chatSources.remove(context.chat, args.target);
  return { text: `Removed ${gone.name} (${gone.id}). Its articles no longer show in this chat.` };
}

async function importSources(args: SourceArgs, context: CommandContext, services: Services): Promise<Reply> {
  requireAdmin(context);
  const input = args.file ? { bytes: args.file } : args.target ? { url: args.target } : undefined;
  if (!input) {
    throw new UserError('Attach an OPML file to /source import, or give its address: /source import <url>');
  }
  const summary = await services.chatSources.importOpml(context.chat, input, adder(context, services));
  const lines = [
    summary.added.length > 0
      ? `Added ${summary.added.length} ${plural(summary.added.length, 'source')} for this chat:`
      : 'Added no sources.',
    ...summary.added.map((s) => `• ${s.name} (${s.id}, ${s.language})`),
  ];
  if (summary.refused.length > 0) {
    lines.push('', `Refused ${summary.refused.length}:`, ...summary.refused.map((line) => `• ${line}`));
  }
  if (summary.skipped.length > 0) {
    lines.push('', `Skipped ${summary.skipped.length}:`, ...summary.skipped.map((line) => `• ${line}`));
  }
  if (summary.dropped > 0)
    lines.push('', `${summary.dropped} more outlines were not read: the file is too long.`);
  return { text: lines.join('\n') };
}

function list(context: CommandContext, services: Services): Reply {
  const { chatSources } = services;
  const own = chatSources.list(context.chat);
  const off = chatSources.allowed
    ? ''
    : ' Adding sources in chats is switched off on this bot, so they are not read now.';
  if (own.length === 0) {
    return {
      text: chatSources.allowed
        ? 'This chat has no sources of its own; it reads mine (see /sources). Add a feed or a news site with /source add <url>, or import an OPML file with /source import.'
        : 'This chat has no sources of its own; it reads mine (see /sources). Adding sources in chats is switched off on this bot.',
    };
  }
  const lines = own.map(
    (s) => `• ${s.name} (${s.id}, ${s.language}, ${s.kind}): ${status(s.id, services)}\n  ${s.url}`,
  );
  return {
    text: [
      `This chat's own sources (${own.length} of ${chatSources.maxPerChat}), read beside mine and shown only here.${off}`,
      '',
      ...lines,
      '',
      'Remove one with /source remove <id>; save them all as OPML with /source export.',
    ].join('\n'),
  };
}

function exportSources(context: CommandContext, services: Services): Reply {
  const count = services.chatSources.list(context.chat).length;
  if (count === 0) {
    throw new UserError('This chat has no sources of its own to export. Add one with /source add <url>.');
  }
  return {
    text: `This chat's ${count} ${plural(count, 'source')} as an OPML file, for /source import or any feed reader.`,
    file: services.chatSources.exportOpml(context.chat),
  };
}

function status(sourceId: string, services: Services): string {
  const stored = services.store.countLatest([sourceId]);
  const articles = `${stored} ${plural(stored, 'article')}`;
  const outcome = services.outcomes.get(sourceId);
  if (!outcome) return `${articles}, not fetched yet`;
  const when = formatRelative(outcome.at, services.clock.now());
  return outcome.ok ? `${articles}, fetched ${when}` : `${articles}, failing since ${when}: ${outcome.error}`;
}

const plural = (count: number, word: string) => (count === 1 ? word : `${word}s`);
