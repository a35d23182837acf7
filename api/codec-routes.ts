import type { Payload, PayloadCodec } from '@temporalio/common';
import * as responses from './operations-responses';
import type { RequestHandler } from 'express';
import { z } from 'zod';
import { endpoint, type Endpoint } from './endpoint';
import { AppError } from './app-error';

/** A payload as Temporal's remote codec protocol sends it: metadata values and data in base64. */
const jsonPayloads = z.strictObject({
  payloads: z
    .array(
      z.object({
        metadata: z.record(z.string().max(100), z.base64().max(10_000)).default({}),
        data: z.base64().max(1_000_000).default(''),
      }),
    )
    .max(1_000),
});

const fromJson = ({ metadata, data }: { metadata: Record<string, string>; data: string }): Payload => ({
  metadata: Object.fromEntries(Object.entries(metadata).map(([k, v]) => [k, Buffer.from(v, 'base64')])),
  data: Buffer.from(data, 'base64'),
});

const toJson = (payload: Payload) => ({
  metadata: Object.fromEntries(
    Object.entries(payload.metadata ?? {}).map(([k, v]) => [k, Buffer.from(v ?? new Uint8Array()).toString('base64')]),
  ),
  data: Buffer.from(payload.data ?? new Uint8Array()).toString('base64'),
});

/**
 * Temporal's remote codec endpoints (`/codec/decode`, `/codec/encode`), so operations can read
 * encrypted histories in the Web UI or with `temporal --codec-endpoint`: only for operations,
 * with a bearer token like every other route.
 */
export function codecRoutes(codec: PayloadCodec | undefined): Endpoint[] {
  if (!codec) return [];
  return (['decode', 'encode'] as const).map((direction) =>
    endpoint({
      method: 'post',
      path: `/codec/${direction}`,
      summary: `Temporal remote codec: ${direction} payloads (operations only)`,
      tag: 'Operations',
      roles: ['OPERATIONS'],
      response: responses.codecPayloads,
      body: jsonPayloads,
      handle: async ({ body }) => {
        try {
          const done = await codec[direction](body.payloads.map(fromJson));
          return { payloads: done.map(toJson) };
        } catch (error) {
          throw new AppError(400, 'VALIDATION_FAILED', 'The payloads cannot be processed', [
            { path: 'body.payloads', message: (error as Error).message },
          ]);
        }
      },
    }),
  );
}

/**
 * The Web UI calls the codec endpoints from the operator's browser, on another origin: answer the
 * preflight and allow exactly the configured origins (CODEC_CORS_ORIGINS), nothing else.
 */
export function codecCors(origins: readonly string[]): RequestHandler {
  return (req, res, next) => {
    const origin = req.get('Origin');
    if (!origin || !origins.includes(origin)) return next();
    res.setHeader('Access-Control-Allow-Origin', origin);
    res.setHeader('Vary', 'Origin');
    res.setHeader('Access-Control-Allow-Credentials', 'true');
    if (req.method !== 'OPTIONS') return next();
    res.setHeader('Access-Control-Allow-Methods', 'POST');
    res.setHeader('Access-Control-Allow-Headers', 'Authorization, Content-Type, X-Namespace');
    res.setHeader('Access-Control-Max-Age', '600');
    res.status(204).end();
  };
}
