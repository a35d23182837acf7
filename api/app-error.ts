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
