// The ports the joiner depends on. The pending-join port is defined next to its adapters in
// @driftline/redis-state (RedisPendingJoinStore, InMemoryPendingJoinStore); the core works on
// structural views of it (core/join-decision.ts).
export type { PendingJoinStore, PendingEntry, Resolution, JoinState, ClaimRequest, ClaimResult } from '@driftline/redis-state';
export type { MessagePublisher, MessageSource, TopicAdmin, AvroSerde } from '@driftline/kafka';
import type { SubjectCrypto } from '@driftline/privacy';

/** What the joiner needs of crypto-shredding: the subject of a record, and sealing what it stores. */
export type PayloadCrypto = Pick<SubjectCrypto, 'pseudonymOf' | 'sealPayloads' | 'openPayloads'>;

/** Wall clock, epoch ms (dead letters' failedAt). */
export type Clock = () => number;
