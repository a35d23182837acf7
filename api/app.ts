import type { Connection } from '@temporalio/client';
import type { PayloadCodec } from '@temporalio/common';
import express, { type Express } from 'express';
import helmet from 'helmet';
import type { Logger } from 'pino';
import { authFailureLimiter, createAuth } from './auth';
import { codecCors, codecRoutes } from './codec-routes';
import type { RouteDeps } from './deps';
import { docsPage } from './docs-page';
import { checkingResponses, type Endpoint } from './endpoint';
import { errorHandler, notFound } from './errors';
import { healthRouter } from './health';
import { createLogger, httpMetrics, requestLogging } from './observability';
import { openApiDocument } from './openapi';
import { endpointRouter } from './router';
import { providerReviewRoutes } from './routes/provider-reviews';
import { tariffRoutes } from './routes/tariffs';
import { budgetRoutes } from './routes/budgets';
import { kpiRoutes } from './routes/kpis';
import { deadlineRoutes } from './routes/deadlines';
import { deliveryRoutes } from './routes/deliveries';
import { notificationRoutes } from './routes/notifications';
import { referenceRoutes } from './routes/reference';
import { taskRoutes } from './routes/tasks';
import { zrmRoutes } from './routes/zrm';
import { supportPlanRoutes } from './routes/support-plan';
import { trajectoryActions } from './routes/trajectory-actions';
import { trajectoryTransfer } from './routes/trajectory-transfer';
import { trajectoryRoutes } from './routes/trajectories';
import { trajectorySearchRoutes } from './routes/trajectory-search';
import { WorkflowStarts } from './workflow-starts';
import { webRouter } from '../web/app';
import { Sessions } from '../web/session';
import { Oidc, type OidcSettings } from '../web/oidc';
import { workflowLinks } from '../web/context';
import { operationsAlertRoutes } from './operations-alerts';
import { clientAccessRoutes } from './routes/client-access';

export interface AppDependencies extends Omit<RouteDeps, 'workflowStarts'> {
  /** Given by callers that stop it themselves; otherwise the app makes one. */
  workflowStarts?: WorkflowStarts;
  /** A connection without the client's retry interceptor, so /health reports an outage at once. */
  temporalProbe: Connection;
  /** Signs and verifies the bearer tokens (HS256). */
  jwtSecret: string;
  /** The longest token lifetime accepted (TOKEN_MAX_LIFETIME); default 24 hours. */
  maxTokenLifetimeSeconds?: number;
  /** How long a browser session lasts without a page (SESSION_IDLE); default 1 hour. */
  sessionIdleSeconds?: number;
  /** Failed sign-ins (401) one address may make per 15 minutes before it gets 429; default 20. */
  authFailureLimit?: number;
  /** Encrypts workflow payloads; with it, /codec/decode and /codec/encode serve operations. */
  payloadCodec?: PayloadCodec;
  /** Origins (the Temporal Web UI) whose browsers may call /codec. */
  codecCorsOrigins?: readonly string[];
  /** After how long an unanswered Idempotency-Key claim counts as abandoned (default 2 minutes). */
  idempotencyClaimTimeoutMs?: number;
  /** Offer the development sign-in page (npm start without an identity provider, never in production). */
  devSignIn?: boolean;
  /** Sign-in for people through the organisation's identity provider; it turns the development sign-in off. */
  oidc?: OidcSettings;
  /** The Temporal Web UI, for links from trajectory pages to their workflows (operations). */
  temporalUiUrl?: string;
  /** Which proxies in front may say the request came over HTTPS (Express "trust proxy"), for Secure cookies. */
  trustProxy?: number | string;
  /** Check every answer against its route's response schema (the test suites): a mismatch is a 500. */
  checkResponses?: boolean;
  /** Structured JSON logs; tests pass a silent one. */
  logger?: Logger;
}

/** Every route but /health, in the order the docs list them. */
export function endpoints(deps: RouteDeps): Endpoint[] {
  return [
    ...referenceRoutes(deps),
    ...trajectorySearchRoutes(deps),
    ...trajectoryRoutes(deps),
    ...trajectoryActions(deps),
    ...trajectoryTransfer(deps),
    ...taskRoutes(deps),
    ...zrmRoutes(deps),
    ...supportPlanRoutes(deps),
    ...notificationRoutes(deps),
    ...deadlineRoutes(deps),
    ...deliveryRoutes(deps),
    ...kpiRoutes(deps),
    ...tariffRoutes(deps),
    ...budgetRoutes(deps),
    ...providerReviewRoutes(deps),
    ...operationsAlertRoutes(deps),
    ...clientAccessRoutes(deps),
  ];
}

/** The HTTP app without `listen`, so tests can serve it on a random port. */
export function createApp(deps: AppDependencies): Express {
  const { prisma, temporalProbe, jwtSecret, logger = createLogger() } = deps;
  const log = (message: string) => logger.warn(message);
  const workflowStarts = deps.workflowStarts ?? new WorkflowStarts({ ...deps, log });
  const metrics = httpMetrics();
  const declared = [...endpoints({ ...deps, workflowStarts }), ...codecRoutes(deps.payloadCodec)];
  const routes = deps.checkResponses ? checkingResponses(declared) : declared;
  const document = openApiDocument(routes);
  const app = express();
  app.disable('x-powered-by');
  if (deps.trustProxy !== undefined) app.set('trust proxy', deps.trustProxy);
  app.use(helmet());
  app.use(requestLogging(logger));
  app.use(metrics.middleware);
  // Answers can name clients: no browser or proxy may keep them.
  app.use((_req, res, next) => {
    res.setHeader('Cache-Control', 'no-store');
    next();
  });
  app.use('/codec', codecCors(deps.codecCorsOrigins ?? []));
  app.use(express.json({ limit: '100kb' }));
  app.use(
    healthRouter({ prisma, temporalProbe, namespace: deps.temporal.options.namespace, taskQueue: deps.taskQueue, log }),
  );
  // For the monitoring system's scraper; figures only, no personal data.
  app.get('/metrics', async (_req, res) => {
    res.type(metrics.registry.contentType).send(await metrics.registry.metrics());
  });
  app.get('/openapi.json', (_req, res) => res.json(document));
  app.get('/docs', (_req, res) => res.type('html').send(docsPage(routes)));
  app.use(
    webRouter(
      {
        prisma,
        routes,
        sessions: new Sessions(jwtSecret, deps.sessionIdleSeconds),
        devSignIn: !deps.oidc && (deps.devSignIn ?? false),
        oidc: deps.oidc && new Oidc(deps.oidc, prisma, jwtSecret),
        workflowLink: deps.temporalUiUrl
          ? workflowLinks(deps.temporalUiUrl, deps.temporal.options.namespace)
          : undefined,
      },
      (message) => logger.error(message),
    ),
  );
  app.use(authFailureLimiter(deps.authFailureLimit ?? 20));
  const auth = createAuth(prisma, jwtSecret, { maxLifetimeSeconds: deps.maxTokenLifetimeSeconds ?? 86_400 });
  app.use(endpointRouter(routes, auth, prisma, deps.idempotencyClaimTimeoutMs));
  app.use(notFound);
  app.use(errorHandler((message) => logger.error(message)));
  return app;
}
