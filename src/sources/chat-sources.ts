// sources added by chats: stored per chat, visible to that chat only, fetched by the poll like the
// operator's. user-given urls are only ever fetched public-only, with the 5 MB and 15 s caps.
import type { Clock } from '../clock.js';
import { UserError } from '../errors.js';
import type { HttpFetch } from '../fetch/http-fetch.js';
import { createNodeHttpFetch, type NodeHttpFetchOptions } from '../fetch/node-http-fetch.js';
import { attachedFile } from '../i18n/file-words.js';
import { said, type Said } from '../i18n/translate.js';
import type { Logger } from '../logger.js';
import type { KeyvStore } from '../store/open-keyv.js';
import {
  chatSourceId,
  isChatSourceId,
  MAX_CHAT_SOURCES,
  toSource,
  type AddedSource,
  type Adder,
  type ChatSource,
  type ImportSummary,
  type OpmlFile,
} from './chat-source.js';
import { CHAT_SOURCES_NAMESPACE, openChatSourceRepository } from './chat-source-repository.js';
import { checkOutlines } from './check-outlines.js';
import { discoverSource } from './discover-source.js';
import { fetchUserUrl, parseUserUrl, shorten } from './fetch-user-url.js';
import { readOpml, writeOpml, type OpmlOrigin } from './opml.js';
import type { Source } from './source.js';

export type { AddedSource, Adder, ImportSummary, OpmlFile } from './chat-source.js';

export interface ChatSourcesOptions {
  /** ALLOW_CHAT_SOURCES: false refuses /source add and import and leaves chat sources out of the poll */
  allow?: boolean;
  /** the fetcher for user-given urls (publicOnly is always on); tests inject a resolver and trustedHosts */
  fetch?: NodeHttpFetchOptions;
  maxPerChat?: number;
}

export interface ChatSources {
  readonly allowed: boolean;
  readonly maxPerChat: number;
  /** the chat's own sources, oldest first */
  list(chat: string): readonly ChatSource[];
  /** the chat's own sources as Sources: for names in its digests and for /latest <source> */
  sourcesOf(chat: string): Source[];
  /**
   * true for a source whose articles the chat must not see: any chat source it does not own, so also
   * one removed since (its articles stay stored until pruned); never one of the operator's
   */
  hiddenFrom(chat: string): (sourceId: string) => boolean;
  isVisible(chat: string, sourceId: string): boolean;
  /** the chats that added this source (to tell them when it fails or recovers) */
  chatsOf(sourceId: string): readonly string[];
  /** every chat's sources, one per url, for the poll; empty when the operator switched them off */
  allSources(): Source[];
  /** throws UserError (refused address, not a feed, limit, already there, switched off) */
  add(chat: string, url: string, by: Adder): Promise<AddedSource>;
  /** by id (or url, or a name only one of them has); throws UserError when the chat has no such source */
  remove(chat: string, id: string): Promise<ChatSource>;
  /** from a url, or from an attached file's bytes (its name, when known, is named in mistakes) */
  importOpml(
    chat: string,
    input: { url: string } | { bytes: Uint8Array; name?: string | undefined },
    by: Adder,
  ): Promise<ImportSummary>;
  exportOpml(chat: string): OpmlFile;
  /** drops the chat's sources (/forget) */
  forget(chat: string): Promise<void>;
  /** a chat changed id (a Telegram group became a supergroup): its sources follow */
  move(from: string, to: string): Promise<void>;
}

export async function openChatSources(
  deps: { keyv: KeyvStore; clock: Clock; logger: Logger; operatorSources: readonly Source[] },
  options: ChatSourcesOptions = {},
): Promise<ChatSources> {
  const { clock, logger } = deps;
  const allowed = options.allow ?? true;
  const maxPerChat = options.maxPerChat ?? MAX_CHAT_SOURCES;
  const repository = await openChatSourceRepository(
    deps.keyv.namespace(CHAT_SOURCES_NAMESPACE),
    (key, problem) => logger.warn('skipped an invalid stored chat source record', { key, problem }),
  );
  const operatorIds = new Set(deps.operatorSources.map((source) => source.id));
  const operatorByUrl = new Map(deps.operatorSources.map((source) => [source.url.href, source]));
  let fetcher: HttpFetch | undefined;
  const fetch = () => (fetcher ??= createNodeHttpFetch({ ...options.fetch, publicOnly: true }));

  // derived from every chat's list, rebuilt after each change
  let byId = new Map<string, ChatSource>();
  let owners = new Map<string, string[]>();
  let polled: Source[] = [];
  const rebuild = () => {
    const ids = new Map<string, ChatSource>();
    const chats = new Map<string, string[]>();
    for (const [chat, sources] of repository.entries()) {
      for (const source of sources) {
        const known = ids.get(source.id);
        if (operatorIds.has(source.id) || (known && known.url !== source.url)) {
          logger.warn('a chat source id is taken; the source is not read', { chat, id: source.id });
          continue;
        }
        if (!known) ids.set(source.id, source);
        chats.set(source.id, [...(chats.get(source.id) ?? []), chat]);
      }
    }
    byId = ids;
    owners = chats;
    polled = [...ids.values()].map(toSource);
  };
  rebuild();

  // changes one at a time, so two adds never both pass the limit
  let queue: Promise<unknown> = Promise.resolve();
  const exclusive = <T>(task: () => Promise<T>): Promise<T> => {
    const run = queue.then(task, task);
    queue = run.catch(() => {});
    return run;
  };

  const requireAllowed = () => {
    if (!allowed) throw UserError.say('source.off');
  };
  const alreadyRead = (chat: string, url: string): Said | undefined => {
    const own = repository.list(chat).find((source) => source.url === url);
    if (own) return said('source.alreadyHere', { name: own.name, id: own.id });
    const operator = operatorByUrl.get(url);
    if (operator) return said('source.alreadyOperator', { name: operator.name, id: operator.id });
    return undefined;
  };
  const refuseKnown = (chat: string, url: string) => {
    const known = alreadyRead(chat, url);
    if (known) throw UserError.say('source.known', { url: shorten(url), known });
  };
  const refuseFull = (chat: string) => {
    if (repository.list(chat).length >= maxPerChat) throw UserError.say('source.full', { max: maxPerChat });
  };
  // the same url has the same id in every chat; a hash that is taken (by the operator) is stepped over
  const idFor = (url: string) =>
    chatSourceId(url, (id) => operatorIds.has(id) || (byId.get(id)?.url ?? url) !== url);
  const saveAdded = (chat: string, added: readonly ChatSource[]) =>
    exclusive(async () => {
      const current = repository.list(chat);
      const fresh = added.filter((source) => !current.some((own) => own.url === source.url));
      const kept = fresh.slice(0, Math.max(0, maxPerChat - current.length));
      if (kept.length > 0) {
        await repository.save(chat, [...current, ...kept]);
        rebuild();
      }
      return kept;
    });

  return {
    allowed,
    maxPerChat,
    list: (chat) => repository.list(chat),
    sourcesOf: (chat) =>
      repository
        .list(chat)
        .filter((source) => byId.get(source.id)?.url === source.url)
        .map(toSource),
    hiddenFrom(chat) {
      const own = new Set(repository.list(chat).map((source) => source.id));
      return (sourceId) => isChatSourceId(sourceId) && !operatorIds.has(sourceId) && !own.has(sourceId);
    },
    isVisible: (chat, sourceId) =>
      !isChatSourceId(sourceId) ||
      operatorIds.has(sourceId) ||
      repository.list(chat).some((source) => source.id === sourceId),
    chatsOf: (sourceId) => owners.get(sourceId) ?? [],
    allSources: () => (allowed ? [...polled] : []),

    async add(chat, text, by) {
      requireAllowed();
      const url = parseUserUrl(text);
      refuseFull(chat);
      refuseKnown(chat, url.href);
      const found = await discoverSource(url, { fetch: fetch(), fallbackLanguage: by.fallbackLanguage });
      refuseKnown(chat, found.url);
      const source: ChatSource = {
        id: idFor(found.url),
        name: found.name,
        url: found.url,
        language: found.language,
        kind: found.kind,
        addedBy: by.user,
        addedAt: clock.now(),
      };
      const [saved] = await saveAdded(chat, [source]);
      if (!saved) {
        // another add got there first
        refuseFull(chat);
        refuseKnown(chat, found.url);
      }
      logger.info('a chat added a source', { chat, id: source.id, url: source.url });
      return {
        source,
        ...(found.foundOn ? { foundOn: found.foundOn } : {}),
        ...(found.pageKind ? { pageKind: found.pageKind } : {}),
      };
    },

    remove: (chat, id) =>
      exclusive(async () => {
        const current = repository.list(chat);
        const wanted = id.trim();
        const byName = current.filter((source) => source.name.toLowerCase() === wanted.toLowerCase());
        const gone =
          current.find((source) => source.id === wanted.toLowerCase() || source.url === wanted) ??
          (byName.length === 1 ? byName[0] : undefined);
        if (!gone) {
          const ids = current.map((source) => source.id);
          throw ids.length > 0
            ? UserError.say('source.noSuchId', { id: shorten(id, 40), ids })
            : UserError.say('source.noneToRemove');
        }
        await repository.save(
          chat,
          current.filter((source) => source !== gone),
        );
        rebuild();
        logger.info('a chat removed a source', { chat, id: gone.id });
        return gone;
      }),

    async importOpml(chat, input, by) {
      requireAllowed();
      let bytes: Uint8Array;
      let where: OpmlOrigin;
      let contentType: string | undefined;
      if ('url' in input) {
        const url = parseUserUrl(input.url);
        const fetched = await fetchUserUrl(fetch(), url, {
          accept: 'text/x-opml, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5',
        });
        ({ bytes } = fetched);
        where = fetched.url;
        contentType = fetched.headers['content-type'];
      } else {
        bytes = input.bytes;
        where = attachedFile(input.name);
      }
      const reading = readOpml(bytes, where, contentType);
      if (reading.outlines.length === 0) throw UserError.say('opml.noFeeds', { file: where });
      const verdicts = await checkOutlines(reading.outlines, {
        room: Math.max(0, maxPerChat - repository.list(chat).length),
        maxPerChat,
        known: (url) => alreadyRead(chat, url),
        fallbackLanguage: by.fallbackLanguage,
        resolver: options.fetch?.resolver,
        trustedHosts: options.fetch?.trustedHosts,
      });
      const now = clock.now();
      const added = await saveAdded(
        chat,
        verdicts.candidates.map((candidate) => ({
          id: idFor(candidate.url),
          ...candidate,
          addedBy: by.user,
          addedAt: now,
        })),
      );
      const lost = verdicts.candidates.length - added.length;
      if (lost > 0) verdicts.skipped.push({ reason: said('import.lost', { count: lost }) });
      logger.info('a chat imported sources', { chat, added: added.length, refused: verdicts.refused.length });
      return { added, refused: verdicts.refused, skipped: verdicts.skipped, dropped: reading.dropped };
    },

    exportOpml(chat) {
      return {
        name: 'briefer-sources.opml',
        mimeType: 'text/x-opml',
        content: writeOpml("This chat's own Briefer sources", repository.list(chat), clock.now()),
      };
    },

    forget: (chat) =>
      exclusive(async () => {
        if (repository.list(chat).length === 0) return;
        await repository.save(chat, []);
        rebuild();
      }),

    move: (from, to) =>
      exclusive(async () => {
        const moving = repository.list(from);
        if (moving.length === 0 || from === to) return;
        const current = repository.list(to);
        const merged = [
          ...current,
          ...moving.filter((source) => !current.some((own) => own.url === source.url)),
        ];
        await repository.save(to, merged.slice(0, maxPerChat));
        await repository.save(from, []);
        rebuild();
      }),
  };
}
