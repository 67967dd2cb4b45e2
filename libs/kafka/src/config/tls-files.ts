// TLS material given as PEM files (a CA, a client certificate and its key), read once into the
// options Node's tls takes. Shared by the Kafka client and the schema-registry client.
import { readFileSync } from 'node:fs';

export interface TlsFiles {
  readonly caFile?: string;
  readonly certFile?: string;
  readonly keyFile?: string;
}

/** The files' contents as `ca`, `cert` and `key` (only those given). */
export function readTlsFiles(files: TlsFiles): { ca?: string; cert?: string; key?: string } {
  return {
    ...(files.caFile === undefined ? {} : { ca: readFileSync(files.caFile, 'utf8') }),
    ...(files.certFile === undefined ? {} : { cert: readFileSync(files.certFile, 'utf8') }),
    ...(files.keyFile === undefined ? {} : { key: readFileSync(files.keyFile, 'utf8') }),
  };
}
