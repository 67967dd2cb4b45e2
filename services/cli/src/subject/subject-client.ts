// Where the subject commands find what the topics alone do not give: the pepper and Redis (verify),
// the eraser's HTTP API (access exports). Loaded only by `driftline subject ...`.
import { z } from 'zod';
import { parseEnv } from '@driftline/service-kit';
import type { EnvRecord } from '@driftline/service-kit';

export const subjectClientConfigSchema = z.object({
  DRIFTLINE_PSEUDONYM_PEPPER: z.string().refine((s) => Buffer.byteLength(s, 'utf8') >= 32, 'must be the services\' pepper (at least 32 bytes)').optional(),
  DRIFTLINE_SUBJECT_KEY_PREFIX: z.string().regex(/^[^{}\s]+$/, 'must not contain braces or spaces').default('dl:keys:'),
  REDIS_URL: z.url({ protocol: /^rediss?$/, error: 'must be a redis:// or rediss:// (TLS) URL' }).optional(),
  REDIS_USERNAME: z.string().min(1).optional(),
  REDIS_PASSWORD: z.string().min(1).optional(),
  REDIS_TLS_CA_FILE: z.string().min(1).optional(),
  REDIS_TLS_CERT_FILE: z.string().min(1).optional(),
  REDIS_TLS_KEY_FILE: z.string().min(1).optional(),
  DRIFTLINE_ERASER_URL: z.url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL' }).default('http://127.0.0.1:9468'),
  DRIFTLINE_ERASER_TOKEN: z.string().min(1).optional(),
});

export type SubjectClientConfig = z.output<typeof subjectClientConfigSchema>;

export function loadSubjectClientConfig(env: EnvRecord): Readonly<SubjectClientConfig> {
  return parseEnv(subjectClientConfigSchema, env);
}
