import { addDays, addMonths, dateOf } from '../../domain/calendar';
import { zrmDomains } from '../../domain/zrm';
import { demoIds } from '../../prisma/seed/demo';
import { useApi } from '../support/api';

/** Seeds 001-003: the support plan, drawn up by the provider with the client, per ZRM domain what is expected and sought. */
describe('API: the support plan (ondersteuningsplan)', () => {
  const api = useApi();
  const { consultant, providerA, providerB, operations } = api;
  let id = '';
  let start = '';

  beforeAll(async () => {
    // The indication runs from 30 days ago: room for plans on earlier days.
    start = addDays(dateOf(new Date()), -30);
    id = await api.inCare('02B05', 3, start);
  });

  const planOf = async (who: typeof consultant) => (await who.get(`/trajectories/${id}`).expect(200)).body.supportPlan;
  const plans = () => api.db.prisma.supportPlan.count({ where: { trajectoryId: id } });
  const goals = {
    FINANCES: { expected: 'INCREASE', result: 'Zelf de post openen en rekeningen op tijd betalen.' },
    MENTAL_HEALTH: { expected: 'STABILISE', result: 'Medicatie op tijd, afspraken bij de behandelaar nagekomen.' },
  };

  it('when the provider records the plan, then consultant and provider read it, operations do not, the audit names its day only, and the yearly review it answers is done', async () => {
    expect(await planOf(providerA)).toBeNull();
    const review = await api.openTask(id, 'SUPPORT_PLAN_REVIEW', { dueInDays: 0, forProvider: true });
    const agreedOn = addDays(start, 5);
    const recorded = await providerA.post(`/trajectories/${id}/support-plans`, { agreedOn, goals }).expect(200);
    expect(recorded.body).toEqual({ planId: expect.any(String), agreedOn, reviewTasksCompleted: 1 });

    const expected = {
      agreedOn,
      contact: null,
      goals: [
        { domain: 'FINANCES', ...goals.FINANCES },
        { domain: 'MENTAL_HEALTH', ...goals.MENTAL_HEALTH },
      ],
    };
    const sorted = (plan: typeof expected) => ({
      ...plan,
      goals: [...plan.goals].sort((a, b) => a.domain.localeCompare(b.domain)),
    });
    expect(sorted(await planOf(providerA))).toEqual(expected);
    expect(sorted(await planOf(consultant))).toEqual(expected);
    expect(await planOf(operations)).toBeUndefined();
    // The results sought are health data: the database holds them sealed.
    const stored = await api.db.prisma.supportPlanGoal.findMany({ where: { planId: recorded.body.planId } });
    expect(stored.map((g) => g.result)).toEqual([
      expect.stringMatching(/^sealed:test:/),
      expect.stringMatching(/^sealed:test:/),
    ]);
    expect(JSON.stringify(stored)).not.toMatch(/rekeningen|Medicatie/);
    expect((await providerB.post(`/trajectories/${id}/support-plans`, { agreedOn, goals })).status).toBe(404);
    expect((await consultant.post(`/trajectories/${id}/support-plans`, { agreedOn, goals })).status).toBe(403);
    expect((await operations.post(`/trajectories/${id}/support-plans`, { agreedOn, goals })).status).toBe(403);

    const audit = await api.db.prisma.auditEvent.findMany({
      where: { trajectoryId: id, action: { in: ['SUPPORT_PLAN_RECORDED', 'TASK_COMPLETED'] } },
      orderBy: { occurredAt: 'asc' },
    });
    expect(audit.map((a) => [a.action, a.actorId, a.data])).toEqual([
      ['SUPPORT_PLAN_RECORDED', demoIds.providerUserA, { planId: recorded.body.planId, agreedOn }],
      ['TASK_COMPLETED', demoIds.providerUserA, { taskId: review.id, kind: 'SUPPORT_PLAN_REVIEW' }],
    ]);
    await expect(api.db.prisma.task.findUniqueOrThrow({ where: { id: review.id } })).resolves.toMatchObject({
      status: 'DONE',
      completedById: demoIds.providerUserA,
    });
  });

  it('when two plans of one day are sent at once, then one is kept and the other gets 409 on its date; a later plan is the one in force', async () => {
    const on = addDays(start, 15);
    const before = await plans();
    const answers = await Promise.all(
      [0, 1].map(() =>
        providerA.post(`/trajectories/${id}/support-plans`, {
          agreedOn: on,
          goals: { FINANCES: goals.FINANCES },
        }),
      ),
    );
    expect(answers.map((a) => a.status).sort()).toEqual([200, 409]);
    expect(answers.find((a) => a.status === 409)?.body.error).toMatchObject({
      code: 'PLAN_ALREADY_RECORDED',
      details: [expect.objectContaining({ path: 'body.agreedOn' })],
    });
    expect(await plans()).toBe(before + 1);
    expect(answers.find((a) => a.status === 200)?.body.reviewTasksCompleted).toBe(0);
    await expect(planOf(consultant)).resolves.toEqual({
      agreedOn: on,
      contact: null,
      goals: [{ domain: 'FINANCES', ...goals.FINANCES }],
    });
  });

  it('when a plan breaks a rule, then it is refused on the field that does, and nothing is written', async () => {
    const today = dateOf(new Date());
    const before = await plans();
    const refused = async (body: object, status: number, path: string, rule?: string) => {
      const res = await providerA.post(`/trajectories/${id}/support-plans`, body).expect(status);
      expect(res.body.error.details).toEqual([expect.objectContaining({ path, ...(rule && { rule }) })]);
    };
    await refused({ agreedOn: addDays(today, 1), goals }, 422, 'body.agreedOn', 'PLAN_IN_FUTURE');
    await refused({ agreedOn: addDays(start, -1), goals }, 422, 'body.agreedOn', 'PLAN_OUTSIDE_INDICATION');
    await refused({ agreedOn: today, goals: {} }, 400, 'body.goals');
    await refused(
      { agreedOn: today, goals: { FINANCES: { expected: 'INCREASE' } } },
      400,
      'body.goals.FINANCES.result',
    );
    await refused(
      { agreedOn: today, goals: { FINANCES: { expected: 'MORE', result: 'x' } } },
      400,
      'body.goals.FINANCES.expected',
    );
    // A domain the matrix does not have.
    await refused({ agreedOn: today, goals: { ...goals, GARDENING: goals.FINANCES } }, 400, 'body.goals');
    expect(await plans()).toBe(before);

    // Before the decision there is nothing to plan.
    const registered = await api.register(demoIds.providerA);
    const early = await providerA.post(`/trajectories/${registered}/support-plans`, { agreedOn: today, goals });
    expect(early.status).toBe(409);
    expect(early.body.error.code).toBe('WRONG_STATE');
  });

  it("when the plan is of the Drechtsteden's IB, then it works only on domains scored 2 or 3 at its start, acute ones only for time use and mental health, justice only beside mental health or substance use (seed 001)", async () => {
    const sdd = await api.register(demoIds.providerA, api.otherConsultant);
    await providerA.post(`/trajectories/${sdd}/intake`, { heldOn: dateOf(new Date()) }).expect(200);
    const zrm = {
      ...Object.fromEntries(zrmDomains.map((d) => [d, 3])),
      FINANCES: 4,
      HOUSING: 2,
      TIME_USE: 1,
      SUBSTANCE_USE: 1,
    };
    const decision = { productCode: 'IB1', startDate: start, endDate: addMonths(start, 6), hoursPerWeek: null, zrm };
    await api.otherConsultant.post(`/trajectories/${sdd}/indication`, decision).expect(200);
    const goal = goals.FINANCES;
    const plan = (agreedOn: string, domains: string[]) =>
      providerA.post(`/trajectories/${sdd}/support-plans`, {
        agreedOn,
        goals: Object.fromEntries(domains.map((d) => [d, goal])),
      });
    const refusals = async (agreedOn: string, domains: string[]) =>
      (await plan(agreedOn, domains).expect(422)).body.error.details.map((d: { path: string; rule: string }) => [
        d.path,
        d.rule,
      ]);

    await expect(refusals(addDays(start, 2), ['FINANCES', 'HOUSING', 'SUBSTANCE_USE', 'JUSTICE'])).resolves.toEqual([
      ['body.goals.FINANCES.expected', 'GOAL_SELF_SUFFICIENT'],
      ['body.goals.SUBSTANCE_USE.expected', 'GOAL_ACUTE'],
    ]);
    await expect(refusals(addDays(start, 2), ['HOUSING', 'JUSTICE'])).resolves.toEqual([
      ['body.goals.JUSTICE.expected', 'GOAL_JUSTICE_ALONE'],
    ]);
    expect(await api.db.prisma.supportPlan.count({ where: { trajectoryId: sdd } })).toBe(0);
    await plan(addDays(start, 2), ['HOUSING', 'TIME_USE', 'MENTAL_HEALTH', 'JUSTICE']).expect(200);

    // Finances measured at 2 on day 10: a plan agreed from then on may work on them, one agreed before may not.
    await providerA
      .post(`/trajectories/${sdd}/zrm-assessments`, { assessedOn: addDays(start, 10), scores: { FINANCES: 2 } })
      .expect(200);
    await expect(refusals(addDays(start, 5), ['FINANCES'])).resolves.toEqual([
      ['body.goals.FINANCES.expected', 'GOAL_SELF_SUFFICIENT'],
    ]);
    await plan(addDays(start, 10), ['FINANCES']).expect(200);
    // Zuid-Oost Utrecht's contract (seed 003) has no ZRM rule: the 02B05 plans above work on domains scored 4.
  });

  it('when the plan is of IB0, then it sets the contact moments and who takes the initiative (seed 000), and keeps the domains of a client stable on all of them stable', async () => {
    const ib0 = await api.register(demoIds.providerA, api.otherConsultant);
    await providerA.post(`/trajectories/${ib0}/intake`, { heldOn: dateOf(new Date()) }).expect(200);
    const stable = Object.fromEntries(zrmDomains.map((d) => [d, 4]));
    const decision = {
      productCode: 'IB0',
      startDate: start,
      endDate: addMonths(start, 6),
      hoursPerWeek: null,
      zrm: stable,
    };
    await api.otherConsultant.post(`/trajectories/${ib0}/indication`, decision).expect(200);
    const agreedOn = addDays(start, 2);
    const keep = { HOUSING: { expected: 'STABILISE', result: 'Blijft zelfstandig wonen; huur op tijd betaald.' } };
    const plan = (body: object) =>
      providerA.post(`/trajectories/${ib0}/support-plans`, { agreedOn, goals: keep, ...body });
    const refusal = async (body: object, status: number, path: string, rule?: string) => {
      const res = await plan(body).expect(status);
      expect(res.body.error.details).toEqual([expect.objectContaining({ path, ...(rule && { rule }) })]);
    };
    await refusal({}, 422, 'body.contact', 'IB0.CONTACT_AGREEMENT');
    await refusal({ contact: { everyWeeks: 0, approach: 'BOTH' } }, 400, 'body.contact.everyWeeks');
    await refusal({ contact: { everyWeeks: 53, approach: 'BOTH' } }, 400, 'body.contact.everyWeeks');
    await refusal({ contact: { everyWeeks: 2, approach: 'SOMETIMES' } }, 400, 'body.contact.approach');
    expect(await api.db.prisma.supportPlan.count({ where: { trajectoryId: ib0 } })).toBe(0);

    // Housing scored 4 at the start: kept stable, which seed 001's rule for IB1-3 (2 or 3) would refuse.
    await plan({ contact: { everyWeeks: 2, approach: 'BOTH' } }).expect(200);
    const read = (await providerA.get(`/trajectories/${ib0}`).expect(200)).body.supportPlan;
    expect(read).toEqual({
      agreedOn,
      contact: { everyWeeks: 2, approach: 'BOTH' },
      goals: [{ domain: 'HOUSING', ...keep.HOUSING }],
    });
  });

  it("when operations ask for KPIs, then each provider and product counts the latest plans' goals reached and not, as the ZRM measured them, kept with each plan and measurement", async () => {
    const kpi = async () =>
      (await operations.get(`/kpis?providerId=${demoIds.providerA}&product=02B05`).expect(200)).body.items;
    const measure = (assessedOn: string, scores: object) =>
      providerA.post(`/trajectories/${id}/zrm-assessments`, { assessedOn, scores }).expect(200);
    // The plan in force (day 15) expects finances to increase from the decision's 4; nothing measured since.
    await expect(kpi()).resolves.toEqual([expect.objectContaining({ planGoalsReached: 0, planGoalsMissed: 0 })]);
    await measure(addDays(start, 20), { FINANCES: 5 });
    await expect(kpi()).resolves.toEqual([expect.objectContaining({ planGoalsReached: 1, planGoalsMissed: 0 })]);

    // A new plan starts from day 20's measurement: finances to stay at 5 (they go down to 4: missed);
    // housing, not scored on day 20, cannot be judged.
    await providerA
      .post(`/trajectories/${id}/support-plans`, {
        agreedOn: addDays(start, 25),
        goals: { FINANCES: { ...goals.FINANCES, expected: 'STABILISE' }, HOUSING: goals.FINANCES },
      })
      .expect(200);
    await expect(kpi()).resolves.toEqual([expect.objectContaining({ planGoalsReached: 0, planGoalsMissed: 0 })]);
    await measure(addDays(start, 28), { FINANCES: 4, HOUSING: 4 });
    await expect(kpi()).resolves.toEqual([expect.objectContaining({ planGoalsReached: 0, planGoalsMissed: 1 })]);
  });
});
