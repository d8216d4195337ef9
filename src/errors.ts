// two kinds of error (docs/architecture.md): a UserError is shown to the reader as is;
// anything else is logged with context and the reader gets a short apology.

/** A mistake the reader can fix; its message says what to do next. */
export class UserError extends Error {
  override name = 'UserError';
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
