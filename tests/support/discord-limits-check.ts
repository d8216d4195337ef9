// Discord's message and embed limits (API v10, PLATFORMS.md), checked apart from the renderer.
// lengths are counted in UTF-16 units, never less than Discord's own count.

interface EmbedLike {
  title?: string;
  url?: string;
  description?: string;
  color?: number;
  timestamp?: string;
  author?: { name: string; url?: string };
  footer?: { text: string };
  fields?: { name: string; value: string; inline?: boolean }[];
}

interface MessageLike {
  content?: string;
  embeds?: EmbedLike[];
  allowed_mentions?: { parse?: unknown[]; users?: unknown[]; roles?: unknown[]; replied_user?: boolean };
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
// a mention Discord would recognise: @everyone, @here, <@id>, <@!id>, <@&id>, <#id>
const LIVE_MENTION = /@(everyone|here)\b|<(@[!&]?|#)\d+>/;

function checkText(where: string, value: string | undefined, limit: number, problems: string[]): number {
  if (value === undefined) return 0;
  if (value.length === 0) problems.push(`${where} is empty (omit it instead)`);
  if (value.length > limit) problems.push(`${where} is ${value.length} characters, over ${limit}`);
  if (LONE_SURROGATE.test(value)) problems.push(`${where} has a lone surrogate`);
  if (LIVE_MENTION.test(value))
    problems.push(`${where} has a live mention: ${LIVE_MENTION.exec(value)?.[0]}`);
  return value.length;
}

function checkUrl(where: string, url: string | undefined, problems: string[]): void {
  if (url === undefined) return;
  let protocol = '';
  try {
    protocol = new URL(url).protocol;
  } catch {
    problems.push(`${where} is not a URL: ${url}`);
    return;
  }
  if (protocol !== 'http:' && protocol !== 'https:') problems.push(`${where} is not http(s): ${url}`);
}

function checkEmbed(embed: EmbedLike, n: number, problems: string[]): number {
  const at = `embed ${n}`;
  let size = 0;
  size += checkText(`${at} title`, embed.title, 256, problems);
  size += checkText(`${at} description`, embed.description, 4096, problems);
  size += checkText(`${at} author name`, embed.author?.name, 256, problems);
  size += checkText(`${at} footer text`, embed.footer?.text, 2048, problems);
  const fields = embed.fields ?? [];
  if (fields.length > 25) problems.push(`${at} has ${fields.length} fields, over 25`);
  fields.forEach((field, i) => {
    size += checkText(`${at} field ${i} name`, field.name, 256, problems);
    size += checkText(`${at} field ${i} value`, field.value, 1024, problems);
  });
  checkUrl(`${at} url`, embed.url, problems);
  checkUrl(`${at} author url`, embed.author?.url, problems);
  if (embed.url !== undefined && embed.title === undefined) problems.push(`${at} has a url but no title`);
  if (
    embed.color !== undefined &&
    (!Number.isInteger(embed.color) || embed.color < 0 || embed.color > 0xffffff)
  ) {
    problems.push(`${at} color is not a 24-bit integer: ${embed.color}`);
  }
  if (embed.timestamp !== undefined && !/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/.test(embed.timestamp)) {
    problems.push(`${at} timestamp is not ISO 8601 UTC: ${embed.timestamp}`);
  }
  if (size === 0) problems.push(`${at} is empty`);
  return size;
}

/** Everything Discord would refuse (or would ping) in a message; empty when it is fine. */
export function checkDiscordMessage(message: MessageLike): string[] {
  const problems: string[] = [];
  checkText('content', message.content, 2000, problems);
  const embeds = message.embeds ?? [];
  if (embeds.length > 10) problems.push(`${embeds.length} embeds, over 10`);
  const total = embeds.reduce((sum, embed, n) => sum + checkEmbed(embed, n, problems), 0);
  if (total > 6000) problems.push(`embeds hold ${total} characters together, over 6000`);
  if ((message.content ?? '') === '' && embeds.length === 0)
    problems.push('message has neither content nor embeds');
  const mentions = message.allowed_mentions;
  if (mentions === undefined) problems.push('allowed_mentions missing');
  else {
    if (!Array.isArray(mentions.parse) || mentions.parse.length > 0)
      problems.push('allowed_mentions.parse is not []');
    if ((mentions.users ?? []).length > 0 || (mentions.roles ?? []).length > 0)
      problems.push('allowed_mentions lists ids');
  }
  return problems;
}
