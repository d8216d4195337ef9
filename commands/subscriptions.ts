import { z } from 'zod';
import { formatAbsolute, type BriefingStatus } from '../src/index.js';
import type { Command, Services } from './command.js';

const NoArgs = z.object({});

/** one paragraph on what a chat gets and when, shared by /subscribe and /subscriptions */
export function describeSubscription(status: BriefingStatus, services: Services): string {
  const { subscription: s } = status;
  const topicNames = s.topics.map((id) => services.topics.find(id)?.names.en ?? id);
  const about = topicNames.length > 0 ? `on ${topicNames.join(', ')}` : 'on every topic';
  const languages = s.languages.length > 0 ? `, in ${s.languages.join(', ')}` : '';
  const what =
    s.mode === 'live'
      ? `New stories ${about}${languages} as they arrive, at most one message every ${services.briefings.liveBatchMinutes} minutes.`
      : `A daily briefing at ${s.time} (${s.timeZone}) ${about}${languages}${s.quiet ? ', silent when nothing is new' : ''}.`;
  const lines = [what];
  if (s.paused) {
    lines.push(
      `Paused since ${formatAbsolute(s.paused.at, s.timeZone)}: I could not reach this chat (${s.paused.reason}).`,
    );
  } else if (status.nextDueAt !== undefined && s.mode === 'daily') {
    lines.push(`Next: ${formatAbsolute(status.nextDueAt, s.timeZone)}.`);
  }
  lines.push(
    status.lastSentAt !== undefined
      ? `Last sent: ${formatAbsolute(status.lastSentAt, s.timeZone)}.`
      : 'Nothing sent yet.',
  );
  return lines.join('\n');
}

export const subscriptions = {
  name: 'subscriptions',
  description: 'What this chat gets, when, and when it was last sent',
  usage: '/subscriptions',
  examples: ['/subscriptions'],
  options: [],
  fromText: () => ({}),
  args: NoArgs,
  async run(_args, context, services) {
    const status = services.briefings.status(context.chat);
    if (!status) {
      return {
        text: 'This chat has no briefings. Start them with /subscribe, e.g. /subscribe afghanistan iran at 07:30',
      };
    }
    return {
      text: `${describeSubscription(status, services)}\nChange it with /subscribe, stop it with /unsubscribe.`,
    };
  },
} satisfies Command<z.output<typeof NoArgs>>;
