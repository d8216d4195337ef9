import { describe, expect, it } from 'vitest';
import { MAX_NESTING, boundHtml } from '../../src/pages/bound-html.js';

describe('boundHtml', () => {
  it('leaves ordinary html as it is, but for comments', () => {
    const html =
      '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>a < b</title><script>if (a<b) x("</div>")</script></head>' +
      '<body><p>One<p>Two<br><img src="x.png"/><ul><li>a<li>b</ul><!-- a comment --><a href="/x?a=1&b=2">x</a></body></html>';
    expect(boundHtml(html)).toBe(html.replace('<!-- a comment -->', ''));
  });

  it('writes a "<" that opens no tag as text', () => {
    expect(boundHtml('<p>1 < 2 and 3 <= 4 and x<-y</p>')).toBe('<p>1 &lt; 2 and 3 &lt;= 4 and x&lt;-y</p>');
    expect(boundHtml('<p>open <a href="x"')).toBe('<p>open &lt;a href="x"');
  });

  it('drops the tags nested deeper than MAX_NESTING, keeping their text', () => {
    const depth = MAX_NESTING + 50;
    const bounded = boundHtml(`${'<div>'.repeat(depth)}deep${'</div>'.repeat(depth)}<p>after</p>`);
    expect(bounded).toBe(`${'<div>'.repeat(MAX_NESTING)}deep${'</div>'.repeat(MAX_NESTING)}<p>after</p>`);
  });

  it('does not count elements a sibling closes, or void elements, as nesting', () => {
    const html = `${'<p>para'.repeat(MAX_NESTING * 2)}${'<br>'.repeat(MAX_NESTING * 2)}<div><b>kept</b></div>`;
    expect(boundHtml(html)).toBe(html);
  });

  it('turns a flood of stray "<" into spaces, not millions of entities', () => {
    const bounded = boundHtml('<'.repeat(50_000));
    expect(bounded.startsWith('&lt;'.repeat(100))).toBe(true);
    expect(bounded.endsWith(' '.repeat(100))).toBe(true);
  });
});
