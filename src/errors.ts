// two kinds of error (docs/architecture.md): a UserError is shown to the reader as is;
// anything else is logged with context and the reader gets a short apology.
import type { Locale } from './i18n/locale.js';
import { t, type MessageKey, type MessageValues } from './i18n/translate.js';

/**
 * A mistake the reader can fix; its message says what to do next. Made with `UserError.say`, it
 * names a catalogue message, and the reader sees it in their own language.
 */
export class UserError extends Error {
  override name = 'UserError';
  readonly key: MessageKey | undefined;
  readonly values: MessageValues | undefined;

  constructor(message: string, options?: ErrorOptions & { key?: MessageKey; values?: MessageValues }) {
    super(message, options);
    this.key = options?.key;
    this.values = options?.values;
  }

  /** what the reader sees: the catalogue message in their language, else the message as written */
  textIn(locale: Locale): string {
    return this.key ? t(locale, this.key, this.values) : this.message;
  }

  /** a UserError from the catalogues: its message is the English one */
  static say(key: MessageKey, values?: MessageValues, options?: ErrorOptions): UserError {
    return new UserError(t('en', key, values), { ...options, key, ...(values && { values }) });
  }
}

/** A feed or page that could not be read or parsed; names the source and the cause. */
export class FeedError extends Error {
  override name = 'FeedError';
}

/** A configuration value that is missing or wrong; names the variable and a good value. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** A value read back from the store that does not match its schema. */
export class StoreError extends Error {
  override name = 'StoreError';
}
