// The header the eraser sets on records it rewrites under an existing key (erasure by anonymising,
// rectification). Consumers that fold records into statistics skip them: the eraser corrects the
// statistics itself (docs/privacy.md), so folding the rewrite would count the record twice.
import type { InboundMessage } from './messages.ts';

export const REWRITE_HEADER = 'driftline-rewrite';

export const RewriteKind = {
  ANONYMIZE: 'anonymize',
  RECTIFY: 'rectify',
} as const;
export type RewriteKind = (typeof RewriteKind)[keyof typeof RewriteKind];

/** Whether a message is a rewrite of an earlier record by the eraser. */
export function isRewrite(message: Pick<InboundMessage, 'headers'>): boolean {
  return message.headers[REWRITE_HEADER] !== undefined;
}
