// what the fake Discord refuses: message, component, autocomplete and command-definition limits, checked
// both by our own limits validator and by discord.js's builders (which Discord's own rules back).
import { ActionRowBuilder, ButtonBuilder, EmbedBuilder, embedLength, type APIEmbed } from 'discord.js';
import { checkDiscordMessage } from '../../support/discord-limits-check.js';

type Body = Record<string, unknown>;

const message = (error: unknown) => (error instanceof Error ? error.message.split('\n')[0] : String(error));

/** Rebuilds each embed through EmbedBuilder's validating setters. */
export function builderProblems(embeds: readonly APIEmbed[]): string[] {
  const problems: string[] = [];
  let total = 0;
  embeds.forEach((embed, n) => {
    try {
      const builder = new EmbedBuilder();
      if (embed.title !== undefined) builder.setTitle(embed.title);
      if (embed.description !== undefined) builder.setDescription(embed.description);
      if (embed.url !== undefined) builder.setURL(embed.url);
      if (embed.color !== undefined) builder.setColor(embed.color);
      if (embed.timestamp !== undefined) builder.setTimestamp(new Date(embed.timestamp));
      if (embed.author)
        builder.setAuthor({
          name: embed.author.name,
          ...(embed.author.url ? { url: embed.author.url } : {}),
        });
      if (embed.footer) builder.setFooter({ text: embed.footer.text });
      if (embed.fields) builder.addFields(embed.fields);
      total += embedLength(builder.data);
    } catch (error) {
      problems.push(`embed ${n} fails EmbedBuilder: ${message(error)}`);
    }
  });
  if (total > 6000) problems.push(`embeds hold ${total} characters by embedLength, over 6000`);
  return problems;
}

export function componentProblems(components: unknown): string[] {
  if (components === undefined) return [];
  if (!Array.isArray(components)) return ['components is not a list'];
  const problems: string[] = [];
  if (components.length > 5) problems.push(`${components.length} action rows, over 5`);
  components.forEach((row: { type?: number; components?: Body[] }, r) => {
    if (row.type !== 1 || !Array.isArray(row.components))
      return problems.push(`row ${r} is not an action row`);
    if (row.components.length < 1 || row.components.length > 5)
      problems.push(`row ${r} holds ${row.components.length} buttons`);
    for (const button of row.components) {
      try {
        const built = new ButtonBuilder()
          .setStyle(button.style as number)
          .setLabel(button.label as string)
          .setCustomId(button.custom_id as string);
        new ActionRowBuilder<ButtonBuilder>().addComponents(built).toJSON();
      } catch (error) {
        problems.push(`row ${r} button fails ButtonBuilder: ${message(error)}`);
      }
    }
    return undefined;
  });
  return problems;
}

/** A message body as sent with a reply, an edit, a follow-up or a channel message. */
export function messageProblems(body: Body): string[] {
  const embeds = Array.isArray(body.embeds) ? (body.embeds as APIEmbed[]) : [];
  return [
    ...checkDiscordMessage(body as Parameters<typeof checkDiscordMessage>[0]),
    ...builderProblems(embeds),
    ...componentProblems(body.components),
  ];
}

/** Discord's limit per file for a bot without boosts (the interaction's attachment_size_limit) */
export const ATTACHMENT_SIZE_LIMIT = 10_485_760;
const MAX_FILES = 10;

/**
 * A multipart message's files, as Discord reads them: parts named files[n], each listed in the body's
 * `attachments` by id n with its filename, within the size and count limits.
 */
export function uploadProblems(
  body: Body,
  files: readonly { field: string; filename: string; data: Buffer }[],
) {
  const problems: string[] = [];
  if (files.length > MAX_FILES) problems.push(`${files.length} files, over ${MAX_FILES}`);
  const listed = Array.isArray(body.attachments) ? (body.attachments as Body[]) : undefined;
  if (!listed) problems.push('files sent without an attachments list in payload_json');
  for (const file of files) {
    const index = /^files\[(\d+)\]$/.exec(file.field)?.[1];
    if (index === undefined) {
      problems.push(`a form part named ${JSON.stringify(file.field)}, not files[n]`);
      continue;
    }
    if (!file.filename) problems.push(`${file.field} has no filename`);
    if (file.data.length > ATTACHMENT_SIZE_LIMIT)
      problems.push(`${file.field} is ${file.data.length} bytes, over ${ATTACHMENT_SIZE_LIMIT}`);
    const entry = listed?.find((attachment) => String(attachment.id) === index);
    if (listed && !entry) problems.push(`${file.field} is not listed in attachments`);
    if (entry && entry.filename !== file.filename)
      problems.push(
        `${file.field} is ${JSON.stringify(file.filename)} but listed as ${JSON.stringify(entry.filename)}`,
      );
  }
  return problems;
}

export function autocompleteProblems(data: Body | undefined): string[] {
  const choices = data?.choices;
  if (!Array.isArray(choices)) return ['autocomplete answer has no choices list'];
  const problems: string[] = [];
  if (choices.length > 25) problems.push(`${choices.length} autocomplete choices, over 25`);
  for (const choice of choices as Body[]) {
    const { name, value } = choice;
    if (typeof name !== 'string' || name.length < 1 || name.length > 100)
      problems.push(`choice name ${JSON.stringify(name)} is not 1–100 characters`);
    if (typeof value === 'string' && (value.length < 1 || value.length > 100))
      problems.push(`choice value ${JSON.stringify(value)} is not 1–100 characters`);
  }
  return problems;
}

const NAME = /^[-_\p{L}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$/u;

/** Command definitions as Discord checks them on PUT. */
export function commandProblems(definitions: unknown): string[] {
  if (!Array.isArray(definitions)) return ['command definitions are not a list'];
  const problems: string[] = [];
  if (definitions.length > 100) problems.push(`${definitions.length} commands, over 100`);
  for (const command of definitions as Body[]) {
    const name = String(command.name);
    if (!NAME.test(name) || name !== name.toLowerCase()) problems.push(`command name ${name} is not valid`);
    const description = String(command.description ?? '');
    if (description.length < 1 || description.length > 100)
      problems.push(`/${name} description is not 1–100 characters`);
    const options = (command.options ?? []) as Body[];
    if (options.length > 25) problems.push(`/${name} has ${options.length} options, over 25`);
    let optionalSeen = false;
    for (const option of options) {
      const at = `/${name} ${String(option.name)}`;
      if (!NAME.test(String(option.name))) problems.push(`${at}: option name is not valid`);
      const text = String(option.description ?? '');
      if (text.length < 1 || text.length > 100) problems.push(`${at}: description is not 1–100 characters`);
      if (option.required && optionalSeen) problems.push(`${at}: a required option after an optional one`);
      if (!option.required) optionalSeen = true;
      if (option.autocomplete && ![3, 4, 10].includes(option.type as number))
        problems.push(`${at}: autocomplete on a type that cannot have it`);
      const [min, max] = [option.min_value, option.max_value] as (number | undefined)[];
      if (min !== undefined && max !== undefined && min > max)
        problems.push(`${at}: min_value above max_value`);
      const maxLength = option.max_length as number | undefined;
      if (maxLength !== undefined && (maxLength < 1 || maxLength > 6000))
        problems.push(`${at}: max_length out of 1–6000`);
    }
  }
  return problems;
}
