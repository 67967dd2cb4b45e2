import { DetectorError } from '../errors.ts';

type Raw = Readonly<Record<string, unknown>>;

function fail(kind: string, param: string, value: unknown, rule: string): never {
  throw new DetectorError('DL_DETECTOR_INVALID_PARAM', `${kind}: parameter '${param}' ${rule}, got ${typeof value === 'string' ? value : JSON.stringify(value)}`, { kind, param, value });
}

/**
 * Reads user parameters for one detector: rejects unknown keys (typos such as `max_buckets`) and
 * hands out typed getters that fall back to River's defaults.
 */
export function createParamReader(kind: string, input: unknown, known: readonly string[]): ParamReader {
  if (input !== undefined && (typeof input !== 'object' || input === null || Array.isArray(input))) {
    throw new DetectorError('DL_DETECTOR_INVALID_PARAM', `${kind}: params must be an object`, { kind, value: input });
  }
  const raw: Raw = (input ?? {}) as Raw;
  for (const key of Object.keys(raw)) {
    if (!known.includes(key)) fail(kind, key, raw[key], `is unknown (known: ${known.join(', ')})`);
  }
  return new ParamReader(kind, raw);
}

export class ParamReader {
  readonly #kind: string;
  readonly #raw: Raw;

  constructor(kind: string, raw: Raw) {
    this.#kind = kind;
    this.#raw = raw;
  }

  /** A finite number within [min, max]; `open` makes the named bounds exclusive. */
  number(name: string, fallback: number, range: { min?: number; max?: number; open?: 'min' | 'max' | 'both' } = {}): number {
    const v = this.#raw[name] ?? fallback;
    if (typeof v !== 'number' || !Number.isFinite(v)) fail(this.#kind, name, v, 'must be a finite number');
    const { min, max, open } = range;
    const openMin = open === 'min' || open === 'both';
    const openMax = open === 'max' || open === 'both';
    if (min !== undefined && (openMin ? v <= min : v < min)) fail(this.#kind, name, v, `must be ${openMin ? '>' : '>='} ${min}`);
    if (max !== undefined && (openMax ? v >= max : v > max)) fail(this.#kind, name, v, `must be ${openMax ? '<' : '<='} ${max}`);
    return v;
  }

  /** A safe integer >= min. */
  integer(name: string, fallback: number, min: number): number {
    const v = this.#raw[name] ?? fallback;
    if (typeof v !== 'number' || !Number.isSafeInteger(v)) fail(this.#kind, name, v, 'must be an integer');
    if (v < min) fail(this.#kind, name, v, `must be >= ${min}`);
    return v;
  }

  boolean(name: string, fallback: boolean): boolean {
    const v = this.#raw[name] ?? fallback;
    if (typeof v !== 'boolean') fail(this.#kind, name, v, 'must be a boolean');
    return v;
  }

  oneOf<T extends string>(name: string, fallback: T, allowed: readonly T[]): T {
    const v = this.#raw[name] ?? fallback;
    if (typeof v !== 'string' || !(allowed as readonly string[]).includes(v)) fail(this.#kind, name, v, `must be one of ${allowed.join(', ')}`);
    return v as T;
  }

  /** An optional list of finite numbers (undefined when absent). */
  numbers(name: string): number[] | undefined {
    const v = this.#raw[name];
    if (v === undefined) return undefined;
    if (!Array.isArray(v) || !v.every((e) => typeof e === 'number' && Number.isFinite(e))) fail(this.#kind, name, v, 'must be an array of finite numbers');
    return (v as number[]).slice();
  }

  /** Throws an invalid-parameter error for a cross-field rule. */
  reject(name: string, value: unknown, rule: string): never {
    fail(this.#kind, name, value, rule);
  }
}
