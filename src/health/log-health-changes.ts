// the operator hears of each operator source once when it starts failing, once if it is disabled
// and once when it recovers: never at every poll. chats' own sources are told to their chats
// (through the same listener hook) and stay at debug level here.
import type { Logger } from '../logger.js';
import type { HealthListener } from './health-board.js';

export function logHealthChanges(
  logger: Logger,
  isOperatorSource: (sourceId: string) => boolean,
): HealthListener {
  return (sourceId, from, to, detail) => {
    const context = {
      source: sourceId,
      error: detail.error,
      nextCheck: new Date(detail.nextCheckAt).toISOString(),
    };
    if (!isOperatorSource(sourceId)) {
      logger.debug('chat source changed state', { ...context, from, to });
      return;
    }
    if (to === 'failing') logger.warn('source is failing', context);
    else if (to === 'disabled')
      logger.warn('source disabled after a day of failures; trying it once a day', context);
    else logger.info('source recovered', { source: sourceId, was: from });
  };
}
