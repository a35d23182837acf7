import type { ErrorRequestHandler, RequestHandler } from 'express';
import { ZodError } from 'zod';
import { isDatabaseUnavailable } from '../prisma/database-errors';
import { fromTemporal } from './workflow-errors';

/** One problem with a request: the field it concerns (`body.month`), or the business rule it breaks. */
export interface ErrorDetail {
  path?: string;
  rule?: string;
  message: string;
}

/** The one error type routes throw: a stable code, an HTTP status, and details where relevant. */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: ErrorDetail[],
  ) {
    super(message);
  }
}

/** Body of every error response: { error: { code, message, details? } }. */
export interface ErrorBody {
  error: { code: string; message: string; details?: ErrorDetail[] };
}

export const notFound: RequestHandler = (req, _res, next) => {
  next(new AppError(404, 'NOT_FOUND', `No route for ${req.method} ${req.path}`));
};

/** What a thrown error means for the caller; anything unrecognised is a 500 (and logged). */
export function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  if (error instanceof ZodError) {
    const details = error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
    return new AppError(400, 'VALIDATION_FAILED', 'The request is invalid', details);
  }
  const temporal = fromTemporal(error);
  if (temporal) return temporal;
  if (isDatabaseUnavailable(error)) {
    return new AppError(503, 'DATABASE_UNAVAILABLE', 'The database is not available or busy; try again shortly');
  }
  const status = (error as { status?: unknown }).status;
  // express.json() raises these for malformed or oversized bodies.
  if (typeof status === 'number' && status >= 400 && status < 500) {
    const code = status === 413 ? 'BODY_TOO_LARGE' : 'BAD_REQUEST';
    return new AppError(status, code, (error as Error).message, [{ path: 'body', message: (error as Error).message }]);
  }
  return new AppError(500, 'INTERNAL', 'Internal error');
}

export function errorBody(e: AppError): ErrorBody {
  return { error: { code: e.code, message: e.message, ...(e.details && { details: e.details }) } };
}

export function errorHandler(log: (message: string) => void): ErrorRequestHandler {
  return (error, _req, res, _next) => {
    const appError = toAppError(error);
    if (appError.status >= 500) log(`Unhandled error: ${(error as Error)?.stack ?? String(error)}`);
    res.status(appError.status).json(errorBody(appError));
  };
}
