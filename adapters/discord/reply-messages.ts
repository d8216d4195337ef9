// a Reply as the messages to send: rendered embeds and text, with its choices and "More" as buttons.
import {
  ButtonStyle,
  ComponentType,
  type APIActionRowComponent,
  type APIButtonComponent,
  type APIButtonComponentWithCustomId,
} from 'discord.js';
import type { Reply } from '../../commands/command.js';
import { t, truncateAtWord } from '../../src/index.js';
import type { ButtonStore } from './button-store.js';
import { renderDiscord, type DiscordMessage } from './render-embeds.js';

export type ButtonRow = APIActionRowComponent<APIButtonComponent>;

/** a file sent with a message, as a multipart upload */
export interface OutgoingFile {
  name: string;
  contentType: string;
  data: Uint8Array;
}

export interface OutgoingMessage extends DiscordMessage {
  components?: ButtonRow[];
  /** not part of the JSON body: sent as `files[n]` beside it (see messageRequest) */
  files?: OutgoingFile[];
}

const LABEL_MAX = 80;
const PER_ROW = 5;
// five rows at most; the last place is kept for "More"
const MAX_CHOICES = 24;
export const MORE_LABEL = t('en', 'reply.more');

// plain JSON rather than ButtonBuilder: its validation costs more than the rest of an answer, and both
// limits hold by construction (labels are cut to 80, custom ids are short); tests check them with the builders
const button = (
  label: string,
  customId: string,
  style: ButtonStyle.Primary | ButtonStyle.Secondary,
): APIButtonComponentWithCustomId => ({
  type: ComponentType.Button,
  style,
  label: truncateAtWord(label, LABEL_MAX),
  custom_id: customId,
});

function buttonRows(reply: Reply, buttons: ButtonStore): ButtonRow[] {
  const list = (reply.choices ?? [])
    .slice(0, MAX_CHOICES)
    .map((choice) =>
      button(
        choice.label.trim() || choice.command,
        buttons.put({ kind: 'run', line: choice.command }),
        ButtonStyle.Secondary,
      ),
    );
  if (reply.next) {
    const label = t(reply.locale ?? 'en', 'reply.more');
    list.push(button(label, buttons.put({ kind: 'next', page: reply.next }), ButtonStyle.Primary));
  }
  const rows: ButtonRow[] = [];
  for (let i = 0; i < list.length; i += PER_ROW) {
    rows.push({ type: ComponentType.ActionRow, components: list.slice(i, i + PER_ROW) });
  }
  return rows;
}

/** The messages for a reply, its file on the first (beside the text that names it), buttons on the last; never empty. */
export function replyMessages(reply: Reply, buttons: ButtonStore): OutgoingMessage[] {
  const messages: OutgoingMessage[] = renderDiscord(reply);
  if (messages.length === 0)
    messages.push({
      content: t(reply.locale ?? 'en', 'reply.done'),
      embeds: [],
      allowed_mentions: { parse: [] },
    });
  if (reply.file) {
    const { name, mimeType, content } = reply.file;
    messages[0]!.files = [{ name, contentType: mimeType, data: Buffer.from(content, 'utf8') }];
  }
  const rows = buttonRows(reply, buttons);
  const last = messages.at(-1)!;
  if (rows.length > 0) last.components = rows;
  return messages;
}
