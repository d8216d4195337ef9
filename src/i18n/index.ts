// the bot's words in English, Dari and Pashto: catalogues, locales, digits and text direction.
export { FSI, PDI, hasLettersOf, isolateField, isolateRuns } from './bidi.js';
export { asciiDigits, localDigits } from './digits.js';
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
export { CATALOGUES, isMessageKey, joinList, t, type MessageKey, type MessageValues } from './translate.js';
