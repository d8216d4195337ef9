// the stories a briefing window brings to a chat. the window's articles the subscription follows are
// grouped by story; a story with a followed report first seen before the window came in an earlier
// briefing (windows follow each other: each starts where the last sent one ended), so a later report
// of it from another outlet is not news again. what a chat may see decides, per chat, which reports
// count: a report of a source hidden from the chat neither leads, nor shows as "also", nor makes a
// story old.
import { rankStories, rankStory, type RankedStory } from '../digest/rank.js';
import type { NewsStore, StoredArticle } from '../store/news-store.js';
import type { Subscription } from './subscription.js';

/** one story touched by a window, before any chat's view */
export interface WindowStory {
  storyId: string;
  /** the window's reports of it the subscription follows */
  fresh: StoredArticle[];
  /** its reports, oldest first (any source, any time) */
  members: StoredArticle[];
  /** reports of it the subscription follows, first seen before the window */
  earlier: StoredArticle[];
}

type StoryReader = Pick<NewsStore, 'storyOf' | 'storyMembers'>;

/**
 * Groups a window's followed articles (`fresh`, first seen from `from` on) by story. `follows` tells a
 * report the subscription follows (select-briefing.ts `matches`).
 */
export function windowStories(
  store: StoryReader,
  fresh: readonly StoredArticle[],
  from: number,
  follows: (article: StoredArticle) => boolean,
): WindowStory[] {
  const byStory = new Map<string, WindowStory>();
  for (const article of fresh) {
    const storyId = store.storyOf(article.id) ?? article.id;
    let story = byStory.get(storyId);
    if (!story) {
      const members = store.storyMembers(storyId);
      story = {
        storyId,
        fresh: [],
        members: members.length > 0 ? members : [article],
        earlier: members.filter((member) => member.firstSeenAt < from && follows(member)),
      };
      byStory.set(storyId, story);
    }
    story.fresh.push(article);
  }
  return [...byStory.values()];
}

/**
 * The stories new to one chat, ranked by the one ranking: only the reports it may see count; a story
 * whose visible followed report came before the window is left out. The match strength is how many
 * of the chat's topics the story's visible reports carry (rank.ts).
 */
export function storiesForChat(
  stories: readonly WindowStory[],
  subscription: Pick<Subscription, 'topics'>,
  canSee: (sourceId: string) => boolean,
): RankedStory[] {
  const ranked: RankedStory[] = [];
  for (const story of stories) {
    if (story.earlier.some((member) => canSee(member.sourceId))) continue;
    const visible = story.members.filter((member) => canSee(member.sourceId));
    const matching = story.fresh.filter((member) => canSee(member.sourceId));
    const found = rankStory(story.storyId, visible, matching, topicsCarried(visible, subscription.topics));
    if (found) ranked.push(found);
  }
  return rankStories(ranked);
}

function topicsCarried(reports: readonly StoredArticle[], topics: readonly string[]): number {
  return topics.filter((topic) => reports.some((report) => report.topics.includes(topic))).length;
}
