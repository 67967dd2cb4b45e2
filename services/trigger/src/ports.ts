// The ports the trigger depends on; their adapters live in libs (@driftline/kafka, @driftline/redis-state).
export type { AvroSerde, MessagePublisher, MessageSource, MonitorTable, TopicAdmin } from '@driftline/kafka';
export type { DocumentStore, StateStore } from '@driftline/redis-state';

/** Wall clock, epoch ms. */
export type Clock = () => number;
