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

/**
 * A request that does not have the shape its endpoint takes (400 VALIDATION_FAILED), each detail
 * naming a field; its own class so that the web pages can tell a value a field cannot take from a
 * refusal of what the value would do.
 */
export class SchemaViolation extends AppError {
  constructor(details: ErrorDetail[]) {
    super(400, 'VALIDATION_FAILED', 'The request is invalid', details);
  }
}

/** Business rules a request breaks (422 RULE_VIOLATED), each with its field in the body and the rule's name. */
export const rulesViolated = (refusals: { field: string; rule: string; message: string }[]): AppError =>
  new AppError(
    422,
    'RULE_VIOLATED',
    refusals.map((r) => `${r.rule}: ${r.message}`).join('; '),
    refusals.map((r) => ({ path: `body.${r.field}`, rule: r.rule, message: r.message })),
  );

/** Throws `rulesViolated` when any rule is broken. */
export function refuseRules(refusals: { field: string; rule: string; message: string }[]): void {
  if (refusals.length) throw rulesViolated(refusals);
}
