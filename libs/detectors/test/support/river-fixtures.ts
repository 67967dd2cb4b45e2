import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { StreamRecipe } from '../../src/evaluation/stream-recipe.ts';
import { generateStream } from '../../src/evaluation/stream-recipe.ts';

export interface RiverCase {
  readonly kind: string;
  readonly params: Record<string, unknown>;
  readonly drifts: number[];
  /** Half-open index ranges [start, end) where River's `warning_detected` was true. */
  readonly warnings: [number, number][];
  readonly final?: { width: number; total: number; variance: number };
}

export interface RiverFixture {
  readonly name: string;
  readonly river: string;
  readonly values?: number[];
  readonly recipe?: StreamRecipe;
  readonly fingerprint: { n: number; sum: number };
  readonly cases: RiverCase[];
}

const dir = fileURLToPath(new URL('../fixtures/river/', import.meta.url));

/** Every committed River golden fixture, by file name order. */
export function loadRiverFixtures(): RiverFixture[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => JSON.parse(readFileSync(dir + f, 'utf8')) as RiverFixture);
}

/** The fixture's input stream: its literal values, or its recipe regenerated. */
export function toFixtureStream(fixture: RiverFixture): Float64Array {
  if (fixture.values !== undefined) return Float64Array.from(fixture.values);
  if (fixture.recipe === undefined) throw new Error(`${fixture.name}: neither values nor recipe`);
  return generateStream(fixture.recipe);
}
