import { DetectorError } from '../errors.ts';
import { SNAPSHOT_VERSION } from './detector.ts';
import type { DetectorKind, DetectorSnapshot } from './detector.ts';

/** Stores ±Infinity as `null` so a snapshot stays valid JSON. */
export function toJsonNumber(x: number): number | null {
  return Number.isFinite(x) ? x : null;
}

function invalid(kind: string, field: string, value: unknown, rule: string): never {
  throw new DetectorError('DL_DETECTOR_INVALID_SNAPSHOT', `${kind} snapshot: '${field}' ${rule}`, { kind, field, value });
}

function isRecord(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Checks the envelope (`kind`, `version`, `params`, `state`) and returns the parts. */
export function readSnapshot(kind: string, value: unknown): { params: unknown; state: StateReader } {
  if (!isRecord(value)) invalid(kind, '(root)', value, 'must be an object');
  if (value['kind'] !== kind) invalid(kind, 'kind', value['kind'], `must be '${kind}'`);
  if (value['version'] !== SNAPSHOT_VERSION) {
    throw new DetectorError('DL_DETECTOR_UNSUPPORTED_VERSION', `${kind} snapshot: version ${String(value['version'])} is not supported (expected ${SNAPSHOT_VERSION})`, { kind, field: 'version', value: value['version'] });
  }
  const state = value['state'];
  if (!isRecord(state)) invalid(kind, 'state', state, 'must be an object');
  return { params: value['params'], state: new StateReader(kind, state, 'state') };
}

/** Typed, validating access to the fields of a snapshot's `state`. */
export class StateReader {
  readonly #kind: string;
  readonly #rec: Readonly<Record<string, unknown>>;
  readonly #path: string;

  constructor(kind: string, rec: Readonly<Record<string, unknown>>, path: string) {
    this.#kind = kind;
    this.#rec = rec;
    this.#path = path;
  }

  #fail(key: string, rule: string): never {
    invalid(this.#kind, `${this.#path}.${key}`, this.#rec[key], rule);
  }

  num(key: string): number {
    const v = this.#rec[key];
    if (typeof v !== 'number' || !Number.isFinite(v)) this.#fail(key, 'must be a finite number');
    return v;
  }

  /** A number where `null` stands for `sign`·Infinity. */
  numOrInf(key: string, sign: 1 | -1): number {
    return this.#rec[key] === null ? sign * Infinity : this.num(key);
  }

  int(key: string, min: number): number {
    const v = this.num(key);
    if (!Number.isSafeInteger(v) || v < min) this.#fail(key, `must be an integer >= ${min}`);
    return v;
  }

  bool(key: string): boolean {
    const v = this.#rec[key];
    if (typeof v !== 'boolean') this.#fail(key, 'must be a boolean');
    return v;
  }

  str(key: string): string {
    const v = this.#rec[key];
    if (typeof v !== 'string') this.#fail(key, 'must be a string');
    return v;
  }

  numbers(key: string, maxLength: number): number[] {
    const v = this.#rec[key];
    if (!Array.isArray(v) || v.length > maxLength || !v.every((e) => typeof e === 'number' && Number.isFinite(e))) {
      this.#fail(key, `must be an array of at most ${maxLength} finite numbers`);
    }
    return v as number[];
  }

  list(key: string): unknown[] {
    const v = this.#rec[key];
    if (!Array.isArray(v)) this.#fail(key, 'must be an array');
    return v;
  }

  child(key: string): StateReader {
    const v = this.#rec[key];
    if (!isRecord(v)) this.#fail(key, 'must be an object');
    return new StateReader(this.#kind, v, `${this.#path}.${key}`);
  }

  /** Throws an invalid-snapshot error for a rule spanning several fields. */
  reject(key: string, rule: string): never {
    this.#fail(key, rule);
  }
}

/** Wraps a detector's params and state in the versioned snapshot envelope. */
export function toSnapshot<K extends DetectorKind, P extends object, S extends object>(kind: K, params: P, state: S): DetectorSnapshot<K, P, S> {
  return { kind, version: SNAPSHOT_VERSION, params: { ...params }, state };
}
