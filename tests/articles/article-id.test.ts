import { describe, expect, it } from 'vitest';
import { articleId } from '../../src/articles/article-id.js';

const base = { sourceId: 'ariana-news', title: 'Title', publishedAt: 1_700_000_000_000, text: 'Text.' };

describe('articleId', () => {
  it('is stable and prefixed by the source', () => {
    const id = articleId({ ...base, guid: 'post-1' });
    expect(id).toBe(articleId({ ...base, guid: 'post-1' }));
    expect(id).toMatch(/^ariana-news:[A-Za-z0-9_-]{16}$/);
  });

  it('never collides across sources for the same guid', () => {
    expect(articleId({ ...base, guid: 'post-1' })).not.toBe(
      articleId({ ...base, sourceId: 'tolo-news', guid: 'post-1' }),
    );
  });

  it('comes from the guid first, whatever else changes', () => {
    const id = articleId({ ...base, guid: 'post-1', url: 'https://a.example/1' });
    expect(articleId({ ...base, guid: 'post-1', url: 'https://a.example/other', title: 'Edited' })).toBe(id);
    expect(articleId({ ...base, guid: ' post-1 ' })).toBe(articleId({ ...base, guid: 'post-1' }));
  });

  it('comes from the url when there is no guid', () => {
    const id = articleId({ ...base, url: 'https://a.example/1' });
    expect(articleId({ ...base, url: 'https://a.example/1', title: 'Edited', text: 'New text.' })).toBe(id);
    expect(articleId({ ...base, url: 'https://a.example/2' })).not.toBe(id);
    expect(articleId({ ...base, guid: '', url: 'https://a.example/1' })).toBe(id);
  });

  it('comes from source, title, time and text when there is neither', () => {
    const id = articleId(base);
    expect(articleId({ ...base })).toBe(id);
    expect(articleId({ ...base, title: 'Other' })).not.toBe(id);
    expect(articleId({ ...base, publishedAt: null })).not.toBe(id);
    expect(articleId({ ...base, text: 'Other.' })).not.toBe(id);
  });
});
