import { describe, expect, it } from 'vitest';
import { isFurnitureLine } from '../../src/pages/furniture.js';

describe('isFurnitureLine', () => {
  it('knows the furniture of news themes', () => {
    for (const line of [
      'Continue Reading',
      'Read more',
      'Trending',
      'Published',
      'Published on',
      'Published on September 24, 2025',
      '| UPDATED: 10:43, Tue, Nov 19, 2019',
      'Updated Nov 19, 9:41 AM;Posted Nov 18, 8:19 PM',
      'November 19, 2019 at 9:45 am',
      'Copyright © 2025 Ariana News. All rights reserved!',
      '© 2019 Associated Press.',
      'Share',
      'Facebook Twitter WhatsApp',
      'Advertisement',
      'Related: The 15 Weirdest Galaxies in Our Universe',
      'You may also like',
      '(Image: GETTY)',
      'The plague wiped out half of Europe in the 14th century (Image: GETTY)',
      'Get the latest updates right in your inbox. Subscribe to our newsletters.',
      'Follow Newsbeat on Instagram, Facebook, Twitter and YouTube.',
      'Tags: Afghanistan, Iran',
      'https://www.example.com/story',
      'Connect with us',
      'ادامه مطلب',
      'پربیننده‌ترین',
      'اشتراک گذاری',
      'تمام حقوق این وبسایت محفوظ است © ۲۰۲۵ آریانا نیوز',
      'جميع الحقوق محفوظة',
      'اقرأ المزيد',
    ])
      expect(isFurnitureLine(line), line).toBe(true);
  });

  it('leaves article sentences alone, including ones that mention the same words', () => {
    for (const line of [
      'Trump’s comments about possibly regaining access to the base have triggered sharp reactions from regional powers.',
      'Published on Monday, the report says the economy grew by three percent last year.',
      'The ministry said it would continue reading the proposals before deciding.',
      'Russia, China, and Iran have all publicly warned that the return of any American military installations could undermine regional security.',
      'A 2019 report found that most districts lacked clinics.',
      'Follow-up talks are planned for next month.',
      'Share prices in Kabul rose sharply on Monday after the announcement.',
      'وزارت صحت عامه اعلام کرد که دور جدید کمپاین واکسین پولیو آغاز می‌شود.',
      'He was born in May 1990.',
    ])
      expect(isFurnitureLine(line), line).toBe(false);
  });
});
