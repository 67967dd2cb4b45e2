export { HashOpKind } from './state-store.ts';
export type { StateStore, WatermarkedUpdate, HashIncrement } from './state-store.ts';
export { InMemoryStateStore } from './in-memory-state-store.ts';
export { RedisStateStore } from './redis-state-store.ts';
export type { RedisStateStoreOptions } from './redis-state-store.ts';
