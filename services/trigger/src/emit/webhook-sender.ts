// The optional webhook: POSTs a committed request as JSON, with bounded, jittered retries on
// network errors, timeouts, 5xx, 408 and 429 (libs/kafka withRetry); other 4xx answers are final.
// The URL's query and credentials never appear in details, logs or dead letters.
import { isKafkaError, kafkaErrorCodes, withRetry } from '@driftline/kafka';
import type { RetryPolicy } from '@driftline/kafka';
import type { RetrainRequest } from '@driftline/schemas';
import { TriggerError, isTriggerError, triggerErrorCodes } from '../errors.ts';

export type WebhookResult =
  | { readonly outcome: 'delivered'; readonly attempts: number }
  | { readonly outcome: 'failed' | 'rejected'; readonly attempts: number; readonly detail: string };

export interface WebhookSender {
  send(request: RetrainRequest, options: { readonly traceparent?: string }): Promise<WebhookResult>;
}

export interface WebhookSenderOptions {
  readonly url: string;
  readonly token?: string;
  readonly timeoutMs: number;
  readonly retry: RetryPolicy;
  readonly sleep?: (ms: number) => Promise<void>;
  readonly random?: () => number;
}

const RETRIED_STATUSES = new Set([408, 429]);

export function createWebhookSender(options: WebhookSenderOptions): WebhookSender {
  const parsed = new URL(options.url);
  const shown = `${parsed.origin}${parsed.pathname}`;
  return {
    async send(request, { traceparent }) {
      let attempts = 0;
      const post = async (): Promise<void> => {
        attempts++;
        let status: number;
        try {
          const response = await fetch(options.url, {
            method: 'POST',
            headers: {
              'content-type': 'application/json', 'x-driftline-request-id': request.requestId,
              ...(options.token === undefined ? {} : { authorization: `Bearer ${options.token}` }),
              ...(traceparent === undefined ? {} : { traceparent }),
            },
            body: JSON.stringify(request),
            signal: AbortSignal.timeout(options.timeoutMs),
          });
          await response.arrayBuffer();
          status = response.status;
        } catch (error) {
          throw new TriggerError({ code: triggerErrorCodes.DL_TRIGGER_WEBHOOK_FAILED, retriable: true, message: `POST ${shown} failed: ${error instanceof Error ? error.message : String(error)}`, cause: error });
        }
        if (status >= 200 && status < 300) return;
        const retriable = status >= 500 || RETRIED_STATUSES.has(status);
        const code = retriable ? triggerErrorCodes.DL_TRIGGER_WEBHOOK_FAILED : triggerErrorCodes.DL_TRIGGER_WEBHOOK_REJECTED;
        throw new TriggerError({ code, retriable, message: `POST ${shown} answered HTTP ${status}`, context: { status } });
      };
      try {
        await withRetry(post, { policy: options.retry, what: `POST ${shown}`, ...(options.sleep === undefined ? {} : { sleep: options.sleep }), ...(options.random === undefined ? {} : { random: options.random }) });
        return { outcome: 'delivered', attempts };
      } catch (error) {
        const last = isKafkaError(error) && error.code === kafkaErrorCodes.DL_KAFKA_RETRIES_EXHAUSTED ? error.cause : error;
        if (!isTriggerError(last)) throw error;
        const rejected = last.code === triggerErrorCodes.DL_TRIGGER_WEBHOOK_REJECTED;
        return { outcome: rejected ? 'rejected' : 'failed', attempts, detail: rejected ? last.message : `${last.message} (last of ${attempts} attempts)` };
      }
    },
  };
}
