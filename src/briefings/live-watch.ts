const EVERY_TOPIC = '*';

/**
 * Live subscriptions waiting for their next story, by topic, so a new article wakes only the chats
 * that follow one of its topics (or every topic) instead of a scan of them all.
 */
export class LiveWatch {
  private readonly byTopic = new Map<string, Set<string>>();
  private readonly topicsOf = new Map<string, readonly string[]>();

  get size(): number {
    return this.topicsOf.size;
  }

  has(target: string): boolean {
    return this.topicsOf.has(target);
  }

  /** `topics` empty: every topic */
  watch(target: string, topics: readonly string[]): void {
    this.unwatch(target);
    const keys = topics.length === 0 ? [EVERY_TOPIC] : [...new Set(topics)];
    this.topicsOf.set(target, keys);
    for (const key of keys) {
      let set = this.byTopic.get(key);
      if (!set) this.byTopic.set(key, (set = new Set()));
      set.add(target);
    }
  }

  unwatch(target: string): void {
    const keys = this.topicsOf.get(target);
    if (!keys) return;
    this.topicsOf.delete(target);
    for (const key of keys) {
      const set = this.byTopic.get(key);
      set?.delete(target);
      if (set?.size === 0) this.byTopic.delete(key);
    }
  }

  /** offers each waiting chat that follows any of these topics to `wake`; those it takes stop waiting */
  wake(topics: readonly string[], wake: (target: string) => boolean): void {
    for (const key of [EVERY_TOPIC, ...topics]) {
      const set = this.byTopic.get(key);
      if (!set) continue;
      // deleting from a Set while iterating it is safe: the rest are still visited once
      for (const target of set) if (wake(target)) this.unwatch(target);
    }
  }
}
