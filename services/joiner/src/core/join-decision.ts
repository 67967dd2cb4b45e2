// What to do with a request id given what the pending store holds for it (pure; no I/O, no clock).
// Each request id is resolved once: by an Outcome, or by dead-lettering its label. The first
// prediction and the first label stored win; later copies are duplicates.

/** One waiting side as the store returns it (structurally the store's PendingEntry). */
export interface WaitingSide {
  readonly tag: string;
  readonly eventTime: number;
  readonly payload: string;
}

/** A claimed resolution (structurally the store's Resolution). */
export interface ClaimedResolution {
  readonly tag: string;
  readonly kind: string;
  readonly payload: string;
  readonly done: boolean;
}

export interface JoinView {
  readonly resolution?: ClaimedResolution;
  readonly prediction?: WaitingSide;
  readonly label?: WaitingSide;
}

export type JoinAction =
  /** Stored; the other side has not arrived. */
  | { readonly kind: 'wait' }
  /** A label stored without its prediction: index it so the sweep can give up on it. */
  | { readonly kind: 'wait-label'; readonly label: WaitingSide }
  /** Both sides are there: join them (Outcome or dead letter) and claim the result. */
  | { readonly kind: 'resolve'; readonly prediction: WaitingSide; readonly label: WaitingSide }
  /** The label's prediction can no longer arrive: dead-letter it as unknown. */
  | { readonly kind: 'unknown'; readonly label: WaitingSide }
  /** This tag claimed a resolution that was not published (a crash in between): publish it again. */
  | { readonly kind: 'republish'; readonly resolution: ClaimedResolution }
  /** Nothing to do: a copy of a side already stored, or the request id is already resolved. */
  | { readonly kind: 'ignore'; readonly reason: 'duplicate' | 'resolved' }
  /** Sweep only: nothing is waiting any more (resolved elsewhere, erased, or expired). */
  | { readonly kind: 'forget' };

export interface EventTimeProgress {
  /** Highest prediction event time seen in the partition (undefined: none yet). */
  readonly streamTime: number | undefined;
  /** How far behind the stream time a prediction may still arrive, ms. */
  readonly graceMs: number;
}

/** True once no prediction for a label of this event time can arrive any more (predictions precede their labels). */
export function isPastGrace(labelEventTime: number, progress: EventTimeProgress): boolean {
  return progress.streamTime !== undefined && progress.streamTime - progress.graceMs >= labelEventTime;
}

/** A record of `side` with `tag` was just joined and the store answered `view`. */
export function decideArrival(input: { readonly side: 'prediction' | 'label'; readonly tag: string; readonly view: JoinView; readonly progress: EventTimeProgress }): JoinAction {
  const { side, tag, view } = input;
  if (view.resolution !== undefined) return decideResolved(view.resolution, tag);
  if (view.prediction !== undefined && view.label !== undefined) return { kind: 'resolve', prediction: view.prediction, label: view.label };
  const mine = side === 'prediction' ? view.prediction : view.label;
  if (mine?.tag !== tag) return { kind: 'ignore', reason: 'duplicate' };
  if (side === 'prediction') return { kind: 'wait' };
  return isPastGrace(mine.eventTime, input.progress) ? { kind: 'unknown', label: mine } : { kind: 'wait-label', label: mine };
}

/** A label indexed as waiting became due (its event time is past the grace); the store answered `view`. */
export function decideSweep(input: { readonly sweepTag: string; readonly view: JoinView }): JoinAction {
  const { view } = input;
  if (view.resolution !== undefined) {
    const action = decideResolved(view.resolution, input.sweepTag);
    return action.kind === 'republish' ? action : { kind: 'forget' };
  }
  if (view.label === undefined) return { kind: 'forget' };
  if (view.prediction !== undefined) return { kind: 'resolve', prediction: view.prediction, label: view.label };
  return { kind: 'unknown', label: view.label };
}

/** The request id is resolved: only its claimer republishes it, and only while it is not confirmed done. */
export function decideResolved(resolution: ClaimedResolution, tag: string): JoinAction {
  return resolution.tag === tag && !resolution.done ? { kind: 'republish', resolution } : { kind: 'ignore', reason: 'resolved' };
}
