// Where a record lies (structurally the IndexedLocation of @driftline/redis-state).
export interface IndexedLocation {
  readonly partition: number;
  readonly offset: string;
  readonly eventTime: number;
}
