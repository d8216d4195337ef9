import { describe, expect, it } from 'vitest';
import { termElements } from '../../src/stories/min-hash.js';
import { TermCounts } from '../../src/stories/term-counts.js';

const elementsOf = (...terms: string[]) => termElements(terms.map((term) => ({ term, weight: 1 as const })));

describe('term counts', () => {
  const EN = 1;
  const FA = 2;

  it('leaves terms held by too many reports of a language out of the signature, and keeps the rest', () => {
    const counts = new TermCounts(0.1, 3);
    for (let n = 0; n < 10; n++) counts.update(elementsOf('afghanistan', `event${n}`), EN, 1);
    const report = elementsOf('afghanistan', 'torkham', 'clash', 'closed');
    expect([...counts.rare(report, EN, 3)]).toEqual([...elementsOf('torkham', 'clash', 'closed')]);
    // another language has its own counts
    expect(counts.rare(report, FA, 3)).toEqual(report);
  });

  it('keeps every term when too few would remain, and forgets counts of removed reports', () => {
    const counts = new TermCounts(0.1, 3);
    const common = elementsOf('afghanistan', 'taliban');
    for (let n = 0; n < 10; n++) counts.update(common, EN, 1);
    const report = elementsOf('afghanistan', 'taliban', 'kabul');
    expect(counts.rare(report, EN, 2)).toEqual(report);
    for (let n = 0; n < 10; n++) counts.update(common, EN, -1);
    expect(counts.rare(report, EN, 3)).toEqual(report);
  });

  it('treats a name’s twin element as its term', () => {
    const counts = new TermCounts(0, 1);
    const named = termElements([
      { term: 'kabul', weight: 2 },
      { term: 'flood', weight: 1 },
      { term: 'rain', weight: 1 },
    ]);
    for (let n = 0; n < 3; n++) counts.update(termElements([{ term: 'kabul', weight: 1 }]), EN, 1);
    expect(counts.rare(named, EN, 1)).toEqual(elementsOf('flood', 'rain'));
  });
});
