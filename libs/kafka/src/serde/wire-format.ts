// Confluent wire format: magic byte 0, 4-byte big-endian schema id, then the Avro body.
import { KafkaError, kafkaErrorCodes } from '../errors.ts';

const MAGIC = 0;
const HEADER = 5;

export function toWireFormat(schemaId: number, body: Uint8Array): Buffer {
  const out = Buffer.allocUnsafe(HEADER + body.length);
  out[0] = MAGIC;
  out.writeUInt32BE(schemaId, 1);
  out.set(body, HEADER);
  return out;
}

export function parseWireFormat(bytes: Buffer): { schemaId: number; body: Buffer } {
  if (bytes.length < HEADER || bytes[0] !== MAGIC) {
    throw new KafkaError({
      code: kafkaErrorCodes.DL_KAFKA_NOT_WIRE_FORMAT,
      message: `value is not in the Confluent wire format (${bytes.length} bytes, first byte ${bytes[0] ?? 'none'})`,
    });
  }
  return { schemaId: bytes.readUInt32BE(1), body: bytes.subarray(HEADER) };
}
