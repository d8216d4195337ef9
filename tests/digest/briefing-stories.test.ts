import { describe, expect, it } from 'vitest';
import { storiesForChat, windowStories } from '../../src/briefings/window-stories.js';
import type { StoredArticle } from '../../src/store/news-store.js';

const HOUR = 3_600_000;
const FROM = Date.UTC(2026, 10, 27, 0);

function report(sourceId: string, seenHoursAfterFrom: number, topics: string[] = ['iran']): StoredArticle {
  const at = FROM + seenHoursAfterFrom * HOUR;
  return {
    id: `${sourceId}-${seenHoursAfterFrom}`,
    sourceId,
    title: `${sourceId} on the story`,
    url: `https://${sourceId}.example/${seenHoursAfterFrom}`,
    publishedAt: at - HOUR,
    firstSeenAt: at,
    summary: 'What happened.',
    language: 'en',
    topics,
  };
}

/** a store holding one story of these reports */
const storeOf = (members: StoredArticle[]) => ({
  storyOf: (id: string) => (members.some((member) => member.id === id) ? 'story' : undefined),
  storyMembers: (id: string) => (id === 'story' ? members : []),
});
const everyone = () => true;
const follows = (article: StoredArticle) => article.topics.includes('iran');

describe('the stories of a briefing window', () => {
  it('gives a story once, led by the window’s first report, with every report as the chat sees it', () => {
    const members = [report('tolo', 1), report('pajhwok', 2), report('amu', 30, ['pakistan'])];
    const stories = windowStories(storeOf(members), members.slice(0, 2), FROM, follows);
    const [story, ...more] = storiesForChat(stories, { topics: ['iran'] }, everyone);
    expect(more).toEqual([]);
    expect(story!.lead.id).toBe('tolo-1');
    expect(story!.also.map((article) => article.id)).toEqual(['pajhwok-2', 'amu-30']);
  });

  it('leaves out a story a followed report of which came before the window', () => {
    const members = [report('tolo', -5), report('pajhwok', 2)];
    const stories = windowStories(storeOf(members), [members[1]!], FROM, follows);
    expect(storiesForChat(stories, { topics: ['iran'] }, everyone)).toEqual([]);
  });

  it('but not for a report the chat never saw: a hidden source, or one it does not follow', () => {
    const hidden = [report('chat-own', -5), report('pajhwok', 2)];
    const notFollowed = [report('tolo', -5, ['pakistan']), report('pajhwok', 2)];
    for (const members of [hidden, notFollowed]) {
      const stories = windowStories(storeOf(members), [members[1]!], FROM, follows);
      const [story] = storiesForChat(stories, { topics: ['iran'] }, (source) => source !== 'chat-own');
      expect(story?.lead.id).toBe('pajhwok-2');
      expect(story?.also.map((article) => article.sourceId)).toEqual(members === hidden ? [] : ['tolo']);
    }
  });

  it('ranks a story on more of the chat’s topics above one on fewer, from the same hours', () => {
    const both = report('tolo', 2, ['iran', 'pakistan']);
    const one = report('pajhwok', 3);
    const store = {
      storyOf: (id: string) => id,
      storyMembers: (id: string) => [both, one].filter((article) => article.id === id),
    };
    const stories = windowStories(store, [both, one], FROM, follows);
    const ranked = storiesForChat(stories, { topics: ['iran', 'pakistan'] }, everyone);
    expect(ranked.map((story) => story.lead.id)).toEqual(['tolo-2', 'pajhwok-3']);
    const plain = storiesForChat(stories, { topics: [] }, everyone);
    expect(plain.map((story) => story.lead.id)).toEqual(['pajhwok-3', 'tolo-2']);
  });
});
