import { describe, expect, it } from 'vitest';
import { pickLead } from '../../src/stories/pick-lead.js';
import { createStoryIndex } from '../../src/stories/story-index.js';
import { loadLabelledSet, type LabelledArticle } from './labelled-set.js';
import { clusterAndScore, scorePairs } from './story-score.js';

const articles = loadLabelledSet();

// same topic, different event: these must never share a story
const NEAR_MISSES = [
  ['en-lavrov-csto', 'en-lavrov-moscow-format'],
  ['en-torkham-clash', 'en-spin-boldak-clash'],
  ['fa-torkham-clash', 'fa-spin-boldak-clash'],
  ['en-kunar-quake', 'en-kunar-aftershock'],
  ['en-kunar-quake', 'en-badakhshan-quake'],
  ['fa-kunar-quake', 'fa-kunar-aftershock'],
  ['en-odi-first', 'en-odi-second'],
  ['en-baghlan-floods', 'en-swat-floods'],
  ['en-baghlan-floods', 'en-takhar-floods'],
  ['en-bagram-larijani', 'en-quad-statement'],
  ['en-quad-statement', 'en-quad-iea-welcomes'],
  ['en-border-markers', 'en-bikdeli-trade'],
  ['en-border-markers', 'en-kyrgyz-tajik-border'],
  ['en-prophetic-medicine', 'en-herbal-registration'],
  ['en-por-deportations', 'en-iom-iran-returns'],
];

describe('the labelled story set', () => {
  it('has at least 60 articles, several outlets per event, in english, dari and pashto', () => {
    expect(articles.length).toBeGreaterThanOrEqual(60);
    const outletsByEvent = new Map<string, Set<string>>();
    for (const article of articles) {
      const outlets = outletsByEvent.get(article.event) ?? new Set<string>();
      outlets.add(article.sourceId);
      outletsByEvent.set(article.event, outlets);
    }
    const shared = [...outletsByEvent].filter(([, outlets]) => outlets.size >= 2).map(([event]) => event);
    expect(shared.filter((event) => event.startsWith('en-')).length).toBeGreaterThanOrEqual(10);
    expect(shared.filter((event) => event.startsWith('fa-')).length).toBeGreaterThanOrEqual(4);
    expect(shared.filter((event) => event.startsWith('ps-')).length).toBeGreaterThanOrEqual(1);
    for (const [a, b] of NEAR_MISSES)
      expect([outletsByEvent.has(a!), outletsByEvent.has(b!)]).toEqual([true, true]);
  });

  it('labels each event with one outlet once and one language, so every labelled pair is reachable', () => {
    const byEvent = new Map<string, LabelledArticle[]>();
    for (const article of articles)
      byEvent.set(article.event, [...(byEvent.get(article.event) ?? []), article]);
    for (const [event, reports] of byEvent) {
      const sources = reports.map((report) => report.sourceId);
      expect(new Set(sources).size, event).toBe(sources.length);
      expect(new Set(reports.map((report) => report.language)).size, event).toBe(1);
    }
  });
});

describe('story clustering on the labelled set', () => {
  const score = clusterAndScore(articles);

  it('reaches pairwise precision ≥ 0.95 and recall ≥ 0.85', () => {
    expect(score.precision).toBeGreaterThanOrEqual(0.95);
    expect(score.recall).toBeGreaterThanOrEqual(0.85);
  });

  it('never merges the near misses: same topic, different event', () => {
    const index = createStoryIndex<LabelledArticle>();
    for (const article of articles) index.add(article);
    for (const [a, b] of NEAR_MISSES) {
      const storiesOf = (event: string) =>
        new Set(
          articles.filter((article) => article.event === event).map((article) => index.storyOf(article.id)),
        );
      const shared = [...storiesOf(a!)].filter((story) => storiesOf(b!).has(story));
      expect(shared, `${a} and ${b}`).toEqual([]);
    }
  });

  it('shows each seed story once, led by the earliest report, with the other outlets as "also"', () => {
    const index = createStoryIndex<LabelledArticle>();
    for (const article of articles) index.add(article);
    const seeds = ['en-bagram-ariana', 'en-csto-ariana', 'en-medicine-ariana', 'en-markers-ariana'];
    for (const seed of seeds) {
      const members = index.members(index.storyOf(seed)!);
      const { lead, also } = pickLead(members);
      const event = articles.find((article) => article.id === seed)!.event;
      expect(
        members.every((member) => member.event === event),
        seed,
      ).toBe(true);
      expect(also.length, seed).toBeGreaterThanOrEqual(2);
      expect(Math.min(...members.map((member) => member.publishedAt ?? member.firstSeenAt))).toBe(
        lead.publishedAt ?? lead.firstSeenAt,
      );
      expect(also.map((other) => other.sourceId)).not.toContain(lead.sourceId);
    }
  });
});

describe('pairwise scoring', () => {
  const labelled = (id: string, event: string) => ({ ...articles[0]!, id, event });
  const set = [labelled('a1', 'a'), labelled('a2', 'a'), labelled('b1', 'b'), labelled('c1', 'c')];

  it('scores a perfect clustering 1 and 1', () => {
    const score = scorePairs(set, (id) => id[0]);
    expect([score.precision, score.recall, score.truePairs]).toEqual([1, 1, 1]);
  });

  it('counts every wrong merge and every missed pair', () => {
    const all = scorePairs(set, () => 'one story');
    expect([all.precision, all.recall, all.falsePairs]).toEqual([1 / 6, 1, 5]);
    const none = scorePairs(set, (id) => id);
    expect([none.recall, none.missedPairs]).toEqual([0, 1]);
    expect(none.missedMerges).toEqual([['a1', 'a2']]);
  });
});
