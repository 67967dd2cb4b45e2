// Reads a small JSON request body (at most 64 KiB); undefined when it is empty, too large or not JSON.
import type { IncomingMessage } from 'node:http';

const MAX_BYTES = 65_536;

export async function readJsonBody(req: IncomingMessage): Promise<{ ok: true; value: unknown } | { ok: false; problem: string }> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    size += buffer.length;
    if (size > MAX_BYTES) return { ok: false, problem: `the body is larger than ${MAX_BYTES} bytes` };
    chunks.push(buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (text.trim() === '') return { ok: true, value: {} };
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false, problem: 'the body is not JSON' };
  }
}
