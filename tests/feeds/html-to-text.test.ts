import { describe, expect, it } from 'vitest';
import { foldLine, htmlToText } from '../../src/feeds/html-to-text.js';

describe('htmlToText', () => {
  it('drops tags and keeps every word, blocks apart and inline runs together', () => {
    expect(htmlToText('<p>First <b>bold</b> para.</p><p>Second<br/>line</p>')).toBe(
      'First bold para. Second line',
    );
    expect(htmlToText('Ex<b>am</b>ple <a href="/x" title="a > b">link</a>')).toBe('Example link');
    expect(htmlToText('<xhtml:div><xhtml:p>One</xhtml:p><xhtml:p>Two</xhtml:p></xhtml:div>')).toBe('One Two');
    // element names in any case; names that only start like a block element are inline
    expect(htmlToText('<P>One</P><Div>Two</DIV><H2>Three</H2><ps>Fo</ps>ur<p-x>!</p-x>')).toBe(
      'One Two Three Four!',
    );
    expect(htmlToText('a<Style>p{}</STYLE>b<SCRIPT>1</Script>c')).toBe('abc');
  });

  it('decodes named, numeric and hex entities, including legacy ones without a semicolon', () => {
    expect(htmlToText('AT&amp;T &lt;3 &#8217; &#x41; &eacute; &copy 2024 &nbsp;x')).toBe(
      'AT&T <3 ’ A é © 2024 x',
    );
  });

  it('decodes entities once only: an escaped tag stays visible as text', () => {
    expect(htmlToText('&lt;script&gt;alert(1)&lt;/script&gt;')).toBe('<script>alert(1)</script>');
    expect(htmlToText('&amp;lt;b&amp;gt;')).toBe('&lt;b&gt;');
  });

  it('drops what a reader never sees: scripts, styles, comments, declarations', () => {
    expect(
      htmlToText(
        '<!DOCTYPE html><style>p{color:red}</style>safe<script type="text/javascript">location.href="x"</script> <!-- hidden --> description',
      ),
    ).toBe('safe description');
    expect(htmlToText('a<SCRIPT>x()</SCRIPT >b')).toBe('ab');
    // svg and mathml text is text a reader sees
    expect(htmlToText('<svg><title>Chart</title><text>42</text></svg> caption')).toBe('Chart42 caption');
  });

  it('hides nothing behind an element that is never closed, and keeps a lone "<"', () => {
    expect(htmlToText('safe<object classid="x"> description')).toBe('safe description');
    expect(htmlToText('1 < 2 and 3 > 2')).toBe('1 < 2 and 3 > 2');
    expect(htmlToText('unterminated <!DOCTYPE')).toBe('unterminated <!DOCTYPE');
    expect(htmlToText('cut short <a href="http://exa')).toBe('cut short');
  });

  it('keeps CDATA content as text, and drops an unterminated one as a browser would', () => {
    expect(htmlToText('<p><![CDATA[x < y & z]]></p>')).toBe('x < y & z');
    expect(htmlToText('<![CDATA[<script></script>]]&gt;')).toBe(']]>');
  });

  it('folds all whitespace, unicode spaces included, to single spaces', () => {
    expect(htmlToText('  a\n\n\tb\u00a0\u00a0c\r\n <p> d </p>  ')).toBe('a b c d');
  });

  it('reads c1 control characters as the windows-1252 punctuation they were meant to be', () => {
    expect(htmlToText('don\u0092t \u0093quote\u0094')).toBe('don’t “quote”');
    expect(foldLine('don\u0092t')).toBe('don’t');
  });

  it('folds whitespace at the edges of tags, text runs and decoded entities to one space between words', () => {
    expect(htmlToText('<p>One.</p>\n\n<p>\tTwo.</p>\n')).toBe('One. Two.');
    expect(htmlToText('a<b> </b>b')).toBe('a b');
    expect(htmlToText('a <b> b</b> c')).toBe('a b c');
    expect(htmlToText('a&nbsp;<b>b</b>&#10;c')).toBe('a b c');
    expect(htmlToText('x<![CDATA[ y ]]>z')).toBe('x y z');
    expect(htmlToText('<p> </p><p>\u00a0</p>')).toBe('');
    expect(htmlToText('one<br>\u2003two')).toBe('one two');
    // whitespace and c1 characters inside a text run are folded and mended as well
    expect(htmlToText('<p>one\t\ttwo  three</p><p>don\u0092t</p>')).toBe('one two three don’t');
  });

  it('gives the same line whichever way the text is split by markup', () => {
    const words = ['Kabul', '&amp;', 'Herat', '\u0093talks\u0094', 'resume', '&#8211;', 'today.'];
    const joins = ['', ' ', '\n', '<b>', '</b> ', ' <i> ', '<p>', '</p>\n<p>', '&nbsp;', '<!-- c -->'];
    for (let seed = 1; seed <= 500; seed++) {
      let state = seed;
      let html = '';
      for (const word of words) {
        state = (state * 1103515245 + 12345) & 0x7fffffff;
        html += `${word}${joins[state % joins.length]} `;
      }
      const text = htmlToText(html);
      expect(text).toBe(foldLine(text));
      expect(text.replace(/ /g, '')).toBe('Kabul&Herat“talks”resume–today.');
    }
  });
});
