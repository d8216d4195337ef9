// what the fake Discord remembers: requests, messages, interactions, registered commands, injected failures.
import type { IncomingHttpHeaders } from 'node:http';
import type { FakeAttachment, FakeGuild, FakeMessage, FakeUser } from './payloads.js';

/** a file part of a multipart request (`files[n]`), as the bot uploaded it */
export interface UploadedFile {
  /** the form field: "files[0]" */
  field: string;
  filename: string;
  contentType: string;
  data: Buffer;
}

export interface RecordedRequest {
  method: string;
  /** decoded, under /api/v10: "/webhooks/1/abc/messages/@original" */
  path: string;
  /** as sent: "/api/v10/webhooks/1/abc/messages/%40original?…" */
  rawUrl: string;
  query: Record<string, string>;
  headers: IncomingHttpHeaders;
  /** JSON (or the multipart request's payload_json) parsed; other text as it came */
  body: unknown;
  /** the files of a multipart request; [] for any other */
  files: UploadedFile[];
  status: number;
  /** performance.now() when the request arrived */
  at: number;
}

export interface Conversation {
  interactionId: string;
  token: string;
  channelId: string;
  guildId?: string | undefined;
  /** performance.now() when INTERACTION_CREATE went out */
  sentAt: number;
  /** interaction callbacks accepted, in order: type 4 reply, 5 defer, 7 update, 8 autocomplete */
  callbacks: { type: number; data?: Record<string, unknown> }[];
  original?: FakeMessage;
  originalDeleted: boolean;
  followUps: FakeMessage[];
}

export interface InjectedFailure {
  method?: string;
  path: RegExp;
  status: number;
  retryAfterSec?: number;
  global?: boolean;
  body?: unknown;
  times: number;
}

export interface FakeState {
  token: string;
  gatewayToken: string;
  applicationId: string;
  bot: FakeUser;
  guilds: FakeGuild[];
  /** channel id → its guild (undefined for DMs); channels not here are unknown (404) */
  channels: Map<string, { guildId?: string | undefined }>;
  /** channels the bot may not post in (403) */
  forbidden: Set<string>;
  requests: RecordedRequest[];
  problems: string[];
  messages: Map<string, FakeMessage>;
  conversations: Map<string, Conversation>;
  commands: { global: unknown[]; guilds: Map<string, unknown[]> };
  failures: InjectedFailure[];
  /** files the fake serves at their attachment url: those readers attached, and those the bot uploaded */
  attachments: Map<string, { attachment: FakeAttachment; data: Buffer; streamed?: boolean }>;
  listeners: Set<(request: RecordedRequest) => void>;
  /** set when message checks wait until runDeferredChecks() */
  deferredChecks?: (() => void)[];
}
