import { describe, expect, it } from 'vitest';
import { PythonRandom } from '../../src/kswin/python-random.ts';

// Expected values printed by CPython 3.11 (`random.Random(seed)`).
describe('PythonRandom', () => {
  it('reproduces random.Random(42).random()', () => {
    const rng = new PythonRandom(42);
    expect([rng.random(), rng.random(), rng.random()]).toEqual([0.6394267984578837, 0.025010755222666936, 0.27502931836911926]);
  });

  it('reproduces sample(range(70), 30) with the pool method', () => {
    const out = new Int32Array(30);
    new PythonRandom(42).sampleRange(70, out, new Int32Array(70));
    expect(Array.from(out)).toEqual([14, 3, 35, 31, 28, 17, 13, 43, 47, 57, 34, 5, 37, 27, 2, 1, 58, 63, 69, 32, 38, 54, 67, 12, 45, 41, 59, 26, 51, 65]);
  });

  it('reproduces sample(range(1000), 30) with the set method and a seed wider than 32 bits', () => {
    const out = new Int32Array(30);
    new PythonRandom(2 ** 40 + 7).sampleRange(1000, out, new Int32Array(1000));
    expect(Array.from(out)).toEqual([628, 765, 834, 960, 967, 654, 584, 722, 487, 256, 970, 630, 129, 529, 384, 533, 737, 371, 402, 453, 460, 884, 918, 381, 230, 862, 915, 455, 768, 608]);
  });

  it('seeds negative integers by their absolute value, like CPython', () => {
    expect(new PythonRandom(-5).nextUint32()).toBe(2675342405);
  });
});
