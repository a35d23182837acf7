import { createHmac, randomBytes } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { guardedLookup, InsideNetwork, literalInternalAddress, type Resolve } from './webhook-address';

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

/** The body every message to a provider's system has: its type, when, and ids and dates only. */
export function webhookBody(type: string, timestamp: Date, data: object): string {
  return JSON.stringify({ type, timestamp: timestamp.toISOString(), data });
}

export class WebhookRefused extends Error {}

/** One signed POST: where to, with which secret, under which id (the outbox key), what, and when. */
export interface WebhookCall {
  url: string;
  secret: string;
  id: string;
  body: string;
  at: Date;
}

/** How the connection finds its address: inside this network only when allowed (webhook-address.ts). */
export interface WebhookRoute {
  allowInternal: boolean;
  resolve?: Resolve;
}

/**
 * POSTs a signed body and answers the receiver's 2xx status; anything else within the timeout is a
 * failed attempt (Temporal retries it), a host inside this network fails with InsideNetwork before a byte is sent. A redirect is
 * not followed (it would go round the check).
 */
export async function sendWebhook(call: WebhookCall, route: WebhookRoute): Promise<number> {
  const url = new URL(call.url);
  const literal = route.allowInternal ? undefined : literalInternalAddress(url);
  if (literal) throw new InsideNetwork(literal);
  const status = await new Promise<number>((resolve, reject) => {
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
    const request = send(
      url,
      {
        method: 'POST',
        headers: webhookHeaders(call.secret, call.id, call.body, call.at),
        lookup: guardedLookup(route.allowInternal, route.resolve),
        agent: false, // a fresh connection each time, so every send is checked
        signal: AbortSignal.timeout(15_000),
      },
      (response) => {
        response.resume();
        resolve(response.statusCode ?? 0);
      },
    );
    request.on('error', reject);
    request.end(call.body);
  });
  if (status < 200 || status > 299) throw new WebhookRefused(`The webhook answered ${status}`);
  return status;
}
