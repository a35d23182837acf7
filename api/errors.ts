import type { ErrorRequestHandler, RequestHandler } from 'express';
import { isDatabaseUnavailable } from '../prisma/database-errors';
import { AppError, type ErrorDetail } from './app-error';
import { fromTemporal } from './workflow-errors';

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
