import { checkDeclaredMonth, checkIntakeDate, checkNoShowTime } from '../../domain/business-dates';
import { firstOfMonth } from '../../domain/calendar';
import { isClosureReason, type ClosureReason } from '../../domain/closure-reasons';
import { nextPeriodStart } from '../../domain/indication-rules';
import { endEvaluationOutcomes, isEndEvaluationOutcome } from '../../domain/lifecycle';
import { addTime, clientBoundMinutes, noTime, timeTotalsOf, type TimeTotals } from '../../domain/utilisation';
import {
  TrajectoryErrorType,
  type ActiveTrajectory,
  type ChangeEndDate,
  type ChangeProduct,
  type CloseRequest,
  type CorrectHours,
  type CorrectIntake,
  type DecideExpansion,
  type DecideExtension,
  type DecideIndication,
  type DeclareHours,
  type EndEvaluationOutcome,
  type IndicationSnapshot,
  type PeriodUsage,
  type RecordEndEvaluation,
  type RecordIntake,
  type RecordNoShow,
  type RequestExpansion,
  type RequestExtension,
  type TrajectoryInput,
  type TrajectorySnapshot,
  type TrajectoryView,
} from './contracts';
import { pendingDeadlines } from './deadlines';
import {
  hourlyVolume,
  refuse,
  refuseAll,
  refuseDates,
  requireAnotherAllocation,
  requireDate,
  requireMinutes,
  requireMoreHours,
  requirePhase,
  requireWaitingRequest,
} from './refusals';

const emptyPeriod: PeriodUsage = {
  declaredMonths: [],
  clientBoundMinutes: 0,
  expansionAdvised: false,
  declarableNoShows: 0,
};

/**
 * The trajectory's state and its rules of change. Handlers validate with `check*` (synchronous,
 * nothing changes on refusal; `now` is the workflow's clock, absent when checking again after the
 * clock was checked) and apply with the mutators once they hold the workflow's lock; every change bumps `version`, which the main loop waits on.
 */
export class Trajectory {
  version = 0;
  state: TrajectorySnapshot;
  /** Set when the current history should end: the main loop continues as new once handlers finish. */
  boundaryReached = false;

  constructor(input: TrajectoryInput) {
    this.state = input.carriedOver ?? {
      trajectoryId: input.trajectoryId,
      providerId: input.providerId,
      teamId: input.teamId,
      registeredAt: input.registeredAt,
      intakeReminderLeadDays: input.intakeReminderLeadDays ?? 3,
      phase: 'REGISTERED',
      handledDeadlines: [],
    };
  }

  get closed(): boolean {
    return this.state.phase === 'CLOSED';
  }

  /** The active trajectory, or a refusal naming what could not be done. */
  inCare(action: string): ActiveTrajectory {
    const s = this.state;
    if (s.phase !== 'ACTIVE') return refuse(TrajectoryErrorType.WrongState, `Cannot ${action} in phase ${s.phase}`);
    return s;
  }

  /** Usage of the current period (older snapshots have none); reading never changes state. */
  usage(s: ActiveTrajectory): PeriodUsage {
    return s.period ?? emptyPeriod;
  }

  /** Client-bound time over the whole trajectory so far (older snapshots have none, or none of group time). */
  time(s: ActiveTrajectory): TimeTotals {
    return s.time ? timeTotalsOf(s.time) : noTime;
  }

  view(): TrajectoryView {
    const { handledDeadlines: _handled, ...rest } = this.state;
    return { ...rest, pendingDeadlines: pendingDeadlines(this.state) };
  }

  private changed(): void {
    this.version += 1;
  }

  // Intake and decision (seed 003: intake within two weeks, a decision after the intake).

  checkIntake(intake: RecordIntake, now?: Date): void {
    requirePhase(this.state.phase, ['REGISTERED'], 'record the intake');
    requireDate(intake.heldOn, 'heldOn');
    refuseDates(checkIntakeDate(intake.heldOn, this.state.registeredAt, now));
  }

  intakeHeld(heldOn: string): void {
    const s = this.state;
    if (s.phase !== 'REGISTERED') return;
    this.state = { ...s, phase: 'INTAKE_HELD', intakeHeldOn: heldOn };
    this.changed();
  }

  checkIntakeCorrection(correction: CorrectIntake, now?: Date): void {
    const s = this.state;
    if (s.phase !== 'INTAKE_HELD' && s.phase !== 'ACTIVE')
      refuse(TrajectoryErrorType.WrongState, `Cannot correct the intake in phase ${s.phase}`);
    requireDate(correction.heldOn, 'heldOn');
    refuseDates(checkIntakeDate(correction.heldOn, s.registeredAt, now));
    if (correction.heldOn === s.intakeHeldOn)
      refuse(TrajectoryErrorType.InvalidInput, `heldOn is already ${correction.heldOn}: nothing to correct`, 'heldOn');
    if (s.phase === 'ACTIVE' && correction.heldOn > s.indication.startDate) {
      refuseAll(TrajectoryErrorType.RuleViolated, [
        {
          field: 'heldOn',
          rule: 'INTAKE_AFTER_DECISION',
          message: `heldOn ${correction.heldOn} is after the start of the indication on ${s.indication.startDate}`,
        },
      ]);
    }
  }

  intakeCorrected(heldOn: string): void {
    const s = this.state;
    if (s.phase === 'INTAKE_HELD' || s.phase === 'ACTIVE') this.state = { ...s, intakeHeldOn: heldOn };
    this.changed();
  }

  checkDecision(decision: DecideIndication): void {
    requirePhase(this.state.phase, ['INTAKE_HELD'], 'decide an indication');
    requireDate(decision.startDate, 'startDate');
    requireDate(decision.endDate, 'endDate');
    if (decision.hoursPerWeek !== null && !(decision.hoursPerWeek > 0))
      refuse(TrajectoryErrorType.InvalidInput, 'hoursPerWeek must be positive', 'hoursPerWeek');
  }

  indicationDecided(indication: IndicationSnapshot): void {
    const s = this.state;
    if (s.phase !== 'INTAKE_HELD') return;
    this.state = { ...s, phase: 'ACTIVE', indication, period: undefined };
    this.changed();
  }

  // Use of the allocation: hours, no-shows, expansion (seed 003, dynamisch uitnutten).

  checkDeclaration(declaration: DeclareHours, now?: Date): void {
    const s = this.inCare('declare hours');
    hourlyVolume(s.indication);
    requireDate(declaration.month, 'month');
    if (firstOfMonth(declaration.month) !== declaration.month)
      refuse(TrajectoryErrorType.InvalidInput, 'month must be the first day of a month', 'month');
    requireMinutes(declaration);
    refuseDates(checkDeclaredMonth(declaration.month, s.indication, now));
    if (this.usage(s).declaredMonths.includes(declaration.month))
      refuse(TrajectoryErrorType.WrongState, `${declaration.month} was already declared: correct it instead`);
  }

  /** A month's minutes added (or, for a correction, the difference): totals and the period's use follow. */
  declared(month: string, delta: TimeTotals, expansionAdvised: boolean): void {
    const s = this.inCare('declare hours');
    s.time = addTime(this.time(s), delta);
    const p = this.usage(s);
    s.period = {
      ...p,
      declaredMonths: p.declaredMonths.includes(month) ? p.declaredMonths : [...p.declaredMonths, month],
      clientBoundMinutes: p.clientBoundMinutes + clientBoundMinutes(delta),
      expansionAdvised: p.expansionAdvised || expansionAdvised,
    };
    this.changed();
  }

  checkHoursCorrection(correction: CorrectHours): void {
    const s = this.inCare('correct hours');
    hourlyVolume(s.indication);
    requireDate(correction.month, 'month');
    requireMinutes(correction);
    if (!this.usage(s).declaredMonths.includes(correction.month)) {
      refuse(
        TrajectoryErrorType.WrongState,
        `${correction.month} was not declared in the current period: only a declared month can be corrected`,
      );
    }
  }

  checkNoShow(noShow: RecordNoShow, now?: Date): void {
    const s = this.inCare('record a no-show');
    if (Number.isNaN(Date.parse(noShow.occurredAt)))
      refuse(TrajectoryErrorType.InvalidInput, 'occurredAt must be an ISO instant', 'occurredAt');
    refuseDates(checkNoShowTime(noShow.occurredAt, s.indication, now));
  }

  noShowRecorded(consecutive: number, declarable: boolean): void {
    const s = this.inCare('record a no-show');
    s.consecutiveNoShows = consecutive;
    const p = this.usage(s);
    s.period = { ...p, declarableNoShows: p.declarableNoShows + (declarable ? 1 : 0) };
    this.changed();
  }

  checkExpansionRequest(request: RequestExpansion): void {
    const s = this.inCare('request an expansion');
    const current = hourlyVolume(s.indication);
    if (s.expansion?.status === 'REQUESTED')
      refuse(TrajectoryErrorType.WrongState, 'An expansion request is already waiting for a decision');
    if (!request.reportId)
      refuse(TrajectoryErrorType.InvalidInput, 'reportId is required: the report is mandatory', 'reportId');
    requireMoreHours(request.hoursPerWeek, current);
  }

  expansionRequested(request: RequestExpansion): void {
    const s = this.inCare('request an expansion');
    s.expansion = { status: 'REQUESTED', reportId: request.reportId, requestedHoursPerWeek: request.hoursPerWeek };
    this.changed();
  }

  checkExpansionDecision(decision: DecideExpansion): void {
    const s = this.inCare('decide an expansion');
    if (s.expansion?.status !== 'REQUESTED') {
      // Seed 003: at about 80 % use the consultant may decide on the advice without waiting for a request.
      const p = this.usage(s);
      if (!p.expansionAdvised || p.adviceAnswered) requireWaitingRequest(s.expansion, 'expansion');
      if (decision.granted && decision.hoursPerWeek === undefined)
        refuse(
          TrajectoryErrorType.InvalidInput,
          'hoursPerWeek is required: no request names the hours',
          'hoursPerWeek',
        );
    }
    if (decision.granted && decision.hoursPerWeek !== undefined)
      requireMoreHours(decision.hoursPerWeek, hourlyVolume(s.indication));
  }

  /** Granted: the new volume counts from now on, and a later 80 % of it may advise an expansion again. */
  expansionDecided(granted: boolean, hoursPerWeek: number): void {
    const s = this.inCare('decide an expansion');
    if (s.expansion?.status === 'REQUESTED') s.expansion = { ...s.expansion, status: granted ? 'GRANTED' : 'REFUSED' };
    else s.period = { ...this.usage(s), adviceAnswered: true };
    if (granted) {
      s.indication = { ...s.indication, hoursPerWeek };
      s.period = { ...this.usage(s), expansionAdvised: false, adviceAnswered: false };
    }
    this.changed();
  }

  // Changes to the allocation: extension, product change, end date (seed 003).

  checkExtensionRequest(request: RequestExtension): void {
    const s = this.inCare('request an extension');
    if (!s.indication.extendable)
      refuse(TrajectoryErrorType.WrongState, `${s.indication.productCode} cannot be extended`);
    if (s.extension)
      refuse(TrajectoryErrorType.WrongState, `An extension was already ${s.extension.status.toLowerCase()}`);
    // Seed 003: the report is mandatory.
    if (!request.reportId)
      refuse(TrajectoryErrorType.InvalidInput, 'reportId is required: the extension report is mandatory', 'reportId');
  }

  extensionRequested(reportId: string): void {
    this.inCare('request an extension').extension = { status: 'REQUESTED', reportId };
    this.changed();
  }

  checkExtensionDecision(decision: DecideExtension): void {
    const s = this.inCare('decide an extension');
    requireWaitingRequest(s.extension, 'extension');
    if (!decision.granted) return;
    if (!decision.newEndDate)
      return refuse(TrajectoryErrorType.InvalidInput, 'newEndDate is required when granting', 'newEndDate');
    requireDate(decision.newEndDate, 'newEndDate');
    const from = nextPeriodStart(s.indication.endDate);
    if (decision.newEndDate < from)
      refuse(TrajectoryErrorType.InvalidInput, `newEndDate must be on or after ${from}`, 'newEndDate');
  }

  extensionDecided(next: IndicationSnapshot | undefined): void {
    const s = this.inCare('decide an extension');
    if (!s.extension) return;
    s.extension = { ...s.extension, status: next ? 'GRANTED' : 'REFUSED', next };
    this.changed();
  }

  /** At the end date with a granted extension: the next period becomes current. */
  startNextPeriod(next: IndicationSnapshot): void {
    this.newIndication(this.inCare('start the next period'), next);
  }

  /** Another indication is current: its period starts with no requests and no use. */
  private newIndication(s: ActiveTrajectory, next: IndicationSnapshot, also: Partial<ActiveTrajectory> = {}): void {
    this.state = { ...s, indication: next, extension: undefined, expansion: undefined, period: undefined, ...also };
    this.changed();
  }

  checkProductChange(change: ChangeProduct): void {
    const s = this.inCare('change the product');
    requireDate(change.startDate, 'startDate');
    requireDate(change.endDate, 'endDate');
    const i = s.indication;
    // The same product may go on with fewer (or more) hours, or with or without its surcharge (seed 003:
    // "afgeschaald: minder uren, ... of een ander product"); the same allocation again changes nothing.
    requireAnotherAllocation(change, i);
    if (change.startDate <= i.startDate || change.startDate > nextPeriodStart(i.endDate)) {
      refuse(
        TrajectoryErrorType.InvalidInput,
        `startDate must fall after ${i.startDate} and by ${nextPeriodStart(i.endDate)}`,
        'startDate',
      );
    }
    if (s.extension?.status === 'GRANTED') {
      refuse(TrajectoryErrorType.WrongState, 'An extension was granted: change the product of the next period instead');
    }
  }

  productChanged(next: IndicationSnapshot): void {
    this.boundaryReached = true;
    this.newIndication(this.inCare('change the product'), next, { endEvaluation: undefined });
  }

  checkEndDateChange(change: ChangeEndDate): void {
    const s = this.inCare('change the end date');
    requireDate(change.newEndDate, 'newEndDate');
    if (change.newEndDate < s.indication.startDate) {
      refuse(
        TrajectoryErrorType.InvalidInput,
        `newEndDate is before the start date ${s.indication.startDate}`,
        'newEndDate',
      );
    }
    if (s.extension?.status === 'GRANTED') {
      refuse(
        TrajectoryErrorType.WrongState,
        'An extension was granted: change the end date of the next period instead',
      );
    }
  }

  endDateChanged(newEndDate: string): void {
    const s = this.inCare('change the end date');
    s.indication = { ...s.indication, endDate: newEndDate };
    this.changed();
  }

  // Evaluations and closure (seed 003 bemoeizorg; DOMAIN.md rule 8).

  checkEndEvaluation(evaluation: RecordEndEvaluation): void {
    const s = this.inCare('record an end evaluation');
    if (s.indication.interimEvaluationMonths === null)
      refuse(TrajectoryErrorType.WrongState, `${s.indication.productCode} has no end evaluation`);
    if (s.endEvaluation) refuse(TrajectoryErrorType.WrongState, 'The end evaluation was already recorded');
    if (!isEndEvaluationOutcome(evaluation.outcome)) {
      refuse(TrajectoryErrorType.InvalidInput, `outcome must be one of ${endEvaluationOutcomes.join(', ')}`, 'outcome');
    }
  }

  endEvaluated(outcome: EndEvaluationOutcome): void {
    this.inCare('record an end evaluation').endEvaluation = outcome;
    this.changed();
  }

  checkClose(request: CloseRequest): void {
    if (!isClosureReason(request.reason))
      refuse(TrajectoryErrorType.InvalidInput, `Unknown closure reason ${request.reason}`, 'reason');
    requirePhase(this.state.phase, ['REGISTERED', 'INTAKE_HELD', 'ACTIVE'], 'close the trajectory');
  }

  closedWith(reason: ClosureReason, closedAt: string): void {
    this.state = { ...this.state, phase: 'CLOSED', closedAt, closureReason: reason };
    this.changed();
  }

  handled(key: string): void {
    this.state.handledDeadlines.push(key);
    this.changed();
  }
}
