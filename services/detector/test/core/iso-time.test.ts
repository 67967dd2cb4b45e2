import { fc, test } from '@fast-check/vitest';
import { expect } from 'vitest';
import { toIsoTime } from '../../src/core/iso-time.ts';

test.prop([fc.integer({ min: -62_000_000_000_000, max: 253_000_000_000_000 })])('formats like Date#toISOString to the second', (ms) => {
  expect(toIsoTime(ms)).toBe(new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z'));
});
