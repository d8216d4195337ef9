// fallbacks from feed extensions when the core elements are missing: media rss titles and
// descriptions (also inside media:group) and itunes summaries.
import type { EntryText } from './feed-entry.js';

interface MediaText {
  value?: string;
  type?: string;
}

interface MediaLike {
  title?: MediaText;
  description?: MediaText;
  groups?: { title?: MediaText; description?: MediaText }[];
}

interface ItunesLike {
  summary?: string;
  subtitle?: string;
}

function mediaText(text: MediaText | undefined): EntryText | undefined {
  if (text?.value === undefined || text.value.trim() === '') return undefined;
  return { value: text.value, kind: text.type?.toLowerCase() === 'html' ? 'html' : 'text' };
}

export function mediaTitle(media: MediaLike | undefined): EntryText | undefined {
  return mediaText(media?.title) ?? mediaText(media?.groups?.find((group) => group.title)?.title);
}

export function mediaDescription(media: MediaLike | undefined): EntryText | undefined {
  return (
    mediaText(media?.description) ?? mediaText(media?.groups?.find((group) => group.description)?.description)
  );
}

export function itunesSummary(itunes: ItunesLike | undefined): EntryText | undefined {
  const value = itunes?.summary ?? itunes?.subtitle;
  return value === undefined || value.trim() === '' ? undefined : { value, kind: 'text' };
}
