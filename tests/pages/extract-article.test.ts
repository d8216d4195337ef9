import { describe, expect, it } from 'vitest';
import { extractArticle } from '../../src/pages/extract-article.js';
import { fixture, seedArticles } from './seed-pages.js';

const DEBRIS =
  /continue reading|trending|copyright|all rights reserved|advertisement|published|you may like|related topics|comments are closed|connect with us|whatsapp|\btweet\b|\bshare\b|latest news|file photo|ariana news/i;

describe('extractArticle on the four seed article pages', () => {
  for (const article of seedArticles()) {
    describe(article.title, () => {
      const page = extractArticle(fixture(article.file), article.url);

      it('gives the seed body as text, paragraph for paragraph', () => {
        expect(page.text).toBe(article.body.join('\n\n'));
      });

      it('leaves no furniture in the text', () => {
        expect(page.text).not.toMatch(DEBRIS);
      });

      it('gives the title, the time, the language and the canonical url', () => {
        expect(page.title).toBe(article.title);
        expect(page.publishedAt).toBe(article.publishedAt);
        expect(page.language).toBe('en-US');
        expect(page.url).toBe(article.url);
        expect(page.byline).toBe('Ariana News');
      });

      it('gives the standfirst as lede (or the description, which is the first paragraph)', () => {
        expect(page.lede).toBe(article.lede ?? article.body[0]);
      });
    });
  }
});

describe('extractArticle reads the published time', () => {
  const shell = (head: string, body = '') =>
    `<html><head>${head}</head><body><article><h1>A headline</h1>${body}<p>${'Text of the story. '.repeat(40)}</p></article></body></html>`;

  it('from article:published_time first', () => {
    const html = shell(
      '<meta property="article:published_time" content="2025-09-24T09:42:00Z"><script type="application/ld+json">{"@type":"NewsArticle","datePublished":"2020-01-01T00:00:00Z"}</script>',
    );
    expect(extractArticle(html, 'https://a.example/s').publishedAt).toBe(Date.UTC(2025, 8, 24, 9, 42));
  });

  it('from json-ld datePublished, inside a @graph too', () => {
    const html = shell(
      '<script type="application/ld+json">{"@context":"https://schema.org","@graph":[{"@type":"WebPage"},{"@type":"NewsArticle","datePublished":"2025-09-22T13:10:00+00:00"}]}</script>',
    );
    expect(extractArticle(html, 'https://a.example/s').publishedAt).toBe(Date.UTC(2025, 8, 22, 13, 10));
  });

  it('from a <time datetime> in the article', () => {
    const html = shell(
      '',
      '<p class="meta">Published on <time datetime="2025-09-21T11:05:00+04:30">Sunday</time></p>',
    );
    expect(extractArticle(html, 'https://a.example/s').publishedAt).toBe(Date.UTC(2025, 8, 21, 6, 35));
  });

  it('as null when the page gives none, or gives nonsense', () => {
    expect(extractArticle(shell(''), 'https://a.example/s').publishedAt).toBeNull();
    const broken = shell(
      '<meta property="article:published_time" content="yesterday"><script type="application/ld+json">{not json</script>',
    );
    expect(extractArticle(broken, 'https://a.example/s').publishedAt).toBeNull();
  });
});

describe('extractArticle on a Dari (right-to-left) page', () => {
  const page = extractArticle(fixture('dari-polio-article.html'), 'https://www.ariananews.af/fa/polio/');

  it('gives the Dari title, body and language', () => {
    expect(page.title).toBe('آغاز کمپاین واکسین پولیو در سراسر افغانستان');
    expect(page.language).toBe('fa-AF');
    const paragraphs = page.text.split('\n\n');
    expect(paragraphs).toHaveLength(4);
    expect(paragraphs[0]).toMatch(/^وزارت صحت عامه امارت اسلامی افغانستان/);
    expect(paragraphs[3]).toMatch(/ریشه‌کن نشده است\.$/);
  });

  it('leaves out the Dari furniture: "read more", share, most viewed, copyright, category label', () => {
    for (const debris of ['ادامه مطلب', 'اشتراک گذاری', 'پربیننده‌ترین', 'حقوق', 'نشر شده', 'صفحه اصلی'])
      expect(page.text).not.toContain(debris);
    expect(page.text.startsWith('افغانستان\n')).toBe(false);
  });

  it('reads the time from json-ld and the canonical url', () => {
    expect(page.publishedAt).toBe(Date.parse('2025-09-28T08:15:00+04:30'));
    expect(page.url).toBe('https://www.ariananews.af/fa/polio-vaccination-campaign-begins/');
  });
});

describe('extractArticle on pages that are not articles', () => {
  it('gives empty text, not an exception, for an empty or text-less page', () => {
    expect(extractArticle('', 'https://a.example/').text).toBe('');
    expect(
      extractArticle('<html><body><nav><a href="/">Home</a></nav></body></html>', 'https://a.example/').text,
    ).toBe('');
  });

  it('keeps quotes whose wrapper is named like furniture ("social-embed")', () => {
    const html = `<html><body><article><h1>Minister speaks</h1>
      <p>${'The minister spoke to reporters in Kabul on Monday about the new budget. '.repeat(6)}</p>
      <div class="social-embed"><blockquote><p>We will build schools in every district this year.</p></blockquote></div>
      <p>${'Officials said the plan would be presented to the cabinet next week. '.repeat(6)}</p>
      <div class="share-bar"><a href="https://facebook.com/sharer">Facebook</a> <a href="https://twitter.com/share">Twitter</a></div>
      </article></body></html>`;
    const page = extractArticle(html, 'https://a.example/minister');
    expect(page.text).toContain('We will build schools in every district this year.');
    expect(page.text).not.toMatch(/facebook|twitter/i);
  });
});
