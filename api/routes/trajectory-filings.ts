import { z } from 'zod';
import { dropMotivation, fileMotivation, type MotivatedRequest } from '../../prisma/records/motivations';
import { fileRequestReport, type ReportKind } from '../../prisma/records/request-reports';
import type { RouteDeps } from '../deps';
import { text } from '../schemas';

/*
 * What the API files beside a trajectory's update, sealed in the database (it is about the client's
 * care): a request's report, a correction's reason, a motivation. The workflow gets the id only, and
 * a filing whose update the workflow refuses is dropped again.
 */

/** Seed 003: goals reached, what is still needed, the intended outflow. */
export const report = z.strictObject({
  goalsReached: text(5000, { multiline: true }),
  stillNeeded: text(5000, { multiline: true }),
  intendedOutflow: text(5000, { multiline: true }),
});

/** The report may name the client: it stays in the database, sealed; the workflow gets its id. */
export async function fileReport(
  deps: RouteDeps,
  kind: ReportKind,
  content: z.output<typeof report>,
  { trajectoryId, actorId }: { trajectoryId: string; actorId: string },
): Promise<{ reportId: string }> {
  return {
    reportId: await fileRequestReport(deps.prisma, deps.secrets, { kind, trajectoryId, authorId: actorId, content }),
  };
}

/** A report whose request the workflow refused is not kept. */
export const dropReport = (deps: RouteDeps, { reportId }: { reportId: string }) =>
  deps.prisma.requestReport.delete({ where: { id: reportId } });

/** Why an intake day or a month's hours are corrected. */
export const correctionReason = text(1000, { multiline: true });

/** Why a value is corrected, kept sealed with its author; the workflow gets the id, the audit old and new value. */
export async function fileCorrection(
  deps: RouteDeps,
  kind: 'INTAKE' | 'HOURS',
  reason: string,
  { trajectoryId, actorId }: { trajectoryId: string; actorId: string },
): Promise<{ correctionId: string }> {
  const row = await deps.prisma.correction.create({
    data: { kind, trajectoryId, reason: deps.secrets.seal(reason), authorId: actorId },
  });
  return { correctionId: row.id };
}

export const dropCorrection = (deps: RouteDeps, { correctionId }: { correctionId: string }) =>
  deps.prisma.correction.delete({ where: { id: correctionId } });

/**
 * Why a request was decided so (_motivering_): a refusal needs one, so the provider reads why; a grant
 * may have one. An intake that found the client does not fit says why the same way.
 */
export const motivation = text(2000, { multiline: true }).optional();
export const motivatedWhenRefused = (b: { granted: boolean; motivation?: string }) =>
  b.granted || b.motivation !== undefined;
export const refusalNeedsMotivation = { path: ['motivation'], message: 'required when refused' };

/** A body with its motivation: the text filed (sealed), its id in its place for the workflow. */
export async function fileMotivated<B extends { motivation?: string }>(
  deps: RouteDeps,
  kind: MotivatedRequest,
  { motivation: given, ...decision }: B,
  { trajectoryId, actorId }: { trajectoryId: string; actorId: string },
): Promise<Omit<B, 'motivation'> & { motivationId?: string }> {
  if (given === undefined) return decision;
  const motivationId = await fileMotivation(deps.prisma, deps.secrets, {
    kind,
    trajectoryId,
    authorId: actorId,
    text: given,
  });
  return { ...decision, motivationId };
}

export const dropMotivationOf = (deps: RouteDeps, { motivationId }: { motivationId?: string }) =>
  motivationId ? dropMotivation(deps.prisma, motivationId) : Promise.resolve();
