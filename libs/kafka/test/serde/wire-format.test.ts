import { describe, expect, it } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { isKafkaError, kafkaErrorCodes, parseWireFormat, toWireFormat } from '@driftline/kafka';

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    return isKafkaError(error) ? error.code : `not a KafkaError: ${String(error)}`;
  }
  return undefined;
}

describe('toWireFormat', () => {
  it('writes magic byte 0, the schema id as 4 big-endian bytes, then the body', () => {
    const bytes = toWireFormat(0x01020304, Uint8Array.from([0xaa, 0xbb]));

    expect(bytes.toString('hex')).toBe('0001020304aabb');
  });

  it('frames an empty body as the 5-byte header alone', () => {
    expect(toWireFormat(7, new Uint8Array()).toString('hex')).toBe('0000000007');
  });
});

describe('parseWireFormat', () => {
  it('reads the schema id and the body of a framed value', () => {
    const { schemaId, body } = parseWireFormat(Buffer.from('00000000ff0102', 'hex'));

    expect(schemaId).toBe(255);
    expect(body.toString('hex')).toBe('0102');
  });

  it('refuses a value whose first byte is not the magic byte', () => {
    expect(codeOf(() => parseWireFormat(Buffer.from('0100000001aa', 'hex')))).toBe(kafkaErrorCodes.DL_KAFKA_NOT_WIRE_FORMAT);
  });

  it.each([0, 1, 4])('refuses a value of %i bytes, shorter than the header', (length) => {
    expect(codeOf(() => parseWireFormat(Buffer.alloc(length)))).toBe(kafkaErrorCodes.DL_KAFKA_NOT_WIRE_FORMAT);
  });

  it('reports the refusal as not retriable', () => {
    try {
      parseWireFormat(Buffer.from('ff', 'hex'));
      expect.unreachable('parseWireFormat accepted a non-framed value');
    } catch (error) {
      expect(isKafkaError(error) && error.retriable).toBe(false);
    }
  });

  test.prop([fc.integer({ min: 0, max: 0xffff_ffff }), fc.uint8Array({ maxLength: 256 })])(
    'round-trips any schema id and body',
    (schemaId, body) => {
      const parsed = parseWireFormat(toWireFormat(schemaId, body));

      expect(parsed.schemaId).toBe(schemaId);
      expect([...parsed.body]).toEqual([...body]);
    },
  );

  test.prop([fc.integer({ min: 1, max: 255 }), fc.uint8Array({ minLength: 4, maxLength: 64 })])(
    'refuses any value that starts with a non-zero byte',
    (first, rest) => {
      expect(codeOf(() => parseWireFormat(Buffer.from([first, ...rest])))).toBe(kafkaErrorCodes.DL_KAFKA_NOT_WIRE_FORMAT);
    },
  );
});
