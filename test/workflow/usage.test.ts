import { randomUUID } from 'node:crypto';
import { addMonths, dateOf, firstOfMonth, startOfDay } from '../../domain/calendar';
import { lastAllowedDay } from '../../domain/deadlines';
import {
  close,
  correctHours,
  decideExpansion,
  declareHours,
  recordNoShow,
  requestExpansion,
} from '../../workflows/trajectory/contracts';
import { localActivityTypes, recordHistory } from '../support/histories';
import { useLifecycle } from '../support/lifecycle';

// On Temporal's time-skipping test server: months of timers in well under a second.
describe('trajectory workflow: hour declarations and no-shows', () => {
  const { env, now, db, consultant, provider, withWorker, startTrajectory, notifications, tasks, intakeAndDecide } =
    useLifecycle();

  /** Lets the server's clock pass a moment: hours are declared for months that have begun, no-shows once they happened. */
  const passTime = async (moment: Date) => env.sleep(Math.max(0, moment.getTime() - (await now()).getTime()) + 60_000);

  it('when monthly hours pass 80 % with a projected shortfall, then expansion is advised once; a doubled month and a high indirect share are flagged', async () => {
    await withWorker(async (taskQueue) => {
      const { trajectoryId, registeredAt, handle } = await startTrajectory(taskQueue);
      const start = dateOf(registeredAt);
      await intakeAndDecide(handle, '02B05', start, lastAllowedDay(start, 12)); // 4 h/week for a year
      const month1 = firstOfMonth(start);
      const declare = (month: string, directMinutes: number, indirectMinutes: number) =>
        handle.executeUpdate(declareHours, {
          args: [{ month, directMinutes, indirectMinutes, digitalMinutes: 0, actorId: provider }],
        });

      const first = await declare(month1, 9_000, 1_100); // about 81 % of 208 h in one month
      expect(first).toMatchObject({ warnings: [], expansionAdvised: true, monthDoubled: true });
      expect(first.usedShare).toBeGreaterThanOrEqual(0.8);
      await passTime(startOfDay(addMonths(month1, 1)));
      const second = await declare(addMonths(month1, 1), 100, 4_000); // indirect now 36 % of the trajectory
      expect(second).toMatchObject({
        warnings: ['INDIRECT_ABOVE_30_PERCENT'],
        expansionAdvised: false,
        monthDoubled: true,
      });
      await expect(declare(month1, 60, 0)).rejects.toMatchObject({ cause: { type: 'TrajectoryWrongState' } });

      const rows = await db.prisma.hourDeclaration.findMany({
        orderBy: { month: 'asc' },
        where: { indication: { trajectoryId } },
      });
      expect(rows.map((r) => [r.directMinutes, r.indirectMinutes, r.warnings])).toEqual([
        [9_000, 1_100, []],
        [100, 4_000, ['INDIRECT_ABOVE_30_PERCENT']],
      ]);
      expect((await notifications(trajectoryId)).map((n) => [n.kind, n.recipientRole])).toEqual([
        ['EXPANSION_ADVISED', 'PROVIDER'],
        ['MONTH_DOUBLED', 'CONSULTANT'],
        ['MONTH_DOUBLED', 'CONSULTANT'],
      ]);
      expect((await tasks(trajectoryId)).map((x) => x.kind)).toEqual(['DECIDE_EXPANSION']);
      await handle.executeUpdate(close, { args: [{ reason: 'PER_PLAN', actorId: consultant }] });
      await recordHistory(handle, 'hours-and-expansion');
    });
  });

  it('when the provider requests an expansion and the consultant grants it, then the volume grows, the decision task closes and 80 % is measured anew', async () => {
    await withWorker(async (taskQueue) => {
      const { trajectoryId, registeredAt, handle } = await startTrajectory(taskQueue);
      const start = dateOf(registeredAt);
      await intakeAndDecide(handle, '02B05', start, lastAllowedDay(start, 12)); // 4 h/week
      const month1 = firstOfMonth(start);
      const declare = (month: string, directMinutes: number) =>
        handle.executeUpdate(declareHours, {
          args: [{ month, directMinutes, indirectMinutes: 0, digitalMinutes: 0, actorId: provider }],
        });
      const decide = (granted: boolean, hoursPerWeek?: number) =>
        handle.executeUpdate(decideExpansion, { args: [{ granted, hoursPerWeek, actorId: consultant }] });
      const request = (hoursPerWeek: number) =>
        handle.executeUpdate(requestExpansion, { args: [{ reportId: randomUUID(), hoursPerWeek, actorId: provider }] });

      await expect(decide(true)).rejects.toMatchObject({ cause: { type: 'TrajectoryWrongState' } });
      await expect(request(3)).rejects.toMatchObject({ cause: { type: 'TrajectoryInvalidInput' } });
      expect((await declare(month1, 10_200)).expansionAdvised).toBe(true); // 82 % of 208 h
      await request(8);
      await expect(request(9)).rejects.toMatchObject({ cause: { type: 'TrajectoryWrongState' } });
      const granted = await decide(true);
      expect(granted.indication?.hoursPerWeek).toBe(8);
      expect(granted.expansion).toMatchObject({ status: 'GRANTED', requestedHoursPerWeek: 8 });

      const indication = await db.prisma.indication.findFirstOrThrow({ where: { trajectoryId } });
      expect(Number(indication.hoursPerWeek)).toBe(8);
      expect((await tasks(trajectoryId)).map((x) => [x.kind, x.status])).toEqual([['DECIDE_EXPANSION', 'DONE']]);
      // 10 200 of now 416 h is 41 %: the next month is no reason to advise again.
      await passTime(startOfDay(addMonths(month1, 1)));
      expect((await declare(addMonths(month1, 1), 600)).expansionAdvised).toBe(false);
      await handle.executeUpdate(close, { args: [{ reason: 'PER_PLAN', actorId: consultant }] });
    });
  });

  it('when 80 % is reached and no request comes, then the consultant decides on the advice: without hours a grant is refused, a refusal closes the task, and a grant sets the hours', async () => {
    await withWorker(async (taskQueue) => {
      const { trajectoryId, registeredAt, handle } = await startTrajectory(taskQueue);
      const start = dateOf(registeredAt);
      await intakeAndDecide(handle, '02B05', start, lastAllowedDay(start, 12)); // 4 h/week
      const decide = (granted: boolean, hoursPerWeek?: number) =>
        handle.executeUpdate(decideExpansion, { args: [{ granted, hoursPerWeek, actorId: consultant }] });
      const declared = await handle.executeUpdate(declareHours, {
        args: [
          {
            month: firstOfMonth(start),
            directMinutes: 10_200,
            indirectMinutes: 0,
            digitalMinutes: 0,
            actorId: provider,
          },
        ],
      });
      expect(declared.expansionAdvised).toBe(true);
      await expect(decide(true)).rejects.toMatchObject({
        cause: { type: 'TrajectoryInvalidInput', message: expect.stringContaining('hoursPerWeek') },
      });
      await expect(decide(true, 4)).rejects.toMatchObject({ cause: { type: 'TrajectoryInvalidInput' } });
      const refused = await decide(false);
      expect(refused.period).toMatchObject({ expansionAdvised: true, adviceAnswered: true });
      expect((await tasks(trajectoryId)).map((x) => [x.kind, x.status])).toEqual([['DECIDE_EXPANSION', 'DONE']]);
      // Answered: a second decision waits for the provider's request.
      await expect(decide(true, 6)).rejects.toMatchObject({ cause: { type: 'TrajectoryWrongState' } });
      await handle.executeUpdate(requestExpansion, {
        args: [{ reportId: randomUUID(), hoursPerWeek: 6, actorId: provider }],
      });
      const granted = await decide(true);
      expect(granted.indication?.hoursPerWeek).toBe(6);
      await handle.executeUpdate(close, { args: [{ reason: 'PER_PLAN', actorId: consultant }] });
    });
  });

  it('when no-shows follow each other, then the team hears at the second and a re-contact task opens at the third; 02B05 declares at most 6', async () => {
    await withWorker(async (taskQueue) => {
      const { trajectoryId, registeredAt, handle } = await startTrajectory(taskQueue);
      const start = dateOf(registeredAt);
      await intakeAndDecide(handle, '02B05', start, lastAllowedDay(start, 12));
      await passTime(new Date(registeredAt.getTime() + 7 * 86_400_000));
      const outcomes = [];
      for (let n = 1; n <= 7; n += 1) {
        const occurredAt = new Date(registeredAt.getTime() + n * 86_400_000).toISOString();
        // After the third in a row, appointments in between are kept again.
        const afterKeptAppointment = n > 3;
        outcomes.push(
          await handle.executeUpdate(recordNoShow, { args: [{ occurredAt, afterKeptAppointment, actorId: provider }] }),
        );
      }
      expect(outcomes.map((o) => [o.consecutive, o.action])).toEqual([
        [1, 'NONE'],
        [2, 'NOTIFY_LOCAL_TEAM'],
        [3, 'RECONTACT'],
        [1, 'NONE'],
        [1, 'NONE'],
        [1, 'NONE'],
        [1, 'NONE'],
      ]);
      const rows = await db.prisma.noShow.findMany({
        where: { indication: { trajectoryId } },
        orderBy: { occurredAt: 'asc' },
      });
      expect(rows.map((r) => r.declarable)).toEqual([true, true, true, true, true, true, false]);
      expect((await notifications(trajectoryId)).map((x) => x.kind)).toEqual(['CONSECUTIVE_NO_SHOWS']);
      expect(await tasks(trajectoryId)).toMatchObject([
        { kind: 'RECONTACT_AFTER_NO_SHOWS', assigneeRole: 'CONSULTANT', status: 'OPEN' },
      ]);
      await handle.executeUpdate(close, { args: [{ reason: 'BY_CLIENT', actorId: consultant }] });
      // Each change's audit event and no-show row went with its record in one local activity and
      // transaction (patches 'batched-writes', 'all-changes-2026-12-06'): a no-show is one local
      // activity, not three; the audit keeps its order.
      const audit = await db.prisma.auditEvent.findMany({ where: { trajectoryId }, orderBy: { id: 'asc' } });
      expect(audit.map((a) => a.action)).toEqual([
        'TRAJECTORY_STARTED',
        'INTAKE_RECORDED',
        'INDICATION_DECIDED',
        ...Array.from({ length: 7 }, () => 'NO_SHOW_RECORDED'),
        'TRAJECTORY_CLOSED',
      ]);
      const written = localActivityTypes(await handle.fetchHistory());
      expect(written).not.toContain('recordAuditEvent');
      expect(written).not.toContain('saveNoShow');
      await recordHistory(handle, 'no-shows');
    });
  });

  it('when the provider corrects a declared month, then the row, the totals and the 80 % advice follow the corrected figures (group contact time counted as used), audited with old and new', async () => {
    await withWorker(async (taskQueue) => {
      const { trajectoryId, registeredAt, handle } = await startTrajectory(taskQueue);
      const start = dateOf(registeredAt);
      await intakeAndDecide(handle, '02B05', start, lastAllowedDay(start, 12)); // 4 h/week: 208 h a year
      const month = firstOfMonth(start);
      const figures = { directMinutes: 6_000, indirectMinutes: 600, digitalMinutes: 0 }; // 53 %: no advice yet
      expect(
        (await handle.executeUpdate(declareHours, { args: [{ month, ...figures, actorId: provider }] }))
          .expansionAdvised,
      ).toBe(false);
      const correct = (corrected: typeof figures & { groupMinutes?: number }) =>
        handle.executeUpdate(correctHours, {
          args: [{ month, ...corrected, correctionId: randomUUID(), actorId: provider }],
        });

      await expect(correct(figures)).rejects.toMatchObject({ cause: { type: 'TrajectoryInvalidInput' } });
      // 82 % with the group sessions' share: 8,000 direct + 600 indirect + 1,600 group
      const corrected = await correct({
        directMinutes: 8_000,
        indirectMinutes: 600,
        digitalMinutes: 1_000,
        groupMinutes: 1_600,
      });
      expect(corrected).toMatchObject({ expansionAdvised: true, warnings: [] });

      const row = await db.prisma.hourDeclaration.findFirstOrThrow({ where: { indication: { trajectoryId } } });
      expect([row.directMinutes, row.indirectMinutes, row.digitalMinutes, row.groupMinutes]).toEqual([
        8_000, 600, 1_000, 1_600,
      ]);
      const state = await handle.query('getState');
      expect(state).toMatchObject({
        time: { directMinutes: 8_000, indirectMinutes: 600, digitalMinutes: 1_000, groupMinutes: 1_600 },
        period: { declaredMonths: [month], clientBoundMinutes: 10_200, expansionAdvised: true },
      });
      expect((await notifications(trajectoryId)).map((n) => n.kind)).toContain('EXPANSION_ADVISED');
      expect((await tasks(trajectoryId)).map((x) => x.kind)).toEqual(['DECIDE_EXPANSION']);
      const audit = await db.prisma.auditEvent.findFirstOrThrow({ where: { trajectoryId, action: 'HOURS_CORRECTED' } });
      expect(audit.data).toMatchObject({
        month,
        directMinutesFrom: 6_000,
        directMinutesTo: 8_000,
        groupMinutesFrom: 0,
        groupMinutesTo: 1_600,
      });
      expect(audit.actorId).toBe(provider);
      await expect(
        handle.executeUpdate(correctHours, {
          args: [{ month: addMonths(month, 1), ...figures, correctionId: randomUUID(), actorId: provider }],
        }),
      ).rejects.toMatchObject({ cause: { type: 'TrajectoryWrongState' } });
      await handle.executeUpdate(close, { args: [{ reason: 'PER_PLAN', actorId: consultant }] });
      await recordHistory(handle, 'hours-corrected');
    });
  });
});
