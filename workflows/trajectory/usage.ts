import { lastDayOfMonth } from '../../domain/calendar';
import { assessNoShow } from '../../domain/no-shows';
import {
  addTime,
  allocatedMinutes,
  clientBoundMinutes,
  monthDoubled,
  timeDifference,
  timeMixWarnings,
  timeTotalsOf,
  utilisationAdvice,
  type TimeTotals,
} from '../../domain/utilisation';
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
  const warnings = timeMixWarnings(addTime(t.time(s), change.delta));
  const usage = t.usage(s);
  const advice = utilisationAdvice({
    allocatedMinutes: allocatedMinutes(hoursPerWeek, i.startDate, i.endDate),
    usedMinutes: usage.clientBoundMinutes + clientBoundMinutes(change.delta),
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

type Assessment = ReturnType<typeof assess>;

/** What stored figures set off: the 80 % advice (once a period), a doubled month's notice, and the state's totals. */
async function followUse(
  { t, fx }: Lifecycle,
  at: { sequence: number; month: string; delta: TimeTotals },
  assessment: Assessment,
): Promise<DeclarationOutcome> {
  const { warnings, advice, firstExpansionAdvice, doubled } = assessment;
  if (firstExpansionAdvice) await fx.expansionAdvised(at.sequence, at.month);
  if (doubled) await fx.monthDoubled(at.sequence, at.month);
  t.declared(at.month, at.delta, advice.requestExpansion);
  return { warnings, usedShare: advice.usedShare, expansionAdvised: firstExpansionAdvice, monthDoubled: doubled };
}

/** A month's hours: stored with their warnings; at about 80 % the expansion advice, a doubled month alerts the consultant. */
export async function declareHours(ctx: Lifecycle, declaration: DeclareHours): Promise<DeclarationOutcome> {
  const s = ctx.t.inCare('declare hours');
  const { month } = declaration;
  const figures = timeTotalsOf(declaration);
  const assessment = assess(ctx.t, s, {
    delta: figures,
    monthMinutes: clientBoundMinutes(figures),
    month,
    through: month,
  });
  await ctx.fx.act.saveHourDeclaration({
    indicationId: s.indication.indicationId,
    month,
    ...figures,
    declaredAt: new Date().toISOString(),
    declaredById: declaration.actorId,
    warnings: assessment.warnings,
  });
  const outcome = await followUse(ctx, { sequence: s.indication.sequence, month, delta: figures }, assessment);
  await ctx.fx.audit('HOURS_DECLARED', declaration.actorId, { month, warnings: outcome.warnings.join(',') || null });
  return outcome;
}

/**
 * The provider corrects a declared month: the row takes the new figures and warnings, totals and
 * use move by the difference, and the 80 % advice and doubled-month alert follow the new figures.
 */
export async function correctHours(ctx: Lifecycle, correction: CorrectHours): Promise<DeclarationOutcome> {
  const s = ctx.t.inCare('correct hours');
  const { month } = correction;
  const before = timeTotalsOf(await ctx.fx.act.loadHourDeclaration({ indicationId: s.indication.indicationId, month }));
  const figures = timeTotalsOf(correction);
  const delta = timeDifference(before, figures);
  if (Object.values(delta).every((minutes) => minutes === 0))
    refuseAll(TrajectoryErrorType.InvalidInput, [
      { field: 'directMinutes', message: 'these are the declared figures already' },
    ]);
  const latest = ctx.t.usage(s).declaredMonths.reduce((a, b) => (a > b ? a : b), month);
  const assessment = assess(ctx.t, s, {
    delta,
    monthMinutes: clientBoundMinutes(figures),
    month,
    through: latest,
  });
  await ctx.fx.act.correctHourDeclaration({
    indicationId: s.indication.indicationId,
    month,
    ...figures,
    warnings: assessment.warnings,
  });
  const outcome = await followUse(ctx, { sequence: s.indication.sequence, month, delta }, assessment);
  await ctx.fx.audit('HOURS_CORRECTED', correction.actorId, {
    month,
    correctionId: correction.correctionId,
    directMinutesFrom: before.directMinutes,
    directMinutesTo: correction.directMinutes,
    indirectMinutesFrom: before.indirectMinutes,
    indirectMinutesTo: correction.indirectMinutes,
    digitalMinutesFrom: before.digitalMinutes,
    digitalMinutesTo: correction.digitalMinutes,
    groupMinutesFrom: before.groupMinutes,
    groupMinutesTo: figures.groupMinutes,
  });
  return outcome;
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
  await fx.saveNoShow({
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
  { granted, hoursPerWeek, motivationId, actorId }: DecideExpansion,
): Promise<TrajectoryView> {
  const s = t.inCare('decide an expansion');
  const volume = hoursPerWeek ?? s.expansion?.requestedHoursPerWeek ?? s.indication.hoursPerWeek ?? 0;
  if (granted) await fx.act.changeIndicationVolume({ indicationId: s.indication.indicationId, hoursPerWeek: volume });
  await fx.completeTasks(['DECIDE_EXPANSION'], actorId);
  t.expansionDecided(granted, volume);
  await fx.requestDecided('EXPANSION_DECIDED', {
    outcome: granted ? 'GRANTED' : 'REFUSED',
    ...(s.indication.hoursPerWeek !== null && { hoursPerWeek: granted ? volume : s.indication.hoursPerWeek }),
  });
  await fx.audit(granted ? 'EXPANSION_GRANTED' : 'EXPANSION_REFUSED', actorId, {
    hoursPerWeek: granted ? volume : null,
    ...(motivationId && { motivationId }),
  });
  return t.view();
}
