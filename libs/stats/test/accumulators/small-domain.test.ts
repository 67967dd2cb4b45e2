import { fc, it } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { createSmallDomain, diffSmallDomains, mergeSmallDomains, recordSmallDomain, toSmallDomainCounts } from '../../src/accumulators/small-domain.ts';

const values = fc.array(fc.integer({ min: 0, max: 6 }), { maxLength: 40 });

function fold(xs: readonly number[], cap = 5) {
  const s = createSmallDomain(cap);
  for (const x of xs) recordSmallDomain(s, x);
  return s;
}

const asMap = (s: ReturnType<typeof fold>) => (s.saturated ? 'saturated' : new Map([...(toSmallDomainCounts(s) ?? [])].sort((a, b) => a[0] - b[0])));

describe('small domain', () => {
  it('counts exactly up to cap distinct values, then saturates', () => {
    expect(toSmallDomainCounts(fold([1, 2, 1]))).toEqual(new Map([[1, 2], [2, 1]]));
    expect(fold([1, 2, 3, 4, 5, 6]).saturated).toBe(true);
  });

  it.prop([values, values, values])('merge is associative and commutative and equals folding everything', (a, b, c) => {
    const [sa, sb, sc] = [fold(a), fold(b), fold(c)];
    expect(asMap(mergeSmallDomains(mergeSmallDomains(sa, sb), sc))).toEqual(asMap(mergeSmallDomains(sa, mergeSmallDomains(sb, sc))));
    expect(asMap(mergeSmallDomains(sa, sb))).toEqual(asMap(mergeSmallDomains(sb, sa)));
    expect(asMap(mergeSmallDomains(sa, sb))).toEqual(asMap(fold([...a, ...b])));
  });

  it.prop([values, values])('diff undoes merge when nothing saturates', (a, b) => {
    const sa = fold(a, 10);
    const sb = fold(b, 10);
    expect(asMap(diffSmallDomains(sa, mergeSmallDomains(sa, sb)))).toEqual(asMap(sb));
  });
});
