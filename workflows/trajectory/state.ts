import { ApplicationFailure } from '@temporalio/workflow';
import { firstOfMonth, isBusinessDate } from '../../domain/calendar';
import { isClosureReason } from '../../domain/closure-reasons';
import { nextPeriodStart } from '../../domain/indication-rules';
import {
  TrajectoryErrorType,
  type CloseRequest,
  type ChangeEndDate,
  type ChangeProduct,
  type DecideExpansion,
  type DecideExtension,
  type DecideIndication,
  type DeclareHours,
  type RecordEndEvaluation,
  type PeriodUsage,
  type RecordNoShow,
  type IndicationSnapshot,
  type RecordIntake,
  type RequestExpansion,
  type RequestExtension,
  type TrajectoryInput,
  type TrajectoryPhase,
  type TrajectorySnapshot,
  type TrajectoryView,
} from './contracts';
import { pendingDeadlines } from './deadlines';

const refuse = (type: TrajectoryErrorType, message: string): never => {
  throw ApplicationFailure.create({ type, message, nonRetryable: true });
};

function requirePhase(actual: TrajectoryPhase, allowed: TrajectoryPhase[], action: string): void {
  if (!allowed.includes(actual)) refuse(TrajectoryErrorType.WrongState, `Cannot ${action} in phase ${actual}`);
}

function requireDate(value: string, field: string): void {
  if (!isBusinessDate(value))
    refuse(TrajectoryErrorType.InvalidInput, `${field} must be a date (YYYY-MM-DD): ${value}`);
}

/** A decision needs a request that waits for one. */
function requireWaitingRequest(request: { status: string } | undefined, what: string): void {
  if (request?.status !== 'REQUESTED')
    refuse(TrajectoryErrorType.WrongState, request ? `The ${what} was already decided` : `No ${what} was requested`);
}

/** An expansion is more hours per week than the indication has now. */
function requireMoreHours(hoursPerWeek: number, current: number): void {
  if (!(hoursPerWeek > current))
    refuse(TrajectoryErrorType.InvalidInput, `hoursPerWeek must be more than the current ${current}`);
}

/**
 * The trajectory's state and its rules of change. Handlers validate with `check*` (synchronous,
 * nothing changes on refusal) and apply with the mutators; every change bumps `version`, which the
 * main loop waits on to recompute its timers.
 */
export class Trajectory {
  version = 0;
  readonly s: TrajectorySnapshot;

  constructor(input: TrajectoryInput) {
    this.s = input.carriedOver ?? {
      trajectoryId: input.trajectoryId,
      providerId: input.providerId,
      teamId: input.teamId,
      registeredAt: input.registeredAt,
      intakeReminderLeadDays: input.intakeReminderLeadDays ?? 3,
      phase: 'REGISTERED',
      handledDeadlines: [],
    };
  }

  /** Usage of the current period (older snapshots have none); reading never changes state, validators use it. */
  get period(): PeriodUsage {
    return (
      this.s.period ?? { declaredMonths: [], clientBoundMinutes: 0, expansionAdvised: false, declarableNoShows: 0 }
    );
  }

  get closed(): boolean {
    return this.s.phase === 'CLOSED';
  }

  view(): TrajectoryView {
    const { handledDeadlines: _handled, ...rest } = this.s;
    return { ...rest, pendingDeadlines: pendingDeadlines(this.s) };
  }

  private changed(): void {
    this.version += 1;
  }

  checkIntake(r: RecordIntake): void {
    requirePhase(this.s.phase, ['REGISTERED'], 'record the intake');
    requireDate(r.heldOn, 'heldOn');
  }

  intakeHeld(heldOn: string): void {
    Object.assign(this.s, { phase: 'INTAKE_HELD', intakeHeldOn: heldOn });
    this.changed();
  }

  checkDecision(d: DecideIndication): void {
    // Seed 003: service starts only after a decision, and the decision follows the intake.
    requirePhase(this.s.phase, ['INTAKE_HELD'], 'decide an indication');
    requireDate(d.startDate, 'startDate');
    requireDate(d.endDate, 'endDate');
    if (d.hoursPerWeek !== null && !(d.hoursPerWeek > 0))
      refuse(TrajectoryErrorType.InvalidInput, 'hoursPerWeek must be positive');
  }

  indicationDecided(indication: IndicationSnapshot): void {
    Object.assign(this.s, { phase: 'ACTIVE', indication, period: undefined });
    this.changed();
  }

  checkDeclaration(d: DeclareHours): void {
    requirePhase(this.s.phase, ['ACTIVE'], 'declare hours');
    const i = this.s.indication!;
    if (i.hoursPerWeek === null) refuse(TrajectoryErrorType.WrongState, `${i.productCode} is not paid per hour`);
    requireDate(d.month, 'month');
    if (firstOfMonth(d.month) !== d.month)
      refuse(TrajectoryErrorType.InvalidInput, 'month must be the first day of a month');
    if (d.month < firstOfMonth(i.startDate) || d.month > i.endDate) {
      refuse(
        TrajectoryErrorType.InvalidInput,
        `month ${d.month} is outside the allocation ${i.startDate}..${i.endDate}`,
      );
    }
    for (const field of ['directMinutes', 'indirectMinutes', 'digitalMinutes'] as const) {
      if (!Number.isInteger(d[field]) || d[field] < 0)
        refuse(TrajectoryErrorType.InvalidInput, `${field} must be a whole number >= 0`);
    }
    if (d.digitalMinutes > d.directMinutes)
      refuse(TrajectoryErrorType.InvalidInput, 'digitalMinutes is part of directMinutes');
    if (this.period.declaredMonths.includes(d.month))
      refuse(TrajectoryErrorType.WrongState, `${d.month} was already declared`);
  }

  declared(d: DeclareHours, expansionAdvised: boolean): void {
    const t = this.s.time ?? { directMinutes: 0, indirectMinutes: 0, digitalMinutes: 0 };
    this.s.time = {
      directMinutes: t.directMinutes + d.directMinutes,
      indirectMinutes: t.indirectMinutes + d.indirectMinutes,
      digitalMinutes: t.digitalMinutes + d.digitalMinutes,
    };
    const p = this.period;
    this.s.period = {
      ...p,
      declaredMonths: [...p.declaredMonths, d.month],
      clientBoundMinutes: p.clientBoundMinutes + d.directMinutes + d.indirectMinutes,
      expansionAdvised: p.expansionAdvised || expansionAdvised,
    };
    this.changed();
  }

  checkNoShow(n: RecordNoShow): void {
    requirePhase(this.s.phase, ['ACTIVE'], 'record a no-show');
    if (Number.isNaN(Date.parse(n.occurredAt)))
      refuse(TrajectoryErrorType.InvalidInput, 'occurredAt must be an ISO instant');
  }

  noShowRecorded(consecutive: number, declarable: boolean): void {
    this.s.consecutiveNoShows = consecutive;
    const p = this.period;
    this.s.period = { ...p, declarableNoShows: p.declarableNoShows + (declarable ? 1 : 0) };
    this.changed();
  }

  checkExtensionRequest(r: RequestExtension): void {
    requirePhase(this.s.phase, ['ACTIVE'], 'request an extension');
    if (!this.s.indication?.extendable) {
      refuse(TrajectoryErrorType.WrongState, `${this.s.indication?.productCode} cannot be extended`);
    }
    if (this.s.extension)
      refuse(TrajectoryErrorType.WrongState, `An extension was already ${this.s.extension.status.toLowerCase()}`);
    // Seed 003: the report is mandatory.
    if (!r.reportId)
      refuse(TrajectoryErrorType.InvalidInput, 'reportId is required: the extension report is mandatory');
  }

  extensionRequested(reportId: string): void {
    this.s.extension = { status: 'REQUESTED', reportId };
    this.changed();
  }

  checkExtensionDecision(d: DecideExtension): void {
    requirePhase(this.s.phase, ['ACTIVE'], 'decide an extension');
    requireWaitingRequest(this.s.extension, 'extension');
    if (d.granted) {
      if (!d.newEndDate) refuse(TrajectoryErrorType.InvalidInput, 'newEndDate is required when granting');
      requireDate(d.newEndDate!, 'newEndDate');
      if (d.newEndDate! < this.nextPeriodStart()) {
        refuse(TrajectoryErrorType.InvalidInput, `newEndDate must be on or after ${this.nextPeriodStart()}`);
      }
    }
  }

  nextPeriodStart(): string {
    return nextPeriodStart(this.s.indication!.endDate);
  }

  extensionDecided(next: IndicationSnapshot | undefined): void {
    this.s.extension = { ...this.s.extension!, status: next ? 'GRANTED' : 'REFUSED', next };
    this.changed();
  }

  checkExpansionRequest(r: RequestExpansion): void {
    requirePhase(this.s.phase, ['ACTIVE'], 'request an expansion');
    const current = this.s.indication!.hoursPerWeek;
    if (current === null)
      refuse(TrajectoryErrorType.WrongState, `${this.s.indication!.productCode} is not paid per hour`);
    if (this.s.expansion?.status === 'REQUESTED')
      refuse(TrajectoryErrorType.WrongState, 'An expansion request is already waiting for a decision');
    if (!r.reportId) refuse(TrajectoryErrorType.InvalidInput, 'reportId is required: the report is mandatory');
    requireMoreHours(r.hoursPerWeek, current!);
  }

  expansionRequested(r: RequestExpansion): void {
    this.s.expansion = { status: 'REQUESTED', reportId: r.reportId, requestedHoursPerWeek: r.hoursPerWeek };
    this.changed();
  }

  checkExpansionDecision(d: DecideExpansion): void {
    requirePhase(this.s.phase, ['ACTIVE'], 'decide an expansion');
    requireWaitingRequest(this.s.expansion, 'expansion');
    if (d.granted && d.hoursPerWeek !== undefined) requireMoreHours(d.hoursPerWeek, this.s.indication!.hoursPerWeek!);
  }

  /** Granted: the new volume counts from now on, and a later 80 % of it may advise an expansion again. */
  expansionDecided(granted: boolean, hoursPerWeek: number): void {
    this.s.expansion = { ...this.s.expansion!, status: granted ? 'GRANTED' : 'REFUSED' };
    if (granted) {
      this.s.indication = { ...this.s.indication!, hoursPerWeek };
      this.s.period = { ...this.period, expansionAdvised: false };
    }
    this.changed();
  }

  /** At the end date with a granted extension: the next period becomes current. */
  startNextPeriod(): void {
    this.s.indication = this.s.extension!.next!;
    this.s.extension = undefined;
    this.s.expansion = undefined;
    this.s.period = undefined;
    this.changed();
  }

  /** Set when the current history should end: the main loop continues as new once handlers finish. */
  boundaryReached = false;

  checkProductChange(c: ChangeProduct): void {
    requirePhase(this.s.phase, ['ACTIVE'], 'change the product');
    requireDate(c.startDate, 'startDate');
    requireDate(c.endDate, 'endDate');
    const i = this.s.indication!;
    if (c.productCode === i.productCode)
      refuse(TrajectoryErrorType.InvalidInput, 'A product change needs another product');
    if (c.startDate <= i.startDate || c.startDate > nextPeriodStart(i.endDate)) {
      refuse(
        TrajectoryErrorType.InvalidInput,
        `startDate must fall after ${i.startDate} and by ${nextPeriodStart(i.endDate)}`,
      );
    }
    if (this.s.extension?.status === 'GRANTED') {
      refuse(TrajectoryErrorType.WrongState, 'An extension was granted: change the product of the next period instead');
    }
  }

  productChanged(next: IndicationSnapshot): void {
    Object.assign(this.s, {
      indication: next,
      extension: undefined,
      expansion: undefined,
      period: undefined,
      endEvaluation: undefined,
    });
    this.boundaryReached = true;
    this.changed();
  }

  checkEndDateChange(c: ChangeEndDate): void {
    requirePhase(this.s.phase, ['ACTIVE'], 'change the end date');
    requireDate(c.newEndDate, 'newEndDate');
    if (c.newEndDate < this.s.indication!.startDate) {
      refuse(TrajectoryErrorType.InvalidInput, `newEndDate is before the start date ${this.s.indication!.startDate}`);
    }
    if (this.s.extension?.status === 'GRANTED') {
      refuse(
        TrajectoryErrorType.WrongState,
        'An extension was granted: change the end date of the next period instead',
      );
    }
  }

  endDateChanged(newEndDate: string): void {
    this.s.indication = { ...this.s.indication!, endDate: newEndDate };
    this.changed();
  }

  checkEndEvaluation(e: RecordEndEvaluation): void {
    requirePhase(this.s.phase, ['ACTIVE'], 'record an end evaluation');
    if (this.s.indication?.interimEvaluationMonths === null) {
      refuse(TrajectoryErrorType.WrongState, `${this.s.indication.productCode} has no end evaluation`);
    }
    if (this.s.endEvaluation) refuse(TrajectoryErrorType.WrongState, 'The end evaluation was already recorded');
    const outcomes = ['STEPPED_DOWN', 'TRANSFERRED', 'CONTACT_FAILED', 'REFERRAL_FAILED'];
    if (!outcomes.includes(e.outcome))
      refuse(TrajectoryErrorType.InvalidInput, `outcome must be one of ${outcomes.join(', ')}`);
  }

  endEvaluated(outcome: RecordEndEvaluation['outcome']): void {
    this.s.endEvaluation = outcome;
    this.changed();
  }

  checkClose(c: CloseRequest): void {
    if (!isClosureReason(c.reason)) refuse(TrajectoryErrorType.InvalidInput, `Unknown closure reason ${c.reason}`);
    requirePhase(this.s.phase, ['REGISTERED', 'INTAKE_HELD', 'ACTIVE'], 'close the trajectory');
  }

  closedWith(reason: CloseRequest['reason'], closedAt: string): void {
    Object.assign(this.s, { phase: 'CLOSED', closedAt, closureReason: reason });
    this.changed();
  }

  handled(key: string): void {
    this.s.handledDeadlines.push(key);
    this.changed();
  }
}
