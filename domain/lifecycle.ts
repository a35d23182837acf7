import { isOneOf } from './vocabulary';

/**
 * The lifecycle's vocabularies, each one list: the workflow, the activities, the API and the
 * database (schema.prisma's enums and comments) use these, and a test keeps the database equal.
 */

/** Where a trajectory stands: aanmelding, intake held, an indication in force, closed. */
export const trajectoryPhases = ['REGISTERED', 'INTAKE_HELD', 'ACTIVE', 'CLOSED'] as const;
export type TrajectoryPhase = (typeof trajectoryPhases)[number];

/** Bemoeizorg's end evaluation (seed 003): where the client went, or that contact or referral failed. */
export const endEvaluationOutcomes = ['STEPPED_DOWN', 'TRANSFERRED', 'CONTACT_FAILED', 'REFERRAL_FAILED'] as const;
export type EndEvaluationOutcome = (typeof endEvaluationOutcomes)[number];
export const isEndEvaluationOutcome = isOneOf(endEvaluationOutcomes);

/** Work the workflow opens for a consultant team or a provider (Task.kind). */
export const taskKinds = [
  'HOLD_INTAKE', // seed 003: the provider holds the intake within two weeks of the registration (aanmelding)
  'INTAKE_OVERDUE', // seed 003: the consultant follows up a missed intake
  'DECIDE_INDICATION', // seed 003: the intake is held and care starts only after the decision (beschikking)
  'OTHER_PROVIDER_NEEDED', // seed 003: the intake (screening) found the client does not fit the provider
  'DECIDE_EXTENSION', // seed 003: a request with its report waits for a decision
  'DECIDE_EXPANSION', // seed 003: more hours per week, advised at about 80 % use or requested
  'INTERIM_EVALUATION', // seed 003: bemoeizorg after 6 months
  'END_EVALUATION', // seed 003: bemoeizorg toward its end
  'RISK_ANALYSIS', // seed 003: failed contact or referral
  'FOLLOW_UP_PLAN', // seed 003: failed contact or referral
  'IB2_REEVALUATION', // seed 001: stop, IB1 or IB3
  'SUPPORT_PLAN_REVIEW', // seed 001: the support plan discussed at least yearly
  'RECONTACT_AFTER_NO_SHOWS', // seed 003: a third no-show in a row
] as const;
export type TaskKind = (typeof taskKinds)[number];

/** Tasks the workflow waits on: done by their own action (the intake, a decision, the end evaluation), so it learns of it. */
export const tasksDoneByAction = [
  'HOLD_INTAKE',
  'INTAKE_OVERDUE',
  'DECIDE_INDICATION',
  'OTHER_PROVIDER_NEEDED',
  'DECIDE_EXTENSION',
  'DECIDE_EXPANSION',
  'END_EVALUATION',
] as const satisfies readonly TaskKind[];
export const isDoneByAction = isOneOf(tasksDoneByAction);

/** Work that matters after the trajectory ends (seed 003: failed bemoeizorg needs a follow-up). */
export const tasksOutlivingClosure: readonly TaskKind[] = ['RISK_ANALYSIS', 'FOLLOW_UP_PLAN'];

export const isTaskKind = isOneOf(taskKinds);
