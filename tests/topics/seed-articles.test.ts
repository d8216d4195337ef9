import { beforeAll, describe, expect, it } from 'vitest';
import { loadTopics } from '../../src/topics/load-topics.js';
import { createTopicMatcher } from '../../src/topics/topic-matcher.js';
import type { TopicMatcher } from '../../src/topics/topic-matcher.js';

// the "Latest News" page of Ariana News as captured in fixtures/seed/ariana-latest-news.txt (page chrome kept,
// so the split below is the same one a reader of the page would make): title, optional lede, body.
const SEED = `Connect with us

Latest News

Iran rejects US return to Bagram Air Base in Afghanistan, citing regional security concerns

Russia, China, and Iran have all publicly warned that the return of any American military installations in Afghanistan could undermine regional security.

Published

on

A senior Iranian official has dismissed U.S. President Donald Trump’s recent remarks about regaining control of the Bagram Air Base in Afghanistan, saying the Islamic Emirate of Afghanistan (IEA) has made clear it will not cede territory to Washington.

Ali Larijani, Secretary-General of Iran’s Supreme National Security Council, told state media on Wednesday that “not even an inch of Afghan soil” would be handed over to the United States.

He added that any attempt to re-establish a U.S. military foothold in Afghanistan would face “serious resistance,” arguing that American airstrikes alone could not change governments in the region.

Larijani cited the wars in Iraq and Afghanistan as examples where Washington had failed to meet its objectives, calling such interventions “deadly for American soldiers” and destabilizing for the broader region.

His remarks come at a time of renewed speculation about U.S. intentions in Afghanistan.

Bagram, once the largest American military base in the country, was a central hub for U.S. operations until the 2021 withdrawal. Trump’s comments about possibly regaining access to the base have triggered sharp reactions from regional powers.

Russia, China, and Iran have all publicly warned that the return of any American military installations in Afghanistan could undermine regional security.

The three countries’ foreign ministers issued a joint statement earlier this week emphasizing that foreign military presence would risk fueling extremism and destabilizing neighboring states.

Analysts note that the IEA, which has sought international recognition since taking power in 2021, is unlikely to reopen the door to a U.S. military presence. Instead, Kabul has deepened engagement with regional countries, particularly China, Iran, and Russia, in an effort to secure investment and political legitimacy.

Latest News

Central Asia and Afghanistan are key security concerns for CSTO: Lavrov

Published

on

Russian Foreign Minister Sergey Lavrov said on Monday that security risks in Central Asia and developments in Afghanistan are among the primary concerns for the Collective Security Treaty Organization (CSTO).

The CSTO is a regional military alliance that includes Russia, Armenia, Belarus, Kazakhstan, Kyrgyzstan, and Tajikistan.

Speaking in Moscow during a meeting with CSTO Secretary-General Taalatbek Masadykov, Lavrov described the region’s security challenges as “central” to the organization’s agenda.

“The problems that are currently among the central ones for the CSTO are new challenges and threats. I am referring to the situation in the Central Asian region of collective security, as well as everything related to what is happening in Afghanistan,” he said.

He praised Masadykov as “one of the leading experts” on Central Asian security, noting that his experience could enhance coordination and increase the effectiveness of allied actions.

Similar to NATO, the CSTO considers an attack on one member state as an attack on all.

Countries in the region have always expressed concern about security threats from Afghanistan. The Islamic Emirate, however, has dismissed these concerns and assured that it will not allow Afghanistan’s soil to be used against another country.

Continue Reading

Latest News

Afghanistan to establish first-ever faculty of ‘prophetic medicine’

Published

on

The Ministry of Higher Education of Afghanistan has announced that the leader of the Islamic Emirate has approved the establishment of a faculty dedicated to “Prophetic Medicine.”

According to the ministry, this new faculty will play a vital role in advancing medical sciences and training skilled healthcare professionals across the country.

Continue Reading

Latest News

Renovation of Afghanistan–Iran border markers to begin in the near future

Published

on

Afghanistan’s Minister of Borders and Tribal Affairs, Noorullah Noori, has announced that the long-delayed demarcation and renovation of border markers along the Afghanistan–Iran frontier will officially begin in the near future.

According to a statement from the ministry, Noori made the remarks during a meeting with Iran’s ambassador to Kabul, Ali-Reza Bikdeli.

He assured the Iranian side that the Islamic Emirate is fully committed to accelerating the process and resolving any challenges that may arise during implementation.

In a separate statement, the Iranian Embassy in Kabul said Bikdeli underscored the importance of bilateral cooperation on border issues, describing it as a key factor in strengthening and expanding overall relations between the two countries.

Officials from both sides agreed nearly three months ago to resume the border-marker renovation project, which had remained stalled for the past seven years.

Continue Reading

Trending

Copyright © 2025 Ariana News. All rights reserved!`;

interface SeedArticle {
  title: string;
  lede: string;
  body: string;
}

function seedArticles(): SeedArticle[] {
  return SEED.split(/\n\nLatest News\n\n/)
    .slice(1)
    .map((chunk) => {
      const [head = '', rest = ''] = chunk.split(/\n\nPublished\n\non\n\n/);
      const [title = '', ...lede] = head.split(/\n\n/);
      const body = rest.split(/\n\n(?:Continue Reading|Trending)\n\n/)[0] ?? '';
      return { title, lede: lede.join('\n\n'), body };
    });
}

const texts = (article: SeedArticle): string[] => [article.title, article.lede, article.body];

describe('seed articles (Ariana News latest news)', () => {
  let matcher: TopicMatcher;
  let articles: SeedArticle[];
  beforeAll(async () => {
    matcher = createTopicMatcher(await loadTopics());
    articles = seedArticles();
  });

  it('splits the seed page into four articles with titles and bodies', () => {
    expect(articles.map((a) => a.title)).toEqual([
      'Iran rejects US return to Bagram Air Base in Afghanistan, citing regional security concerns',
      'Central Asia and Afghanistan are key security concerns for CSTO: Lavrov',
      'Afghanistan to establish first-ever faculty of ‘prophetic medicine’',
      'Renovation of Afghanistan–Iran border markers to begin in the near future',
    ]);
    for (const article of articles) expect(article.body.length).toBeGreaterThan(200);
  });

  it('tags the Bagram article with the powers involved and security', () => {
    const tags = matcher.tag(texts(articles[0]!));
    expect(tags).toEqual(
      expect.arrayContaining(['afghanistan', 'iran', 'russia', 'china', 'united-states', 'security']),
    );
    expect(tags).not.toContain('sports');
  });

  it('tags the Bagram title alone from "US", "Bagram" and "Iran"', () => {
    expect(matcher.tag([articles[0]!.title])).toEqual(['afghanistan', 'iran', 'united-states', 'security']);
  });

  it('tags the CSTO/Lavrov article with Central Asia, not Iran', () => {
    const tags = matcher.tag(texts(articles[1]!));
    expect(tags).toEqual(expect.arrayContaining(['afghanistan', 'russia', 'central-asia', 'security']));
    expect(tags).not.toContain('iran');
    expect(tags).not.toContain('china');
  });

  it('tags the prophetic medicine faculty with health and education only besides Afghanistan', () => {
    const tags = matcher.tag(texts(articles[2]!));
    expect(tags).toEqual(expect.arrayContaining(['afghanistan', 'health', 'education']));
    expect(tags).not.toContain('iran');
    expect(tags).not.toContain('russia');
    expect(tags).toEqual(['afghanistan', 'health', 'education']);
  });

  it('tags the border markers article with borders and diplomacy, not Russia', () => {
    const tags = matcher.tag(texts(articles[3]!));
    expect(tags).toEqual(expect.arrayContaining(['afghanistan', 'iran', 'borders', 'diplomacy']));
    expect(tags).not.toContain('russia');
    expect(tags).not.toContain('security');
  });
});
