import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { BusinessDate } from '../../domain/calendar';
import type { ClosureReason } from '../../domain/closure-reasons';
import type { NoShowPolicy } from '../../domain/no-shows';
import type { EndEvaluationOutcome, TrajectoryPhase } from '../../domain/lifecycle';
import type { RecordedTime, TimeMixWarning } from '../../domain/utilisation';
import type { ZrmScores } from '../../domain/zrm';

export type { EndEvaluationOutcome, TrajectoryPhase };

/** The workflow id is the business key, so a trajectory can never run twice. */
export const trajectoryWorkflowId = (trajectoryId: string): string => `trajectory-${trajectoryId}`;

/** The product rules the workflow needs between decisions (copied from the catalogue at decision time). */
export interface IndicationSnapshot {
  indicationId: string;
  sequence: number;
  productCode: string;
  startDate: BusinessDate;
  endDate: BusinessDate; // inclusive
  hoursPerWeek: number | null;
  extendable: boolean;
  maxDurationMonths: number | null;
  interimEvaluationMonths: number | null;
  noShowPolicy?: NoShowPolicy; // absent in trajectories decided before no-shows were tracked
  noShowCap?: number | null;
  alwaysFinite?: boolean; // IB2: re-evaluated toward stop, IB1 or IB3 before its end (seed 001)
  resultFinanced?: boolean; // SDD categories: the support plan is discussed at least yearly (seed 001)
  surchargeCode?: string; // the opslag on top of the category (seed 001); an extension keeps it
}

/** What the current allocation period has used; starts empty with each period. */
export interface PeriodUsage {
  declaredMonths: string[];
  clientBoundMinutes: number;
  expansionAdvised: boolean;
  /** The consultant decided on the 80 % advice without a request (absent in older histories). */
  adviceAnswered?: boolean;
  declarableNoShows: number;
}

export interface ExtensionSnapshot {
  status: 'REQUESTED' | 'GRANTED' | 'REFUSED';
  reportId: string;
  next?: IndicationSnapshot; // the granted period, starting the day after the current end date
}

/** Uitbreiding (seed 003): more hours per week within the current allocation. */
export interface ExpansionSnapshot {
  status: 'REQUESTED' | 'GRANTED' | 'REFUSED';
  reportId: string;
  requestedHoursPerWeek: number;
}

/** What every phase knows; ids and dates only, never personal data. */
interface TrajectoryBase {
  trajectoryId: string;
  providerId: string;
  teamId: string;
  registeredAt: string; // ISO instant of the aanmelding
  intakeReminderLeadDays: number;
  /** Deadlines added after trajectories were already running, on only where patched() says so. */
  reviewsEnabled?: boolean;
  handledDeadlines: string[];
}

/** What an indication in force brings: its period's requests, usage and evaluations. */
interface InCare {
  indication: IndicationSnapshot;
  extension?: ExtensionSnapshot;
  expansion?: ExpansionSnapshot;
  period?: PeriodUsage;
  /** Over the whole trajectory: the 30 % indirect and 20 % digital limits are measured on these. */
  time?: RecordedTime;
  consecutiveNoShows?: number;
  endEvaluation?: EndEvaluationOutcome;
}
type NotInCare = { [K in keyof InCare]?: undefined };

export type RegisteredTrajectory = TrajectoryBase & NotInCare & { phase: 'REGISTERED'; intakeHeldOn?: undefined };
export type IntakeHeldTrajectory = TrajectoryBase & NotInCare & { phase: 'INTAKE_HELD'; intakeHeldOn: BusinessDate };
/** An active trajectory always has its indication. */
export type ActiveTrajectory = TrajectoryBase & InCare & { phase: 'ACTIVE'; intakeHeldOn: BusinessDate };
export type ClosedTrajectory = TrajectoryBase &
  Partial<InCare> & { phase: 'CLOSED'; intakeHeldOn?: BusinessDate; closedAt: string; closureReason: ClosureReason };

/** Everything the workflow knows, by phase. Carried across continue-as-new. */
export type TrajectorySnapshot = RegisteredTrajectory | IntakeHeldTrajectory | ActiveTrajectory | ClosedTrajectory;

export interface TrajectoryInput {
  trajectoryId: string;
  providerId: string;
  teamId: string;
  registeredAt: string;
  /** Days before the intake deadline that the provider is reminded (default 3). */
  intakeReminderLeadDays?: number;
  /** Set by continue-as-new at an indication boundary. */
  carriedOver?: TrajectorySnapshot;
}

export type DeadlineKind =
  | 'INTAKE_REMINDER'
  | 'INTAKE_OVERDUE'
  | 'EXTENSION_REQUEST_DUE'
  | 'INTERIM_EVALUATION'
  | 'END_EVALUATION'
  | 'SUPPORT_PLAN_REVIEW'
  | 'IB2_REEVALUATION'
  | 'ALLOCATION_END';

export interface PendingDeadline {
  kind: DeadlineKind;
  dueAt: string; // ISO instant
  key: string; // changes when the deadline moves, so a moved deadline is a new one
  /** Of the granted next period: shown ahead, acted on once that period has started. */
  upcoming?: true;
}

type WithoutHandled<T> = T extends unknown ? Omit<T, 'handledDeadlines'> : never;
export type TrajectoryView = WithoutHandled<TrajectorySnapshot> & { pendingDeadlines: PendingDeadline[] };

export interface RecordIntake {
  heldOn: BusinessDate;
  /**
   * Seed 003: the intake is the screening "om te bepalen of een client bij de aanbieder past". False:
   * the client does not fit, and the motivation (in the database) says why; absent: the client fits.
   */
  suitable?: boolean;
  motivationId?: string;
  actorId: string;
}

export interface DecideIndication {
  productCode: string;
  startDate: BusinessDate;
  endDate: BusinessDate;
  hoursPerWeek: number | null;
  zrm: ZrmScores;
  /** The surcharge (opslag) on top of the category, checked against the catalogue by the API; absent without. */
  surchargeCode?: string;
  actorId: string;
}

/** The report itself (goals reached, still needed, intended outflow) is stored by the API; the workflow keeps its id. */
export interface RequestExtension {
  reportId: string;
  actorId: string;
}

/** The provider asks for more hours per week (seed 003: at about 80 % use), with a report like an extension's. */
export interface RequestExpansion {
  reportId: string;
  hoursPerWeek: number;
  actorId: string;
}

/** Granted: the indication's hours per week become `hoursPerWeek` (default: as requested). */
export interface DecideExpansion {
  granted: boolean;
  hoursPerWeek?: number;
  /** Why it was decided so (required by the API when refused): the text stays in the database. */
  motivationId?: string;
  actorId: string;
}

export interface DecideExtension {
  granted: boolean;
  newEndDate?: BusinessDate;
  /** Why it was decided so (required by the API when refused): the text stays in the database. */
  motivationId?: string;
  actorId: string;
}

/** Hours delivered in one calendar month (seed 003: declared per month); direct includes digital. */
export interface DeclareHours {
  month: BusinessDate; // first day of the month
  directMinutes: number;
  indirectMinutes: number;
  digitalMinutes: number;
  /** Groepscontacttijd, this client's share (absent in declarations sent before it was a category). */
  groupMinutes?: number;
  actorId: string;
}

export interface DeclarationOutcome {
  warnings: TimeMixWarning[];
  usedShare: number;
  expansionAdvised: boolean;
  monthDoubled: boolean;
}

export interface RecordNoShow {
  occurredAt: string; // ISO instant of the missed appointment
  /** The appointment before this one was kept: the count of consecutive no-shows starts again. */
  afterKeptAppointment: boolean;
  actorId: string;
}

export interface NoShowOutcome {
  declarable: boolean;
  consecutive: number;
  action: 'NONE' | 'NOTIFY_LOCAL_TEAM' | 'RECONTACT';
}

/** The provider corrects the recorded intake day; the reason is stored by the API, the workflow keeps its id. */
export interface CorrectIntake {
  heldOn: BusinessDate;
  correctionId: string;
  actorId: string;
}

/** The provider corrects a declared month of the current period (all figures, as they should have been). */
export interface CorrectHours {
  month: BusinessDate;
  directMinutes: number;
  indirectMinutes: number;
  digitalMinutes: number;
  /** Absent in corrections sent before group contact time was a category: none. */
  groupMinutes?: number;
  correctionId: string;
  actorId: string;
}

/** Op- en afschalen (seed 003): another product in the same trajectory, a new indication. */
export interface ChangeProduct {
  productCode: string;
  startDate: BusinessDate; // the new product's first day; the current one ends the day before
  endDate: BusinessDate;
  hoursPerWeek: number | null;
  zrm: ZrmScores;
  /** The surcharge (opslag) on top of the category, checked against the catalogue by the API; absent without. */
  surchargeCode?: string;
  actorId: string;
}

/** A consultant moves the end date of the current allocation (within the product's rules). */
export interface ChangeEndDate {
  newEndDate: BusinessDate;
  actorId: string;
}

export interface RecordEndEvaluation {
  outcome: EndEvaluationOutcome;
  actorId: string;
}

export interface CloseRequest {
  reason: ClosureReason;
  actorId: string;
}

export const getState = defineQuery<TrajectoryView>('getState');
export const recordIntake = defineUpdate<TrajectoryView, [RecordIntake]>('recordIntake');
export const correctIntake = defineUpdate<TrajectoryView, [CorrectIntake]>('correctIntake');
export const decideIndication = defineUpdate<TrajectoryView, [DecideIndication]>('decideIndication');
export const requestExtension = defineUpdate<TrajectoryView, [RequestExtension]>('requestExtension');
export const decideExtension = defineUpdate<TrajectoryView, [DecideExtension]>('decideExtension');
export const requestExpansion = defineUpdate<TrajectoryView, [RequestExpansion]>('requestExpansion');
export const decideExpansion = defineUpdate<TrajectoryView, [DecideExpansion]>('decideExpansion');
export const declareHours = defineUpdate<DeclarationOutcome, [DeclareHours]>('declareHours');
export const correctHours = defineUpdate<DeclarationOutcome, [CorrectHours]>('correctHours');
export const recordNoShow = defineUpdate<NoShowOutcome, [RecordNoShow]>('recordNoShow');
export const changeProduct = defineUpdate<TrajectoryView, [ChangeProduct]>('changeProduct');
export const changeEndDate = defineUpdate<TrajectoryView, [ChangeEndDate]>('changeEndDate');
export const recordEndEvaluation = defineUpdate<TrajectoryView, [RecordEndEvaluation]>('recordEndEvaluation');
export const close = defineUpdate<TrajectoryView, [CloseRequest]>('close');

/** ApplicationFailure types of refused updates; the API maps WrongState to 409, InvalidInput to 400, RuleViolated to 422. */
export enum TrajectoryErrorType {
  WrongState = 'TrajectoryWrongState',
  InvalidInput = 'TrajectoryInvalidInput',
  RuleViolated = 'IndicationRuleViolated',
  UnknownProduct = 'UnknownProduct',
}

/** Each refusal's details[0]: what is wrong, with the field (an argument's name) and rule where there is one. */
export interface Refusal {
  message: string;
  field?: string;
  rule?: string;
}
