// Consumer lag per service group, sampled from the broker: end offsets minus committed offsets,
// summed over the topics the group reads, and how many records it committed per second.
import type { TopicAdmin } from '@driftline/kafka';

export interface ConsumerGroup {
  /** Shown name, e.g. "aggregator". */
  readonly label: string;
  readonly groupId: string;
  readonly topics: readonly string[];
}

export interface GroupLag {
  readonly label: string;
  readonly lag: number;
  /** Records committed per second since the previous sample. */
  readonly perSecond: number;
}

export interface LagSample {
  readonly atMs: number;
  readonly groups: readonly GroupLag[];
  /** Records appended per second to each topic since the previous sample. */
  readonly topicRates: ReadonlyMap<string, number>;
}

export interface LagMonitor {
  /** Takes one sample (errors leave the previous sample in place). */
  sample(): Promise<LagSample | undefined>;
  latest(): LagSample | undefined;
}

const sum = (offsets: ReadonlyMap<number, string>): number => [...offsets.values()].reduce((s, o) => s + Math.max(0, Number(o)), 0);

export function createLagMonitor(options: { readonly admin: Pick<TopicAdmin, 'endOffsets' | 'committedOffsets'>; readonly groups: readonly ConsumerGroup[]; readonly now: () => number }): LagMonitor {
  let latest: LagSample | undefined;
  let previous: { atMs: number; committed: Map<string, number>; ends: Map<string, number> } | undefined;

  return {
    latest: () => latest,
    async sample() {
      const atMs = options.now();
      const topics = [...new Set(options.groups.flatMap((g) => g.topics))];
      try {
        const endOffsets = new Map(await Promise.all(topics.map(async (t) => [t, await options.admin.endOffsets(t)] as const)));
        const committed = new Map<string, number>();
        const groups: GroupLag[] = [];
        for (const g of options.groups) {
          let lag = 0;
          let done = 0;
          for (const t of g.topics) {
            const ends = endOffsets.get(t) ?? new Map<number, string>();
            const commits = await options.admin.committedOffsets(g.groupId, t);
            for (const [p, end] of ends) {
              const c = Number(commits.get(p) ?? '-1');
              const at = c < 0 ? 0 : c;
              lag += Math.max(0, Number(end) - at);
              done += at;
            }
          }
          committed.set(g.groupId, done);
          const seconds = previous === undefined ? 0 : (atMs - previous.atMs) / 1000;
          const before = previous?.committed.get(g.groupId);
          groups.push({ label: g.label, lag, perSecond: seconds > 0 && before !== undefined ? Math.max(0, done - before) / seconds : 0 });
        }
        const ends = new Map([...endOffsets].map(([t, o]) => [t, sum(o)]));
        const seconds = previous === undefined ? 0 : (atMs - previous.atMs) / 1000;
        const topicRates = new Map([...ends].map(([t, n]) => [t, seconds > 0 ? Math.max(0, n - (previous?.ends.get(t) ?? n)) / seconds : 0]));
        previous = { atMs, committed, ends };
        latest = { atMs, groups, topicRates };
      } catch {
        // The broker was briefly unreachable: keep showing the previous sample.
      }
      return latest;
    },
  };
}
