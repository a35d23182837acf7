import { randomUUID } from 'node:crypto';
import type { RequestHandler } from 'express';
import pino, { type Logger } from 'pino';
import { pinoHttp } from 'pino-http';
import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';

/** One JSON line per event on stdout; the level (LOG_LEVEL) chooses how much. */
export function createLogger(level = 'info'): Logger {
  return pino({ level, base: { service: 'wmo-trajectories' } });
}

/**
 * Logs each request as one JSON line with an id of ours (also sent back as X-Request-Id and used
 * as the Temporal update id, so a change can be followed from the request into the workflow's
 * history). Only method, route, status, timing and the user's id: no headers, no bodies, no personal data.
 * An upstream X-Request-Id is kept beside ours, never instead of it: a caller must not choose an update id.
 */
export function requestLogging(logger: Logger): RequestHandler {
  return pinoHttp({
    logger,
    genReqId: (_req, res) => {
      const id = randomUUID();
      res.setHeader('X-Request-Id', id);
      return id;
    },
    serializers: {
      req: (req: { id: string; method: string; url: string; headers: Record<string, unknown> }) => ({
        id: req.id,
        method: req.method,
        // Query strings carry filters only (ids, codes, dates); paths carry ids.
        url: req.url,
        upstreamId:
          typeof req.headers['x-request-id'] === 'string' ? req.headers['x-request-id'].slice(0, 100) : undefined,
      }),
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
    },
    // Who asked, by user id (pseudonymous, like every id here): a refused look at a trajectory (403,
    // 404) is a security event someone must be able to trace (BIO). Known once signed in, so at the end.
    customProps: (req) => {
      const userId = (req as { actor?: { id: string } }).actor?.id;
      return userId ? { userId } : {};
    },
    customLogLevel: (_req, res, error) =>
      error || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info',
    autoLogging: { ignore: (req) => req.url === '/health' || req.url === '/metrics' },
  });
}

/** Prometheus figures for the API: requests by route and status, their latency, and the process's own. */
export function httpMetrics(): { middleware: RequestHandler; registry: Registry } {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const labelNames = ['method', 'route', 'status'] as const;
  const requests = new Counter({
    name: 'http_requests_total',
    help: 'HTTP requests answered',
    labelNames,
    registers: [registry],
  });
  const latency = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'Time to answer an HTTP request',
    labelNames,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 20],
    registers: [registry],
  });
  const middleware: RequestHandler = (req, res, next) => {
    const stop = latency.startTimer();
    res.once('finish', () => {
      // The route pattern, not the path: ids would make a series per trajectory.
      const route = req.route ? `${req.baseUrl}${(req.route as { path: string }).path}` : 'unmatched';
      const labels = { method: req.method, route, status: String(res.statusCode) };
      requests.inc(labels);
      stop(labels);
    });
    next();
  };
  return { middleware, registry };
}
