import { isKafkaError } from '@driftline/kafka';

/** The KafkaError code a promise rejects with; undefined when it resolves. */
export async function codeOf(promise: Promise<unknown>): Promise<string | undefined> {
  try {
    await promise;
  } catch (error) {
    return isKafkaError(error) ? error.code : `not a KafkaError: ${String(error)}`;
  }
  return undefined;
}
