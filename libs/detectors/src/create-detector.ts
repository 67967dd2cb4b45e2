import { Adwin } from './adwin/adwin.ts';
import type { AdwinParams } from './adwin/adwin-params.ts';
import { Ddm } from './binary/ddm.ts';
import type { DdmParams } from './binary/ddm.ts';
import { Eddm } from './binary/eddm.ts';
import type { EddmParams } from './binary/eddm.ts';
import { HddmA } from './binary/hddm-a.ts';
import type { HddmAParams } from './binary/hddm-a.ts';
import { HddmW } from './binary/hddm-w.ts';
import type { HddmWParams } from './binary/hddm-w.ts';
import type { DetectorKind, DriftDetector } from './core/detector.ts';
import { DETECTOR_KINDS } from './core/detector.ts';
import { Cusum } from './cusum/cusum.ts';
import type { CusumParams } from './cusum/cusum.ts';
import { DetectorError } from './errors.ts';
import { Kswin } from './kswin/kswin.ts';
import type { KswinOptions } from './kswin/kswin.ts';
import { PageHinkley } from './page-hinkley/page-hinkley.ts';
import type { PageHinkleyParams } from './page-hinkley/page-hinkley.ts';

/** A detector as a monitor spec names it. Omitted params take River 0.26.1's defaults. */
export type DetectorSpec =
  | { readonly kind: 'adwin'; readonly params?: Partial<AdwinParams> }
  | { readonly kind: 'page-hinkley'; readonly params?: Partial<PageHinkleyParams> }
  | { readonly kind: 'kswin'; readonly params?: KswinOptions }
  | { readonly kind: 'ddm'; readonly params?: Partial<DdmParams> }
  | { readonly kind: 'eddm'; readonly params?: Partial<EddmParams> }
  | { readonly kind: 'hddm-a'; readonly params?: Partial<HddmAParams> }
  | { readonly kind: 'hddm-w'; readonly params?: Partial<HddmWParams> }
  | { readonly kind: 'cusum'; readonly params?: Partial<CusumParams> };

const factories: Record<DetectorKind, (params: unknown) => DriftDetector> = {
  'adwin': (p) => new Adwin(p as Partial<AdwinParams>),
  'page-hinkley': (p) => new PageHinkley(p as Partial<PageHinkleyParams>),
  'kswin': (p) => new Kswin(p as KswinOptions),
  'ddm': (p) => new Ddm(p as Partial<DdmParams>),
  'eddm': (p) => new Eddm(p as Partial<EddmParams>),
  'hddm-a': (p) => new HddmA(p as Partial<HddmAParams>),
  'hddm-w': (p) => new HddmW(p as Partial<HddmWParams>),
  'cusum': (p) => new Cusum(p as Partial<CusumParams>),
};

function kindOf(value: unknown): DetectorKind {
  const kind = typeof value === 'object' && value !== null ? (value as { kind?: unknown }).kind : undefined;
  if (typeof kind !== 'string' || !(DETECTOR_KINDS as readonly string[]).includes(kind)) {
    throw new DetectorError('DL_DETECTOR_UNKNOWN_KIND', `unknown detector kind ${typeof kind === 'string' ? kind : String(kind)} (known: ${DETECTOR_KINDS.join(', ')})`, { value: kind });
  }
  return kind as DetectorKind;
}

/** Builds a detector from a `{ kind, params }` spec (e.g. parsed from a monitor spec); validates both. */
export function createDetector(spec: DetectorSpec | { readonly kind: string; readonly params?: unknown }): DriftDetector {
  return factories[kindOf(spec)](spec.params);
}

/** Rebuilds the detector a snapshot was taken from (e.g. a checkpoint read back from Redis). */
export function restoreDetector(snapshot: unknown): DriftDetector {
  const detector = factories[kindOf(snapshot)](undefined);
  detector.restore(snapshot);
  return detector;
}
