import { createPrisma, type PrismaClient } from '../prisma/client';
import { seedCatalogue, seedOrganisation } from '../prisma/seed/index';
import { startScratchPostgres } from './embedded-postgres';
import { applyMigrations } from './migrate';

/**
 * `npm run bench`: how the app's connection pool fares on the embedded PostgreSQL and, with BENCH_DATABASE_URL, on a real one. Each round runs the
 * queries the API runs most (a scoped trajectory list with its count, a task list) with as many
 * in flight as the pool has connections, twice over. Prints throughput and latency percentiles.
 */
const requests = Number(process.env.BENCH_REQUESTS ?? 400);
const poolSizes = [1, 5, 10];

async function listPage(prisma: PrismaClient): Promise<void> {
  const where = { phase: { not: 'CLOSED' as const } };
  await Promise.all([
    prisma.trajectory.findMany({ where, orderBy: [{ nextDeadlineAt: 'asc' }, { id: 'asc' }], take: 20 }),
    prisma.trajectory.count({ where }),
    prisma.task.findMany({ where: { status: 'OPEN' }, orderBy: [{ dueAt: 'asc' }, { id: 'asc' }], take: 20 }),
  ]);
}

async function round(url: string, poolSize: number) {
  const prisma = createPrisma(url, poolSize);
  try {
    await listPage(prisma); // open the connections before timing
    const latencies: number[] = [];
    const inFlight = poolSize * 2;
    let next = 0;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: inFlight }, async () => {
        while (next++ < requests) {
          const t0 = performance.now();
          await listPage(prisma);
          latencies.push(performance.now() - t0);
        }
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    latencies.sort((a, b) => a - b);
    const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))]!.toFixed(1);
    return {
      poolSize,
      inFlight,
      perSecond: (requests / seconds).toFixed(0),
      p50: pct(0.5),
      p95: pct(0.95),
      max: pct(1),
    };
  } finally {
    await prisma.$disconnect();
  }
}

async function prepare(url: string): Promise<void> {
  await applyMigrations(url);
  const prisma = createPrisma(url, 1);
  await seedCatalogue(prisma);
  await seedOrganisation(prisma);
  await prisma.$disconnect();
}

async function bench(name: string, url: string): Promise<void> {
  await prepare(url);
  console.log(`\n${name}: ${requests} list pages (3 queries each) per row`);
  console.table(
    await poolSizes.reduce(
      async (rows, size) => [...(await rows), await round(url, size)],
      Promise.resolve([] as object[]),
    ),
  );
}

async function main(): Promise<void> {
  const embedded = await startScratchPostgres('bench-pg-');
  try {
    await bench('embedded PostgreSQL', embedded.url);
  } finally {
    await embedded.stop();
  }
  const real = process.env.BENCH_DATABASE_URL;
  if (real) await bench('PostgreSQL at BENCH_DATABASE_URL', real);
  else console.log('\nSet BENCH_DATABASE_URL (a database the bench may migrate) to compare with a real PostgreSQL.');
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
