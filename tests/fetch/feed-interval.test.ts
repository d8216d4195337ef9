import { describe, expect, it } from 'vitest';
import { readFeedInterval, suggestPollInterval } from '../../src/fetch/feed-interval.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const bytes = (text: string) => new TextEncoder().encode(text);
const rss = (channel: string, items = '<item><title>a</title></item>') =>
  bytes(
    `<?xml version="1.0"?><rss version="2.0" xmlns:sy="http://purl.org/rss/1.0/modules/syndication/"><channel><title>t</title>${channel}${items}</channel></rss>`,
  );

describe("a feed's own polling advice", () => {
  it('reads <ttl> in minutes', () => {
    expect(readFeedInterval(rss('<ttl>60</ttl>'))).toBe(HOUR);
  });

  it('reads sy:updatePeriod divided by sy:updateFrequency', () => {
    expect(
      readFeedInterval(
        rss('<sy:updatePeriod>hourly</sy:updatePeriod><sy:updateFrequency>2</sy:updateFrequency>'),
      ),
    ).toBe(30 * MINUTE);
    expect(readFeedInterval(rss('<sy:updatePeriod> daily </sy:updatePeriod>'))).toBe(24 * HOUR);
    // a frequency alone counts per day, the module's default period
    expect(readFeedInterval(rss('<sy:updateFrequency>4</sy:updateFrequency>'))).toBe(6 * HOUR);
  });

  it('takes the more patient of the two when both are given', () => {
    expect(readFeedInterval(rss('<ttl>15</ttl><sy:updatePeriod>hourly</sy:updatePeriod>'))).toBe(HOUR);
  });

  it('finds the syndication module in the head of an rdf feed, whatever its prefix', () => {
    const rdf = bytes(
      '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:syn="http://purl.org/rss/1.0/modules/syndication/"><channel><syn:updatePeriod>weekly</syn:updatePeriod></channel><item><title>a</title></item></rdf:RDF>',
    );
    expect(readFeedInterval(rdf)).toBe(7 * 24 * HOUR);
  });

  it('ignores what an item says, and gives nothing for feeds without advice or for json feed', () => {
    expect(
      readFeedInterval(rss('', '<item><description><![CDATA[<ttl>5</ttl>]]></description></item>')),
    ).toBeUndefined();
    expect(readFeedInterval(rss(''))).toBeUndefined();
    expect(
      readFeedInterval(rss('<ttl>0</ttl><sy:updatePeriod>fortnightly</sy:updatePeriod>')),
    ).toBeUndefined();
    expect(
      readFeedInterval(bytes('{"version":"https://jsonfeed.org/version/1.1","title":"x","items":[]}')),
    ).toBeUndefined();
  });

  it('keeps the suggestion within bounds, and falls back when the feed says nothing', () => {
    expect(suggestPollInterval(rss('<ttl>1</ttl>'), 10 * MINUTE)).toBe(5 * MINUTE);
    expect(suggestPollInterval(rss('<sy:updatePeriod>yearly</sy:updatePeriod>'), 10 * MINUTE)).toBe(
      24 * HOUR,
    );
    expect(suggestPollInterval(rss('<ttl>30</ttl>'), 10 * MINUTE)).toBe(30 * MINUTE);
    expect(suggestPollInterval(rss(''), 10 * MINUTE)).toBe(10 * MINUTE);
    expect(suggestPollInterval(rss('<ttl>30</ttl>'), 10 * MINUTE, { minMs: HOUR, maxMs: 2 * HOUR })).toBe(
      HOUR,
    );
  });
});
