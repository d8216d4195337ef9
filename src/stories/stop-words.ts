// function words and reporting verbs that say nothing about which event a report is about.
// written plainly, folded once with foldText so they compare with folded text.
import { foldText, words } from '../text/fold.js';

const ENGLISH = `a about above after again against all also am an and any are as at be because been before being
below between both but by can could did do does doing down during each few for from further had has have having
he her here hers us herself him himself his how i if in into is it its itself just me more most my myself no nor not
now of off on once only or other our ours ourselves out over own same she should so some such than that the their
theirs them themselves then there these they this those through to too under until up upon very was we were what
when where which while who whom why will with would you your yours yourself yourselves via amid among per
said says say saying told tells according reported reports added adding stated announced
news today yesterday week month year years day days`;

// dari / persian: particles, prepositions, pronouns, light verbs and reporting verbs
const PERSIAN = `و در به از که را با این آن است بود بودند اند برای تا بر یا اما نیز هم همچنین می نمی شد شده شود شوند
شدند شدن کرد کرده کند کنند کردند کردن کرده‌اند شده‌اند شده‌است کرده‌است خواهد خواهند باید دیگر پس پیش هر همه چه چون اگر ولی
بین درباره روی زیر یک یکی خود او ما آنها ایشان وی شان ای هایی دارد دارند داشت گفت گفته گفتند می‌گوید می‌گویند
افزود اعلام گزارش روز امروز دیروز سال هفته ماه ها های ی`;

// pashto: particles, postpositions, pronouns, auxiliaries and reporting verbs
const PASHTO = `د په کې او چې له ته تر پر څخه سره دا هغه دی ده دي و وو وه شو شوه شوې شوي شول کړ کړه کړې کړي کړل یې هم خو نو
به یو یوه نه ورته لپاره باندې پورې دې دغه دغو وايي وایي وویل ویلي ویل ویلې وي دا چې نور نورو پکې ترې ورځ نن پرون کال`;

function foldedSet(list: string): ReadonlySet<string> {
  return new Set(words(foldText(list)));
}

const STOP_WORDS: Record<string, ReadonlySet<string>> = {
  en: foldedSet(ENGLISH),
  fa: foldedSet(PERSIAN),
  ps: foldedSet(PASHTO),
};

const EMPTY: ReadonlySet<string> = new Set();

/** Stop words of a language (its primary subtag: "en", "fa", "ps"); an empty set for others. */
export function stopWordsOf(language: string): ReadonlySet<string> {
  return STOP_WORDS[language] ?? EMPTY;
}
