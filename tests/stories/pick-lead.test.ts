import { describe, expect, it } from 'vitest';
import { pickLead } from '../../src/stories/pick-lead.js';

const at = (hours: number) => Date.UTC(2025, 8, 24) + hours * 3_600_000;
const article = (id: string, publishedAt: number | null, firstSeenAt: number, summary = 'a summary') => ({
  id,
  publishedAt,
  firstSeenAt,
  summary,
});

describe('pickLead', () => {
  it('leads with the earliest report and lists the others earliest first', () => {
    const { lead, also } = pickLead([
      article('khaama', at(6), at(6)),
      article('tehran-times', at(0), at(1)),
      article('tolo', at(2), at(2)),
    ]);
    expect(lead.id).toBe('tehran-times');
    expect(also.map((other) => other.id)).toEqual(['tolo', 'khaama']);
  });

  it('counts a report without a published time from when it was first seen', () => {
    const { lead } = pickLead([article('amu', null, at(5)), article('ariana', at(3), at(9))]);
    expect(lead.id).toBe('ariana');
  });

  it('breaks a tie with the more complete report, then the id', () => {
    const tie = pickLead([
      article('short', at(1), at(1), 'brief'),
      article('long', at(1), at(1), 'a much longer lede'),
    ]);
    expect(tie.lead.id).toBe('long');
    const same = pickLead([article('b', at(1), at(1)), article('a', at(1), at(1))]);
    expect(same.lead.id).toBe('a');
  });

  it('keeps the members it is given: the lead is one of them and nothing is dropped', () => {
    const members = [article('x', at(1), at(1)), article('y', at(2), at(2))];
    const { lead, also } = pickLead(members);
    expect([lead, ...also]).toHaveLength(2);
    expect(members).toContain(lead);
  });

  it('refuses an empty story', () => {
    expect(() => pickLead([])).toThrow(/at least one article/);
  });
});
