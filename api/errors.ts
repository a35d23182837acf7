import type { ErrorRequestHandler, RequestHandler } from 'express';
import { ZodError } from 'zod';

/** The one error type routes throw: a stable code, an HTTP status, and field paths where relevant. */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: { path: string; message: string }[],
  ) {
    super(message);
  }
}

/** Body of every error response: { error: { code, message, details? } }. */
export interface ErrorBody {
  error: { code: string; message: string; details?: { path: string; message: string }[] };
}

export const notFound: RequestHandler = (req, _res, next) => {
  next(new AppError(404, 'NOT_FOUND', `No route for ${req.method} ${req.path}`));
};

function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  if (error instanceof ZodError) {
    const details = error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
    return new AppError(400, 'VALIDATION_FAILED', 'The request is invalid', details);
  }
  const status = (error as { status?: unknown }).status;
  // express.json() raises these for malformed or oversized bodies.
  if (typeof status === 'number' && status >= 400 && status < 500) {
    return new AppError(status, 'BAD_REQUEST', (error as Error).message);
  }
  return new AppError(500, 'INTERNAL', 'Internal error');
}

export function errorHandler(log: (message: string) => void): ErrorRequestHandler {
  return (error, _req, res, _next) => {
    const appError = toAppError(error);
    if (appError.status >= 500) log(`Unhandled error: ${(error as Error)?.stack ?? String(error)}`);
    const body: ErrorBody = {
      error: { code: appError.code, message: appError.message, ...(appError.details && { details: appError.details }) },
    };
    res.status(appError.status).json(body);
  };
}
