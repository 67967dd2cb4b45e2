// The serde the aggregator gives its consume loop: it checks each record's wire format and writer
// schema but leaves the body undecoded, so the handler decodes each record just before folding it.
// A decoded record is then garbage at once, instead of a whole chunk of them living through the
// fold and the flush (and through the young-generation collections meanwhile, which copy them).
import { parseWireFormat } from '@driftline/kafka';
import type { AvroSerde, Decoded } from '@driftline/kafka';

/**
 * `serde` whose decode and decodeCached answer the record's bytes (with its schema id) instead of its
 * value: use it with a consume loop over `Buffer`. A schema is fetched (and one record decoded) the
 * first time its id is seen, so the handler's `serde.decodeCached` always finds it.
 */
export function createDeferredSerde(serde: AvroSerde): AvroSerde {
  const known = new Set<number>();
  const bytesAs = <T>(schemaId: number, bytes: Buffer): Decoded<T> => ({ schemaId, value: bytes as unknown as T });
  return {
    encode: (subject, schema, value) => serde.encode(subject, schema, value),
    encoderFor: (subject, schema) => serde.encoderFor(subject, schema),
    async decode<T>(bytes: Buffer): Promise<Decoded<T>> {
      const { schemaId } = await serde.decode(bytes);
      known.add(schemaId);
      return bytesAs<T>(schemaId, bytes);
    },
    decodeCached<T>(bytes: Buffer): Decoded<T> | undefined {
      // The Confluent header (magic byte 0, 4-byte schema id) read in place; parseWireFormat explains a bad one.
      const schemaId = bytes.length >= 5 && bytes[0] === 0 ? bytes.readUInt32BE(1) : parseWireFormat(bytes).schemaId;
      return known.has(schemaId) ? bytesAs<T>(schemaId, bytes) : undefined;
    },
  };
}
