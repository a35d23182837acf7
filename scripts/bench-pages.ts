import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { bsnOf } from '../domain/bsn';
import { addDays, addMonths, dateOf } from '../domain/calendar';
import { zrmDomains } from '../domain/zrm';
import { createPrisma, type PrismaClient } from '../prisma/client';
import { demoIds } from '../prisma/seed/demo';
import { seedCatalogue, seedOrganisation } from '../prisma/seed/index';
import { apiAs, inFlight, startScript, stop } from './bench-support';
import { startScratchPostgres } from './embedded-postgres';
import { applyMigrations } from './migrate';
import { freePort } from './ports';

/**
 * `npm run bench:pages`: every web page with 10,000 trajectories in the database, on the embedded
 * stack as `npm start` runs it (the same script, as a child process, on this script's embedded
 * PostgreSQL). The bulk rows (with hours declared and hourly tariffs, for the costs) go in by SQL after start-up, so they have no workflows: the trajectory
 * page is measured on trajectories registered and decided through the API, and on closed ones.
 * Prints p50/p95/max per page against the 200 ms goal. BENCH_TRAJECTORIES and BENCH_ROUNDS change
 * the size and the number of timed requests per page.
 */
const trajectories = Number(process.env.BENCH_TRAJECTORIES ?? 10_000);
const rounds = Number(process.env.BENCH_ROUNDS ?? 60);
const GOAL_MS = 200;

/** The bulk: clients, trajectories in every phase, their indications and ZRM measurements, open tasks and notifications. */
async function fill(prisma: PrismaClient, n: number): Promise<void> {
  await prisma.$executeRawUnsafe(`
    CREATE TEMP TABLE bulk AS
    SELECT g AS n, gen_random_uuid() AS client,
           -- a kenmerk of its own (the first 8 digits are unique in the database): the number in hex
           (lpad(to_hex(g), 8, '0') || substr(gen_random_uuid()::text, 9))::uuid AS trajectory,
           CASE WHEN g % 20 < 5 THEN 'REGISTERED' WHEN g % 20 = 5 THEN 'INTAKE_HELD'
                WHEN g % 20 < 16 THEN 'ACTIVE' ELSE 'CLOSED' END AS phase,
           CASE WHEN g % 2 = 0 THEN '${demoIds.providerA}' ELSE '${demoIds.providerB}' END::uuid AS provider,
           now() - (g % 300) * interval '1 day' AS registered,
           now() + (g % 60) * interval '1 day' + interval '1 hour' AS due
    FROM generate_series(1, ${n}) AS g`);
  await prisma.$executeRawUnsafe(`INSERT INTO "Client" (id) SELECT client FROM bulk`);
  await prisma.$executeRawUnsafe(`
    INSERT INTO "ClientIdentity" ("clientId", bsn, "fullName", "dateOfBirth", "updatedAt")
    SELECT client, '7' || lpad(n::text, 8, '0'), 'Bench Cliënt ' || n, date '1980-01-01' + (n % 9000), now() FROM bulk`);
  await prisma.$executeRawUnsafe(`
    INSERT INTO "Trajectory" (id, "clientId", "providerId", "teamId", phase, "registeredAt", "intakeDueAt",
      "intakeHeldOn", "nextDeadlineAt", "nextDeadlineKind", "closedAt", "closureReason", "updatedAt")
    SELECT trajectory, client, provider, '${demoIds.teamZeist}', phase::"TrajectoryPhase", registered,
      registered + interval '14 days',
      CASE WHEN phase <> 'REGISTERED' THEN (registered + interval '7 days')::date END,
      CASE WHEN phase <> 'CLOSED' THEN due END,
      CASE phase WHEN 'REGISTERED' THEN 'INTAKE_OVERDUE' WHEN 'ACTIVE' THEN 'EXTENSION_REQUEST_DUE' END,
      CASE WHEN phase = 'CLOSED' THEN registered + interval '200 days' END,
      CASE WHEN phase = 'CLOSED' THEN (CASE WHEN n % 3 = 0 THEN 'STEP_DOWN' ELSE 'PER_PLAN' END)::"ClosureReason" END,
      now()
    FROM bulk`);
  await prisma.$executeRawUnsafe(`
    INSERT INTO "Indication" (id, "trajectoryId", sequence, "productCode", "startDate", "endDate", "volumeUnit",
      "hoursPerWeek", status, "decidedAt")
    SELECT gen_random_uuid(), trajectory, 1, CASE WHEN n % 3 = 0 THEN '02B04' ELSE '02B05' END,
      (registered + interval '8 days')::date, (registered + interval '8 days' + interval '11 months')::date,
      'HOURS_PER_WEEK', 3, (CASE WHEN phase = 'ACTIVE' THEN 'ACTIVE' ELSE 'ENDED' END)::"IndicationStatus",
      registered + interval '8 days'
    FROM bulk WHERE phase IN ('ACTIVE', 'CLOSED')`);
  await prisma.$executeRawUnsafe(`
    INSERT INTO "Task" (id, "idempotencyKey", "trajectoryId", kind, "assigneeRole", "teamId", "dueAt")
    SELECT gen_random_uuid(), 'bench:' || n, trajectory, 'DECIDE_EXTENSION', 'CONSULTANT', '${demoIds.teamZeist}',
      due - interval '30 days'
    FROM bulk WHERE phase = 'ACTIVE' AND n % 4 = 0`);
  await prisma.$executeRawUnsafe(`
    INSERT INTO "Notification" (id, "idempotencyKey", "trajectoryId", "recipientRole", "providerId", kind, payload)
    SELECT gen_random_uuid(), 'bench:' || n, trajectory, 'PROVIDER', provider, 'EXTENSION_REQUEST_DUE',
      jsonb_build_object('trajectoryId', trajectory, 'dueAt', due)
    FROM bulk WHERE phase <> 'CLOSED' AND n % 3 = 0`);
  // Hours declared for every month of care that has ended, priced per hour on the costs page (Kosten).
  await prisma.$executeRawUnsafe(`
    INSERT INTO "HourDeclaration" (id, "indicationId", month, "directMinutes", "indirectMinutes", "digitalMinutes",
      "declaredAt", warnings)
    SELECT gen_random_uuid(), i.id, m::date, 600, 120, 60, now(), '{}'
    FROM "Indication" i CROSS JOIN LATERAL generate_series(date_trunc('month', i."startDate"),
      least(i."endDate", now() - interval '1 month'), interval '1 month') AS m`);
  await prisma.$executeRawUnsafe(`
    INSERT INTO "Tariff" (id, "productCode", "validFrom", "amountCents", unit, source)
    SELECT gen_random_uuid(), code, date '2020-01-01', 6500, 'PER_HOUR', 'bench' FROM unnest(array['02B04', '02B05']) AS code`);
  // The ZRM: every decided trajectory measured at its decision, half of them again (the KPIs compare both).
  // Written as plain rows, as versions before stop 32 kept them: the stack's start-up seals them all.
  await prisma.$executeRawUnsafe(`
    CREATE TEMP TABLE zrm AS
    SELECT gen_random_uuid() AS id, trajectory, (registered + interval '8 days')::date AS day, n, 0 AS k
    FROM bulk WHERE phase IN ('ACTIVE', 'CLOSED')
    UNION ALL
    SELECT gen_random_uuid(), trajectory, (registered + interval '100 days')::date, n, 1
    FROM bulk WHERE phase IN ('ACTIVE', 'CLOSED') AND n % 2 = 0`);
  await prisma.$executeRawUnsafe(
    `INSERT INTO "ZrmAssessment" (id, "trajectoryId", "assessedOn") SELECT id, trajectory, day FROM zrm`,
  );
  await prisma.$executeRawUnsafe(`
    INSERT INTO "ZrmScore" ("assessmentId", domain, score)
    SELECT z.id, d, 1 + (z.n + z.k + e.i::int) % 5
    FROM zrm z CROSS JOIN unnest(enum_range(NULL::"ZrmDomain")) WITH ORDINALITY AS e(d, i)`);
  await prisma.$executeRawUnsafe(`ANALYZE`);
}

/** `npm start` on the given database, every port free, no e-mail leaving the machine; resolves at its Web line. */
async function startStack(databaseUrl: string, dataDir: string, jwtSecret: string) {
  const port = await freePort();
  const env = {
    DATABASE_URL: databaseUrl,
    DATA_DIR: dataDir,
    API_PORT: String(port),
    TEMPORAL_PORT: String(await freePort()),
    TEMPORAL_UI_PORT: String(await freePort()),
    MAILBOX_PORT: String(await freePort()),
    WORKER_METRICS_PORT: '0',
    JWT_SECRET: jwtSecret,
    DIGEST_SCHEDULE: 'false',
    LOG_LEVEL: 'warn',
    NODE_ENV: 'development',
  };
  const child = await startScript('start.ts', env, '  Web ');
  return { child, base: `http://127.0.0.1:${port}` };
}

/** A browser's session: the development sign-in with its CSRF token, as a person clicks it. */
async function signIn(base: string, userId: string): Promise<string> {
  const page = await fetch(`${base}/aanmelden`);
  const csrfCookie =
    page.headers
      .getSetCookie()
      .find((c) => c.startsWith('wmo_csrf='))
      ?.split(';')[0] ?? '';
  const token = /name="_csrf" value="([^"]+)"/.exec(await page.text())?.[1] ?? '';
  const signedIn = await fetch(`${base}/aanmelden`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Cookie: csrfCookie },
    body: new URLSearchParams({ userId, _csrf: token }),
  });
  const session = signedIn.headers
    .getSetCookie()
    .find((c) => c.startsWith('wmo_sessie='))
    ?.split(';')[0];
  if (!session) throw new Error(`Sign-in as ${userId} failed: ${signedIn.status}`);
  return `${csrfCookie}; ${session}`;
}

/** Trajectories with workflows: registered through the API, half with the intake and an indication. */
async function realTrajectories(base: string, jwtSecret: string): Promise<{ active: string; registered: string }> {
  const post = async (userId: string, url: string, body: object) =>
    (await apiAs(base, jwtSecret, userId).post(url, body)) as { trajectoryId: string };
  const today = dateOf(new Date());
  const ids: string[] = [];
  for (let i = 0; i < 10; i++) {
    const client = { bsn: bsnOf(i), fullName: `Echte Cliënt ${i}`, dateOfBirth: '1975-03-01' };
    ids.push((await post(demoIds.consultant, '/trajectories', { client, providerId: demoIds.providerA })).trajectoryId);
  }
  const zrm = Object.fromEntries(zrmDomains.map((d) => [d, 4]));
  for (const id of ids.slice(0, 5)) {
    await post(demoIds.providerUserA, `/trajectories/${id}/intake`, { heldOn: today });
    const indication = {
      productCode: '02B05',
      startDate: addDays(today, -20),
      endDate: addMonths(today, 6),
      hoursPerWeek: 3,
      zrm,
    };
    await post(demoIds.consultant, `/trajectories/${id}/indication`, indication);
  }
  return { active: ids[0]!, registered: ids[9]! };
}

/**
 * Each page `rounds` times one after another (after a warm-up), the time until the whole body is in;
 * with `form`, the page a form sends to (a search), with the session's CSRF token.
 */
async function time(base: string, cookie: string, who: string, url: string, form?: Record<string, string>) {
  let status = 0;
  const csrf = /wmo_csrf=([^;]+)/.exec(cookie)?.[1] ?? '';
  const get = async () => {
    const res = await fetch(`${base}${url}`, {
      redirect: 'manual',
      ...(form
        ? {
            method: 'POST',
            headers: { Cookie: cookie, 'Content-Type': 'application/x-www-form-urlencoded' },
            body: new URLSearchParams({ ...form, _csrf: csrf }),
          }
        : { headers: { Cookie: cookie } }),
    });
    await res.arrayBuffer();
    status = res.status;
  };
  await inFlight(1, 5, get);
  const run = await inFlight(1, rounds, get);
  return {
    page: `${who} ${url}${form ? ` ${Object.values(form).join(' ')}` : ''}`,
    status,
    p50: run.p50,
    p95: run.p95,
    max: run.max,
    goal: run.p95 < GOAL_MS ? 'ok' : 'TOO SLOW',
  };
}

async function main(): Promise<void> {
  const jwtSecret = randomBytes(32).toString('hex');
  const pg = await startScratchPostgres('bench-pages-');
  let child: ChildProcess | undefined;
  const prisma = createPrisma(pg.url, 4);
  try {
    await applyMigrations(pg.url);
    await seedCatalogue(prisma);
    await seedOrganisation(prisma);
    const stack = await startStack(pg.url, path.join(pg.folder, 'data'), jwtSecret);
    child = stack.child;
    const { base } = stack;
    const real = await realTrajectories(base, jwtSecret);
    const t0 = performance.now();
    await fill(prisma, trajectories);
    console.log(`${trajectories} trajectories written in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    const closed = await prisma.trajectory.findFirstOrThrow({ where: { phase: 'CLOSED' }, select: { id: true } });
    const counts = await prisma.trajectory.groupBy({ by: ['phase'], _count: { _all: true } });
    console.log(counts.map((c) => `${c.phase} ${c._count._all}`).join(', '));

    const consultant = await signIn(base, demoIds.consultant);
    const provider = await signIn(base, demoIds.providerUserA);
    const operations = await signIn(base, demoIds.operations);
    const pages: [string, string, string][] = [
      ['consultant', consultant, '/werkvoorraad'],
      ['consultant', consultant, '/werkvoorraad?pagina=20'],
      ['consultant', consultant, `/trajecten/${real.active}`],
      ['consultant', consultant, `/trajecten/${closed.id}`],
      ['consultant', consultant, '/trajecten/nieuw'],
      ['consultant', consultant, '/trajecten'],
      ['consultant', consultant, '/trajecten?fase=ACTIVE&pagina=20'],
      ['provider', provider, '/meldingen'],
      ['provider', provider, '/meldingen?pagina=40'],
      ['provider', provider, '/termijnen'],
      ['provider', provider, '/trajecten'],
      ['provider', provider, `/trajecten/${real.registered}`],
      ['operations', operations, '/overzicht'],
      ['operations', operations, '/overzicht?phase=ACTIVE&pagina=100'],
      ['operations', operations, `/overzicht?providerId=${demoIds.providerB}&tasks=late`],
      ['operations', operations, '/overzicht?deadlineWithinDays=14'],
      ['operations', operations, '/kosten'],
    ];
    const results: Awaited<ReturnType<typeof time>>[] = [];
    for (const [who, cookie, url] of pages) results.push(await time(base, cookie, who, url));
    // Searches by name look through every client of the team or provider: "cliënt 12" finds 111 of 10,000, "bench" all.
    for (const zoekterm of ['cliënt 12', 'ben']) {
      results.push(await time(base, consultant, 'consultant', '/trajecten/zoeken', { zoekterm }));
      results.push(await time(base, provider, 'provider', '/trajecten/zoeken', { zoekterm }));
    }
    console.log(`\nPages with ${trajectories} trajectories, ${rounds} requests each, one at a time (ms):`);
    console.table(results);
    const csvStart = performance.now();
    const csv = await fetch(`${base}/overzicht/trajecten.csv`, { headers: { Cookie: operations } });
    const lines = (await csv.text()).split('\r\n').length - 2;
    console.log(`CSV export of all ${lines} trajectories: ${(performance.now() - csvStart).toFixed(0)} ms`);
  } finally {
    await stop(child);
    await prisma.$disconnect();
    await pg.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
