// Which Avro schema a topic carries, by its role in the topic catalog (design.md §2).
import { topicContracts } from '@driftline/schemas';
import type { TopicContract } from '@driftline/schemas';

/** The contract for a topic name: exact default name, or a name ending in `<sep><default name>` (prefixed topics). */
export function toTopicContract(topic: string, schemaName?: string): TopicContract | undefined {
  if (schemaName !== undefined) return topicContracts.find((c) => c.schema.name === schemaName);
  return topicContracts.find((c) => topic === c.defaultName || /[-._]$/.test(topic.slice(0, -c.defaultName.length)) && topic.endsWith(c.defaultName));
}
