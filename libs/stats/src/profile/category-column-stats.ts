import type { CategoryCountsState, CategoryLookup } from '../accumulators/category-counts.ts';
import { toCategoryLookup } from '../accumulators/category-counts.ts';
import type { CountsState } from '../accumulators/counts.ts';
import { recordDistinct, recordHash } from '../accumulators/hyperloglog.ts';
import type { HyperLogLogState } from '../accumulators/hyperloglog.ts';
import { recordTopK, setTopKCounts } from '../accumulators/top-k.ts';
import type { TopKState } from '../accumulators/top-k.ts';
import { StatsError, statsErrorCodes } from '../errors.ts';
import { mergeQualityCounts } from '../quality/quality-counts.ts';
import type { QualityCountsState } from '../quality/quality-counts.ts';
import { categoryCodes } from './category-dictionary.ts';
import type { CategoryDictionary } from './category-dictionary.ts';
import type { CategoryColumn } from './profile-columns.ts';

/**
 * What one categorical or boolean feature of a profile gathers from columns: quality verdicts,
 * and (unless personal data) exact counts per dictionary id, the distinct counter (each id hashed
 * once) and the top-K summary. The top-K summary equals the exact counts until it would first
 * reduce (more than 2·capacity distinct values, or a string outside the dictionary); from then on
 * every value is recorded into it, exactly as the row-based builder does. Window-shaped category
 * counts come from the exact counts, plus (pass 2) strings outside the dictionary.
 */
export interface CategoryColumnStats {
  readonly kind: 'category';
  readonly quality: QualityCountsState;
  /** Declared categories (ids 0 … n − 1 of the dictionary), or undefined. */
  readonly declared: readonly string[] | undefined;
  /** Absent for personal data (quality counts only). */
  readonly values: { readonly distinct: HyperLogLogState; readonly topK: TopKState | undefined; readonly counts: CountsState } | undefined;
  dictionary: CategoryDictionary | undefined;
  exact: Float64Array;
  hashed: Uint8Array;
  distinctIds: number;
  topKExact: boolean;
  /** Pass 2: the vocabulary's lookup and counts of strings outside the dictionary per cell. */
  lookup: CategoryLookup | undefined;
  extra: Float64Array;
}

function bindDictionary(stats: CategoryColumnStats, column: CategoryColumn): CategoryDictionary {
  const dictionary = column.dictionary;
  if (stats.dictionary === dictionary) return dictionary;
  const declared = stats.declared;
  const fits = stats.dictionary === undefined
    && (stats.values === undefined || column.keepOverflow || column.valueType === 'boolean')
    && (declared === undefined ? true : dictionary.fixed === declared.length && declared.every((c, i) => dictionary.values[i] === c));
  if (!fits) throw new StatsError(statsErrorCodes.invalidArgument, 'category column: dictionary does not match the feature (declared categories first, one dictionary per feature, strings kept)');
  stats.dictionary = dictionary;
  return dictionary;
}

function grow(stats: CategoryColumnStats, size: number): void {
  if (stats.exact.length >= size) return;
  const length = Math.max(size, 2 * stats.exact.length, 16);
  const exact = new Float64Array(length);
  exact.set(stats.exact);
  const hashed = new Uint8Array(length);
  hashed.set(stats.hashed);
  stats.exact = exact;
  stats.hashed = hashed;
}

/** The top-K summary takes over from the exact counts (see {@link CategoryColumnStats}). */
function startTopK(stats: CategoryColumnStats, topK: TopKState, total: number): void {
  const dictionary = stats.dictionary;
  const entries: [string, number][] = [];
  if (dictionary !== undefined) {
    for (let id = 0; id < dictionary.values.length; id += 1) {
      const n = stats.exact[id] ?? 0;
      if (n > 0) entries.push([dictionary.values[id] ?? '', n]);
    }
  }
  setTopKCounts(topK, entries, total);
  stats.topKExact = false;
}

/** Pass 1 over `count` rows (indexes in `rows`, in file order) of a category column. */
export function recordCategoryColumn(stats: CategoryColumnStats, column: CategoryColumn, rows: Int32Array, count: number): void {
  const dictionary = bindDictionary(stats, column);
  grow(stats, dictionary.values.length);
  const { codes, overflow } = column;
  const { exact, hashed } = stats;
  const fixed = stats.declared === undefined ? -1 : stats.declared.length;
  const v = stats.values;
  const topK = v?.topK;
  const reduceAt = topK === undefined ? 0 : 2 * topK.capacity;
  const before = v?.counts.count ?? 0;
  let ok = 0;
  let missing = 0;
  let wrong = 0;
  let unseen = 0;
  let present = 0;
  for (let i = 0; i < count; i += 1) {
    const row = rows[i] ?? 0;
    const code = codes[row] ?? categoryCodes.missing;
    if (code === categoryCodes.missing) { missing += 1; continue; }
    if (code === categoryCodes.wrongType) { wrong += 1; continue; }
    if (fixed >= 0 && (code < 0 || code >= fixed)) unseen += 1;
    else ok += 1;
    if (v === undefined) continue;
    present += 1;
    if (code >= 0) {
      exact[code] = (exact[code] ?? 0) + 1;
      const fresh = hashed[code] === 0;
      if (fresh) {
        hashed[code] = 1;
        recordHash(v.distinct, dictionary.hashes[code] ?? 0);
      }
      if (topK === undefined) continue;
      if (!stats.topKExact) recordTopK(topK, dictionary.values[code] ?? '');
      else if (fresh) {
        stats.distinctIds += 1;
        if (stats.distinctIds > reduceAt) startTopK(stats, topK, before + present);
      }
    } else {
      const text = overflow[row] ?? '';
      recordDistinct(v.distinct, text);
      if (topK === undefined) continue;
      if (stats.topKExact) startTopK(stats, topK, before + present - 1);
      recordTopK(topK, text);
    }
  }
  Object.assign(stats.quality, mergeQualityCounts(stats.quality, { total: count, ok, missing, wrongType: wrong, outOfRange: 0, unseenCategory: unseen }));
  if (v !== undefined) {
    v.counts.count += present;
    v.counts.missing += missing + wrong;
  }
}

/** Ends pass 1: a top-K summary still equal to the exact counts is filled from them. */
export function endCategoryFirstPass(stats: CategoryColumnStats): void {
  const topK = stats.values?.topK;
  if (topK !== undefined && stats.topKExact) startTopK(stats, topK, stats.values?.counts.count ?? 0);
}

/** Starts pass 2 on the vocabulary the window-shaped counts use. */
export function startCategoryHistogramPass(stats: CategoryColumnStats, vocabulary: readonly string[]): void {
  stats.lookup = toCategoryLookup(vocabulary);
  stats.extra = new Float64Array(vocabulary.length);
}

/** Pass 2: strings that were outside the dictionary (`strings[row]`), counted in their cell. */
export function recordCategoryOverflow(stats: CategoryColumnStats, strings: readonly (string | null | undefined)[], rows: Int32Array, count: number): void {
  const lookup = stats.lookup;
  if (lookup === undefined) return;
  for (let i = 0; i < count; i += 1) {
    const text = strings[rows[i] ?? 0];
    if (typeof text !== 'string') continue;
    const cell = lookup.get(text);
    if (cell !== undefined) stats.extra[cell] = (stats.extra[cell] ?? 0) + 1;
  }
}

/** Fills window-shaped category counts (its counts and cells) from what the column gathered. */
export function fillCategoryCounts(stats: CategoryColumnStats, counts: CountsState, categories: CategoryCountsState): void {
  const v = stats.values;
  if (v === undefined) return;
  counts.count = v.counts.count;
  counts.missing = v.counts.missing;
  let known = 0;
  categories.categories.forEach((category, cell) => {
    const id = stats.dictionary?.ids.get(category);
    const n = (id === undefined ? 0 : stats.exact[id] ?? 0) + (stats.extra[cell] ?? 0);
    categories.counts[cell] = n;
    known += n;
  });
  categories.counts[categories.categories.length] = v.counts.count - known;
}
