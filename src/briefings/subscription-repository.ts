import type { KeyvStore } from '../store/open-keyv.js';
import { createRecords, type OnInvalid } from './keyv-records.js';
import {
  ChatSettingsSchema,
  SubscriptionSchema,
  type ChatSettings,
  type Subscription,
} from './subscription.js';

/**
 * Subscriptions (namespace "subscriptions", key = target) and chat settings (namespace
 * "chat-settings", key = target), held in memory and written through. Every value read back is checked.
 */
export interface SubscriptionRepository {
  get(target: string): Subscription | undefined;
  all(): IterableIterator<Subscription>;
  readonly size: number;
  put(subscription: Subscription): Promise<void>;
  delete(target: string): Promise<void>;
  settings(target: string): ChatSettings | undefined;
  /** every target with settings */
  settingsTargets(): IterableIterator<string>;
  putSettings(target: string, settings: ChatSettings): Promise<void>;
  deleteSettings(target: string): Promise<void>;
}

export async function openSubscriptionRepository(
  keyv: KeyvStore,
  onInvalid: OnInvalid,
): Promise<SubscriptionRepository> {
  const subscriptionRecords = createRecords(
    keyv.namespace('subscriptions'),
    'subscriptions',
    SubscriptionSchema,
    onInvalid,
  );
  const settingRecords = createRecords(
    keyv.namespace('chat-settings'),
    'chat-settings',
    ChatSettingsSchema,
    onInvalid,
  );
  const subscriptions = await subscriptionRecords.all();
  for (const [key, subscription] of subscriptions) {
    if (subscription.target !== key) {
      onInvalid(`subscriptions:${key}`, `the subscription's target is "${subscription.target}", not its key`);
      subscriptions.delete(key);
    }
  }
  const settings = await settingRecords.all();
  return {
    get: (target) => subscriptions.get(target),
    all: () => subscriptions.values(),
    get size() {
      return subscriptions.size;
    },
    async put(subscription) {
      await subscriptionRecords.set(subscription.target, subscription);
      subscriptions.set(subscription.target, subscription);
    },
    async delete(target) {
      await subscriptionRecords.delete([target]);
      subscriptions.delete(target);
    },
    settings: (target) => settings.get(target),
    settingsTargets: () => settings.keys(),
    async putSettings(target, value) {
      await settingRecords.set(target, value);
      settings.set(target, value);
    },
    async deleteSettings(target) {
      await settingRecords.delete([target]);
      settings.delete(target);
    },
  };
}
