import { describe, expect, it } from 'vitest';
import { isClosedSentence, splitSentences } from '../../src/articles/sentences.js';

describe('splitSentences on english', () => {
  it('splits at periods, question and exclamation marks followed by a new sentence', () => {
    expect(splitSentences('Prices rose. Why? Nobody knows! The end.')).toEqual([
      'Prices rose.',
      'Why?',
      'Nobody knows!',
      'The end.',
    ]);
  });

  it('does not split after titles, before a name or a number', () => {
    expect(
      splitSentences(
        'Dr. Ahmad met Gen. Miller and Mr. Smith on Jan. 5 at No. 10 Downing Street. They talked.',
      ),
    ).toEqual([
      'Dr. Ahmad met Gen. Miller and Mr. Smith on Jan. 5 at No. 10 Downing Street.',
      'They talked.',
    ]);
  });

  it('reads "U.S." and "U.N." before a name as part of the sentence, before "He" or "The" as its end', () => {
    expect(
      splitSentences(
        'U.S. President Donald Trump spoke to the U.N. Security Council. The land would not go to the U.S. He added that it would be resisted.',
      ),
    ).toEqual([
      'U.S. President Donald Trump spoke to the U.N. Security Council.',
      'The land would not go to the U.S.',
      'He added that it would be resisted.',
    ]);
  });

  it('keeps initials, decimals and dotted words inside the sentence', () => {
    expect(
      splitSentences(
        'D. Trump and J.K. Rowling spent 3.5 hours at the U.S.-run base, ariananews.af said. It was long.',
      ),
    ).toEqual([
      'D. Trump and J.K. Rowling spent 3.5 hours at the U.S.-run base, ariananews.af said.',
      'It was long.',
    ]);
  });

  it('ends a sentence after "etc.", "Inc." or "a.m." only when a new one starts', () => {
    expect(
      splitSentences(
        'Apple Inc. said so at 9 a.m. Kabul time. Tea, rice, etc. The prices rose at 9 a.m. Then fell.',
      ),
    ).toEqual([
      'Apple Inc. said so at 9 a.m. Kabul time.',
      'Tea, rice, etc.',
      'The prices rose at 9 a.m.',
      'Then fell.',
    ]);
  });

  it('keeps closing quotes and brackets with the sentence they close', () => {
    expect(
      splitSentences(
        'He warned of “serious resistance.” “We will fight,” he said. She asked: “Why?” (The talks ended.) "Go." They left.',
      ),
    ).toEqual([
      'He warned of “serious resistance.”',
      '“We will fight,” he said.',
      'She asked: “Why?”',
      '(The talks ended.)',
      '"Go."',
      'They left.',
    ]);
  });

  it('splits at an ellipsis before a new sentence, not before a lower-case word', () => {
    expect(splitSentences('He waited... and waited… Nothing came... The end.')).toEqual([
      'He waited... and waited…',
      'Nothing came...',
      'The end.',
    ]);
    expect(splitSentences('…and so it went. Then it stopped.')).toEqual([
      '…and so it went.',
      'Then it stopped.',
    ]);
  });

  it('ends a sentence at a blank line, not at a single line break', () => {
    expect(splitSentences('Latest News\n\nPrices rose\non Monday. Then fell.')).toEqual([
      'Latest News',
      'Prices rose\non Monday.',
      'Then fell.',
    ]);
  });

  it('stops after `limit` sentences', () => {
    expect(splitSentences('One. Two. Three. Four.', 2)).toEqual(['One.', 'Two.']);
  });

  it('gives nothing for empty or blank text, and a text without a mark whole', () => {
    expect(splitSentences('')).toEqual([]);
    expect(splitSentences(' \n\n \t')).toEqual([]);
    expect(splitSentences('no sentence mark at all')).toEqual(['no sentence mark at all']);
  });
});

describe('splitSentences on dari and pashto', () => {
  it('splits a dari paragraph at "." and "؟", never at "،" or "؛", with «guillemets» kept', () => {
    const dari =
      'وزارت صحت عامه روز دوشنبه اعلام کرد که کمپاین واکسین پولیو در ۱۶ ولایت کشور آغاز شده است. ' +
      'به گفته این وزارت، بیش از ۶ میلیون کودک زیر پنج سال در این کمپاین واکسین می‌شوند؛ این کمپاین چهار روز ادامه دارد. ' +
      'سخنگوی این وزارت گفت: «از همه والدین می‌خواهیم با تیم‌های واکسیناسیون همکاری کنند.» ' +
      'آیا این کمپاین به مناطق دوردست هم می‌رسد؟ مسئولان می‌گویند که تیم‌ها به همه ولسوالی‌ها فرستاده شده‌اند.';
    expect(splitSentences(dari)).toEqual([
      'وزارت صحت عامه روز دوشنبه اعلام کرد که کمپاین واکسین پولیو در ۱۶ ولایت کشور آغاز شده است.',
      'به گفته این وزارت، بیش از ۶ میلیون کودک زیر پنج سال در این کمپاین واکسین می‌شوند؛ این کمپاین چهار روز ادامه دارد.',
      'سخنگوی این وزارت گفت: «از همه والدین می‌خواهیم با تیم‌های واکسیناسیون همکاری کنند.»',
      'آیا این کمپاین به مناطق دوردست هم می‌رسد؟',
      'مسئولان می‌گویند که تیم‌ها به همه ولسوالی‌ها فرستاده شده‌اند.',
    ]);
  });

  it('splits a pashto paragraph at "." "۔" and "؟", keeping the decimal "۳.۵" whole', () => {
    const pashto =
      'د کابل ښاروالۍ ویلي چې د ښار د سړکونو د بیا جوړولو کار به په راتلونکې اونۍ کې پیل شي. ' +
      'ښاروالۍ زیاته کړې، چې دا پروژه به شاوخوا ۳.۵ میلیارده افغانۍ لګښت ولري؛ کار به دوه کاله دوام وکړي۔ ' +
      'ایا اوسېدونکي له دې پروژې راضي دي؟ ' +
      'یوه اوسېدونکي وویل: «موږ له ډېرې مودې راهیسې همدې ورځې ته سترګې په لار وو.»';
    expect(splitSentences(pashto)).toEqual([
      'د کابل ښاروالۍ ویلي چې د ښار د سړکونو د بیا جوړولو کار به په راتلونکې اونۍ کې پیل شي.',
      'ښاروالۍ زیاته کړې، چې دا پروژه به شاوخوا ۳.۵ میلیارده افغانۍ لګښت ولري؛ کار به دوه کاله دوام وکړي۔',
      'ایا اوسېدونکي له دې پروژې راضي دي؟',
      'یوه اوسېدونکي وویل: «موږ له ډېرې مودې راهیسې همدې ورځې ته سترګې په لار وو.»',
    ]);
  });

  it('splits where a period or "؟" is followed by the next word without a space', () => {
    expect(splitSentences('مکاتب باز شدند.شاگردان خوشحال هستند؟بلی')).toEqual([
      'مکاتب باز شدند.',
      'شاگردان خوشحال هستند؟',
      'بلی',
    ]);
  });

  it('does not split after a solar hijri date abbreviation ("ه.ش.") or a right-to-left mark', () => {
    expect(splitSentences('در سال ۱۴۰۲ ه.ش. مکاتب دخترانه بسته ماند. این تصمیم انتقاد شد.')).toEqual([
      'در سال ۱۴۰۲ ه.ش. مکاتب دخترانه بسته ماند.',
      'این تصمیم انتقاد شد.',
    ]);
    expect(splitSentences('جلسه پایان یافت.\u200f بعد از آن خبرنگاران پرسیدند.')).toEqual([
      'جلسه پایان یافت.\u200f',
      'بعد از آن خبرنگاران پرسیدند.',
    ]);
  });

  it('splits cjk text at its full stops without spaces', () => {
    expect(splitSentences('今天下雨。明天晴天！')).toEqual(['今天下雨。', '明天晴天！']);
  });
});

describe('isClosedSentence', () => {
  it('is true for a sentence ending in a mark, maybe inside quotes, and false otherwise', () => {
    expect(isClosedSentence('Prices rose.')).toBe(true);
    expect(isClosedSentence('He warned of “serious resistance.”')).toBe(true);
    expect(isClosedSentence('آیا این درست است؟')).toBe(true);
    expect(isClosedSentence('کار به دوه کاله دوام وکړي۔')).toBe(true);
    expect(isClosedSentence('Latest News')).toBe(false);
    expect(isClosedSentence('به گفته این وزارت،')).toBe(false);
  });
});
