import { createHmac, randomBytes } from 'node:crypto';

/**
 * Standard Webhooks (standardwebhooks.com): the signature is HMAC-SHA256 over
 * "<webhook-id>.<webhook-timestamp>.<body>" with the secret's bytes (base64 after "whsec_"),
 * sent as "v1,<base64>".
 */
export const WEBHOOK_SECRET_PATTERN = /^whsec_[A-Za-z0-9+/]{32,}={0,2}$/;

export function newWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString('base64')}`;
}

export function webhookHeaders(secret: string, id: string, body: string, at: Date): Record<string, string> {
  const timestamp = Math.floor(at.getTime() / 1000).toString();
  const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
  const signature = createHmac('sha256', key).update(`${id}.${timestamp}.${body}`).digest('base64');
  return {
    'content-type': 'application/json',
    'webhook-id': id,
    'webhook-timestamp': timestamp,
    'webhook-signature': `v1,${signature}`,
  };
}

export class WebhookRefused extends Error {}

/** POSTs a signed body; anything but a 2xx within the timeout is a failed attempt (Temporal retries it). */
export async function sendWebhook(url: string, secret: string, id: string, body: string, now: Date): Promise<void> {
  const response = await fetch(url, {
    method: 'POST',
    headers: webhookHeaders(secret, id, body, now),
    body,
    signal: AbortSignal.timeout(15_000),
    redirect: 'error',
  });
  await response.body?.cancel();
  if (!response.ok) throw new WebhookRefused(`The webhook answered ${response.status}`);
}
