import { describe, expect, it } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { decideArrival, decideResolved, decideSweep, isPastGrace } from '../../src/core/join-decision.ts';
import type { JoinView, WaitingSide } from '../../src/core/join-decision.ts';

const side = (tag: string, eventTime = 1000): WaitingSide => ({ tag, eventTime, payload: `bytes ${tag}` });
const progress = { streamTime: undefined, graceMs: 60_000 };

describe('decideArrival', () => {
  it('waits when a prediction is stored and its label has not arrived', () => {
    expect(decideArrival({ side: 'prediction', tag: 'p:0:1', view: { prediction: side('p:0:1') }, progress })).toEqual({ kind: 'wait' });
  });

  it('waits and indexes a label stored before its prediction while predictions have not passed it', () => {
    const label = side('l:0:1', 10_000);

    expect(decideArrival({ side: 'label', tag: 'l:0:1', view: { label }, progress: { streamTime: 69_999, graceMs: 60_000 } })).toEqual({ kind: 'wait-label', label });
  });

  it('gives up on a label at once when the predictions are already past its time plus the grace', () => {
    const label = side('l:0:1', 10_000);

    expect(decideArrival({ side: 'label', tag: 'l:0:1', view: { label }, progress: { streamTime: 70_000, graceMs: 60_000 } })).toEqual({ kind: 'unknown', label });
  });

  it.each(['prediction', 'label'] as const)('resolves when both sides are stored, whichever (%s) arrived last', (arriving) => {
    const view: JoinView = { prediction: side('p:0:1'), label: side('l:0:2') };

    expect(decideArrival({ side: arriving, tag: arriving === 'label' ? 'l:0:2' : 'p:0:1', view, progress })).toEqual({ kind: 'resolve', prediction: side('p:0:1'), label: side('l:0:2') });
  });

  it('resolves from the stored sides when a copy arrives while both wait (a resolver crashed)', () => {
    const view: JoinView = { prediction: side('p:0:1'), label: side('l:0:2') };

    expect(decideArrival({ side: 'label', tag: 'l:0:9', view, progress })).toMatchObject({ kind: 'resolve', label: side('l:0:2') });
  });

  it.each([
    ['prediction', { prediction: side('p:0:1') }],
    ['label', { label: side('l:0:1') }],
  ] as const)('ignores a copy of a stored %s', (arriving, view) => {
    expect(decideArrival({ side: arriving, tag: 'x:0:99', view, progress })).toEqual({ kind: 'ignore', reason: 'duplicate' });
  });

  it('republishes its own unconfirmed resolution and ignores everything else resolved', () => {
    const claimed = { tag: 'l:0:2', kind: 'outcome', payload: 'o', done: false };

    expect(decideArrival({ side: 'label', tag: 'l:0:2', view: { resolution: claimed }, progress })).toEqual({ kind: 'republish', resolution: claimed });
    expect(decideArrival({ side: 'label', tag: 'l:0:3', view: { resolution: claimed }, progress })).toEqual({ kind: 'ignore', reason: 'resolved' });
    expect(decideArrival({ side: 'label', tag: 'l:0:2', view: { resolution: { ...claimed, done: true } }, progress })).toEqual({ kind: 'ignore', reason: 'resolved' });
  });
});

describe('decideSweep', () => {
  const sweepTag = 'sweep:0';

  it('gives up on a due label still waiting alone', () => {
    expect(decideSweep({ sweepTag, view: { label: side('l:0:1') } })).toEqual({ kind: 'unknown', label: side('l:0:1') });
  });

  it('resolves a due label whose prediction is stored too', () => {
    expect(decideSweep({ sweepTag, view: { prediction: side('p:0:1'), label: side('l:0:1') } })).toMatchObject({ kind: 'resolve' });
  });

  it.each([
    ['nothing is stored (erased or expired)', {}],
    ['only a prediction is stored', { prediction: side('p:0:1') }],
    ['another claimer resolved it', { resolution: { tag: 'l:0:1', kind: 'outcome', payload: 'o', done: false } }],
    ['its own resolution is done', { resolution: { tag: sweepTag, kind: 'X', payload: '', done: true } }],
  ] as const)('forgets the label when %s', (_what, view) => {
    expect(decideSweep({ sweepTag, view })).toEqual({ kind: 'forget' });
  });

  it('republishes an unconfirmed resolution of an earlier sweep', () => {
    const resolution = { tag: sweepTag, kind: 'DL_JOINER_UNKNOWN_PREDICTION', payload: 'dl', done: false };

    expect(decideSweep({ sweepTag, view: { resolution } })).toEqual({ kind: 'republish', resolution });
  });
});

describe('isPastGrace', () => {
  test.prop([fc.integer({ min: 0, max: 1e12 }), fc.integer({ min: 0, max: 1e12 }), fc.integer({ min: 0, max: 1e9 })])(
    'is true exactly when the stream time minus the grace reaches the label time',
    (label, streamTime, graceMs) => {
      expect(isPastGrace(label, { streamTime, graceMs })).toBe(streamTime - graceMs >= label);
      expect(isPastGrace(label, { streamTime: undefined, graceMs })).toBe(false);
    },
  );
});

describe('decideResolved', () => {
  test.prop([fc.string(), fc.string(), fc.boolean()])('republishes only for the claimer of an unconfirmed resolution', (claimer, tag, done) => {
    const action = decideResolved({ tag: claimer, kind: 'outcome', payload: 'o', done }, tag);

    expect(action.kind === 'republish').toBe(claimer === tag && !done);
  });
});
