import type { Connection } from '@temporalio/client';
import express, { type Express } from 'express';
import type { PrismaClient } from '../prisma/client';
import { errorHandler, notFound } from './errors';
import { healthRouter } from './health';

export interface AppDependencies {
  prisma: PrismaClient;
  temporalProbe: Connection;
  log?: (message: string) => void;
}

/** The HTTP app without `listen`, so tests can serve it on a random port. */
export function createApp({ prisma, temporalProbe, log = console.error }: AppDependencies): Express {
  const app = express();
  app.disable('x-powered-by');
  app.use(express.json({ limit: '100kb' }));
  app.use(healthRouter({ prisma, temporalProbe }));
  app.use(notFound);
  app.use(errorHandler(log));
  return app;
}
