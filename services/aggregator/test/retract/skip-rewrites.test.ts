import { describe, expect, it } from 'vitest';
import type { HandlerInput, RecordHandler } from '@driftline/kafka';
import { skipRewrites } from '../../src/retract/skip-rewrites.ts';

const message = (offset: number, headers: Record<string, string> = {}) => ({ topic: 't', partition: 0, offset: String(offset), key: null, value: Buffer.alloc(1), headers, timestamp: 0 });

describe('skipRewrites', () => {
  it('hands the eraser\'s rewrites on as offsets only, and everything else as records', async () => {
    const seen: HandlerInput<string>[] = [];
    const inner: RecordHandler<string> = { handle: (input) => { seen.push(input); return Promise.resolve({ invalid: [] }); } };
    const records = [{ message: message(1), schemaId: 1, value: 'a' }, { message: message(2, { 'driftline-rewrite': 'rectify' }), schemaId: 1, value: 'b' }];

    await skipRewrites(inner).handle({ topic: 't', partition: 0, records, tombstones: [message(3)] });

    expect(seen[0]?.records.map((r) => r.value)).toEqual(['a']);
    expect(seen[0]?.tombstones.map((t) => t.offset)).toEqual(['3', '2']);
  });
});
