// messages decided in one place and written in another: a Said inside a message, a list of them,
// words from elsewhere in the reader's language, and how files and their sizes are named.
import { describe, expect, it } from 'vitest';
import { attachedFile, fileSize, said, sizeLimit, t } from '../../src/i18n/index.js';
import { UserError } from '../../src/errors.js';

describe('a message inside a message', () => {
  it('is written in the language of the message around it', () => {
    const reason = said('reason.http', { status: 404 });
    const values = { url: 'https://example.org/feed', reason };
    expect(t('en', 'address.unreadable', values)).toBe(
      'I could not read https://example.org/feed: the server answered HTTP 404. Check the address, or try again later.',
    );
    expect(t('fa-AF', 'address.unreadable', values)).toContain('سرور با HTTP ۴۰۴ پاسخ داد');
    expect(t('ps', 'address.unreadable', values)).toContain('سرور د HTTP ۴۰۴ ځواب ورکړ');
  });

  it('in a list, with the locale’s comma, beside words given for each language', () => {
    const names = { en: 'Iran', 'fa-AF': 'ایران', ps: 'ایران' } as const;
    const list = [said('file.attached'), (locale: keyof typeof names) => names[locale]];
    expect(t('en', 'topic.suggest', { words: 'x', list })).toContain('Did you mean the attached file, Iran?');
    expect(t('fa-AF', 'topic.suggest', { words: 'x', list })).toContain('فایل پیوست‌شده، ایران');
  });

  it('keeps an error’s reason for later: the English message, and the key and values to say it again', () => {
    const error = UserError.say('file.discordFailed', {
      file: attachedFile('feeds.opml'),
      reason: said('reason.timeout', { seconds: 15 }),
    });
    expect(error.message).toBe(
      'I could not download the attached file “feeds.opml” from Discord: no answer within 15 seconds. Try again.',
    );
    expect(t('ps', error.key!, error.values)).toBe(
      'نښتې دوتنه «feeds.opml» مې له Discord څخه ښکته نه کړای شوه: په ۱۵ ثانیو کې ځواب رانغی. بیا هڅه وکړئ.',
    );
  });
});

describe('files and sizes', () => {
  it('name an attached file on one short line, or not at all', () => {
    expect(attachedFile(undefined)).toEqual({ key: 'file.attached' });
    expect(attachedFile(' \u200f ')).toEqual({ key: 'file.attached' });
    expect(attachedFile('my\nfeeds\u202e.opml')).toEqual({
      key: 'file.attachedNamed',
      values: { name: 'my feeds .opml' },
    });
    const long = attachedFile('a'.repeat(300)).values?.name as string;
    expect(long).toHaveLength(80);
    expect(long.endsWith('…')).toBe(true);
  });

  it('write sizes in kilobytes below 10 MB, so a file just over a 1 MB limit never reads as the limit', () => {
    expect(t('en', fileSize(1024 * 1024 + 1).key, fileSize(1024 * 1024 + 1).values)).toBe('1,025 KB');
    expect(t('en', sizeLimit(1024 * 1024).key, sizeLimit(1024 * 1024).values)).toBe('1 MB (1,024 KB)');
    expect(t('en', fileSize(12.34 * 1024 * 1024).key, fileSize(12.34 * 1024 * 1024).values)).toBe('12.3 MB');
    expect(t('fa-AF', sizeLimit(5 * 1024 * 1024).key, sizeLimit(5 * 1024 * 1024).values)).toBe(
      '۵ مگابایت (۵٬۱۲۰ کیلوبایت)',
    );
    expect(t('en', sizeLimit(1536).key, sizeLimit(1536).values)).toBe('2 KB');
  });
});
