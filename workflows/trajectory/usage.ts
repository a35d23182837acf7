import { addDays, addMonths } from '../../domain/calendar';
import { assessNoShow } from '../../domain/no-shows';
import {
  allocatedMinutes,
  monthDoubled,
  timeMixWarnings,
  utilisationAdvice,
  type TimeTotals,
} from '../../domain/utilisation';
import { act } from './activity-proxy';
import {
  TrajectoryErrorType,
  type ActiveTrajectory,
  type CorrectHours,
  type DecideExpansion,
  type DeclarationOutcome,
  type DeclareHours,
  type NoShowOutcome,
  type RecordNoShow,
  type RequestExpansion,
  type TrajectoryView,
} from './contracts';
import type { Lifecycle } from './lifecycle';
import { refuseAll } from './refusals';
import type { Trajectory } from './state';

const lastDayOfMonth = (month: string) => addDays(addMonths(month, 1), -1);
const noTime: TimeTotals = { directMinutes: 0, indirectMinutes: 0, digitalMinutes: 0 };

/**
 * What a month's minutes mean for the period (seed 003, dynamisch uitnutten): the time-mix warnings
 * of the trajectory so far, the use of the allocation projected through `through` (a month's first
 * day), and whether the month alone holds twice its share.
 */
function assess(
  t: Trajectory,
  s: ActiveTrajectory,
  change: { delta: TimeTotals; monthMinutes: number; month: string; through: string },
) {
  const i = s.indication;
  const hoursPerWeek = i.hoursPerWeek ?? 0;
  const time = s.time ?? noTime;
  const { delta } = change;
  const warnings = timeMixWarnings({
    directMinutes: time.directMinutes + delta.directMinutes,
    indirectMinutes: time.indirectMinutes + delta.indirectMinutes,
    digitalMinutes: time.digitalMinutes + delta.digitalMinutes,
  });
  const usage = t.usage(s);
  const advice = utilisationAdvice({
    allocatedMinutes: allocatedMinutes(hoursPerWeek, i.startDate, i.endDate),
    usedMinutes: usage.clientBoundMinutes + delta.directMinutes + delta.indirectMinutes,
    startDate: i.startDate,
    endDate: i.endDate,
    through: lastDayOfMonth(change.through) < i.endDate ? lastDayOfMonth(change.through) : i.endDate,
  });
  return {
    warnings,
    advice,
    firstExpansionAdvice: advice.requestExpansion && !usage.expansionAdvised,
    doubled: monthDoubled(hoursPerWeek, change.month, change.monthMinutes),
  };
}

/** A month's hours: stored with their warnings; at about 80 % the expansion advice, a doubled month alerts the consultant. */
export async function declareHours({ t, fx }: Lifecycle, declaration: DeclareHours): Promise<DeclarationOutcome> {
  const s = t.inCare('declare hours');
  const i = s.indication;
  const monthMinutes = declaration.directMinutes + declaration.indirectMinutes;
  const { warnings, advice, firstExpansionAdvice, doubled } = assess(t, s, {
    delta: declaration,
    monthMinutes,
    month: declaration.month,
    through: declaration.month,
  });
  await act.saveHourDeclaration({
    indicationId: i.indicationId,
    month: declaration.month,
    directMinutes: declaration.directMinutes,
    indirectMinutes: declaration.indirectMinutes,
    digitalMinutes: declaration.digitalMinutes,
    declaredAt: new Date().toISOString(),
    declaredById: declaration.actorId,
    warnings,
  });
  if (firstExpansionAdvice) await fx.expansionAdvised(i.sequence, declaration.month);
  if (doubled) await fx.monthDoubled(i.sequence, declaration.month);
  t.declared(declaration.month, declaration, advice.requestExpansion);
  await fx.audit('HOURS_DECLARED', declaration.actorId, {
    month: declaration.month,
    warnings: warnings.join(',') || null,
  });
  return { warnings, usedShare: advice.usedShare, expansionAdvised: firstExpansionAdvice, monthDoubled: doubled };
}

/**
 * The provider corrects a declared month: the row takes the new figures and warnings, totals and
 * use move by the difference, and the 80 % advice and doubled-month alert follow the new figures.
 */
export async function correctHours({ t, fx }: Lifecycle, correction: CorrectHours): Promise<DeclarationOutcome> {
  const s = t.inCare('correct hours');
  const i = s.indication;
  const before = await act.loadHourDeclaration({ indicationId: i.indicationId, month: correction.month });
  const delta = {
    directMinutes: correction.directMinutes - before.directMinutes,
    indirectMinutes: correction.indirectMinutes - before.indirectMinutes,
    digitalMinutes: correction.digitalMinutes - before.digitalMinutes,
  };
  if (!delta.directMinutes && !delta.indirectMinutes && !delta.digitalMinutes)
    refuseAll(TrajectoryErrorType.InvalidInput, [
      { field: 'directMinutes', message: 'these are the declared figures already' },
    ]);
  const latest = t.usage(s).declaredMonths.reduce((a, b) => (a > b ? a : b), correction.month);
  const { warnings, advice, firstExpansionAdvice, doubled } = assess(t, s, {
    delta,
    monthMinutes: correction.directMinutes + correction.indirectMinutes,
    month: correction.month,
    through: latest,
  });
  await act.correctHourDeclaration({
    indicationId: i.indicationId,
    month: correction.month,
    directMinutes: correction.directMinutes,
    indirectMinutes: correction.indirectMinutes,
    digitalMinutes: correction.digitalMinutes,
    warnings,
  });
  if (firstExpansionAdvice) await fx.expansionAdvised(i.sequence, correction.month);
  if (doubled) await fx.monthDoubled(i.sequence, correction.month);
  t.declared(correction.month, delta, advice.requestExpansion);
  await fx.audit('HOURS_CORRECTED', correction.actorId, {
    month: correction.month,
    correctionId: correction.correctionId,
    directMinutesFrom: before.directMinutes,
    directMinutesTo: correction.directMinutes,
    indirectMinutesFrom: before.indirectMinutes,
    indirectMinutesTo: correction.indirectMinutes,
    digitalMinutesFrom: before.digitalMinutes,
    digitalMinutesTo: correction.digitalMinutes,
  });
  return { warnings, usedShare: advice.usedShare, expansionAdvised: firstExpansionAdvice, monthDoubled: doubled };
}

/** A no-show (seed 003): declarable per the product's policy; the second in a row and the third get a follow-up. */
export async function recordNoShow({ t, fx }: Lifecycle, noShow: RecordNoShow): Promise<NoShowOutcome> {
  const s = t.inCare('record a no-show');
  const i = s.indication;
  const outcome = assessNoShow({
    policy: i.noShowPolicy ?? 'NOT_APPLICABLE',
    cap: i.noShowCap ?? null,
    declarableSoFar: t.usage(s).declarableNoShows,
    consecutiveBefore: noShow.afterKeptAppointment ? 0 : (s.consecutiveNoShows ?? 0),
  });
  await act.saveNoShow({
    indicationId: i.indicationId,
    occurredAt: noShow.occurredAt,
    declarable: outcome.declarable,
    consecutive: outcome.consecutive,
    recordedAt: new Date().toISOString(),
    recordedById: noShow.actorId,
  });
  await fx.noShowFollowUp(outcome.action, i.sequence, {
    occurredAt: noShow.occurredAt,
    consecutive: outcome.consecutive,
  });
  t.noShowRecorded(outcome.consecutive, outcome.declarable);
  await fx.audit('NO_SHOW_RECORDED', noShow.actorId, {
    declarable: outcome.declarable,
    consecutive: outcome.consecutive,
  });
  return outcome;
}

/** Uitbreiding (seed 003): at 80 % use the decision task is already open; a request without that advice opens one. */
export async function requestExpansion({ t, fx }: Lifecycle, request: RequestExpansion): Promise<TrajectoryView> {
  const s = t.inCare('request an expansion');
  if (!t.usage(s).expansionAdvised) await fx.consultantTaskUntilEnd('DECIDE_EXPANSION', request.reportId);
  t.expansionRequested(request);
  await fx.audit('EXPANSION_REQUESTED', request.actorId, {
    reportId: request.reportId,
    hoursPerWeek: request.hoursPerWeek,
  });
  return t.view();
}

/** Granted: the indication's hours per week grow (default: as requested), and 80 % is measured against them. */
export async function decideExpansion(
  { t, fx }: Lifecycle,
  { granted, hoursPerWeek, actorId }: DecideExpansion,
): Promise<TrajectoryView> {
  const s = t.inCare('decide an expansion');
  const volume = hoursPerWeek ?? s.expansion?.requestedHoursPerWeek ?? s.indication.hoursPerWeek ?? 0;
  if (granted) await act.changeIndicationVolume({ indicationId: s.indication.indicationId, hoursPerWeek: volume });
  await fx.completeTasks(['DECIDE_EXPANSION'], actorId);
  t.expansionDecided(granted, volume);
  await fx.audit(granted ? 'EXPANSION_GRANTED' : 'EXPANSION_REFUSED', actorId, {
    hoursPerWeek: granted ? volume : null,
  });
  return t.view();
}
