import type { BrieferOptions, Config } from '../../src/index.js';

/** how the app fetches and polls, from the configuration: the same for every command that reads sources */
export function fetchOptions(
  config: Config,
): Pick<BrieferOptions, 'pollIntervalMs' | 'fetch' | 'chatSources'> {
  return {
    pollIntervalMs: config.FETCH_INTERVAL_MINUTES * 60_000,
    fetch: {
      hostConcurrency: config.FETCH_HOST_CONCURRENCY,
      ...(config.CONTACT_URL ? { contactUrl: config.CONTACT_URL } : {}),
    },
    chatSources: { allow: config.ALLOW_CHAT_SOURCES },
  };
}
