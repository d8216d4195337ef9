// the bot's words in English, Dari and Pashto: catalogues, locales, digits and text direction.
export { FSI, PDI, hasLettersOf, isolateField, isolateRuns } from './bidi.js';
export { asciiDigits, localDigits } from './digits.js';
export { attachedFile, fileSize, sizeLimit } from './file-words.js';
export {
  CALENDARS,
  CalendarSchema,
  DEFAULT_LOCALE,
  directionOf,
  findCalendar,
  findLocale,
  findNewsLanguage,
  localeFromLanguageCode,
  LOCALES,
  LocaleSchema,
  nameIn,
  primaryTag,
  type Calendar,
  type Direction,
  type Locale,
} from './locale.js';
export {
  CATALOGUES,
  isMessageKey,
  isSaid,
  joinList,
  said,
  t,
  type InLocale,
  type MessageKey,
  type MessageValue,
  type MessageValues,
  type Said,
} from './translate.js';
