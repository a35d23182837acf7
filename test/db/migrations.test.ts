import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../../scripts/config';
import { applyMigrations } from '../../scripts/migrate';
import { createTestDatabase, type TestDatabase } from '../support/database';

const migrationNames = readdirSync(path.join(projectRoot, 'prisma', 'migrations'), { withFileTypes: true })
  .filter((e) => e.isDirectory())
  .map((e) => e.name)
  .sort();

/** The indexes schema.prisma declares, by Prisma's naming (`Model_a_b_idx`, `Model_a_b_key`). */
function declaredIndexes(): string[] {
  const schema = readFileSync(path.join(projectRoot, 'prisma', 'schema.prisma'), 'utf8');
  return [...schema.matchAll(/^model (\w+) \{([^}]*)\}/gm)].flatMap(([, model, body]) =>
    [...body!.matchAll(/@@(index|unique)\(\[([^\]]+)\]/g)].map(
      ([, kind, columns]) =>
        `${model}_${columns!
          .split(',')
          .map((c) => c.trim())
          .join('_')}_${kind === 'index' ? 'idx' : 'key'}`,
    ),
  );
}

describe('committed migrations on a blank database', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    // Not a copy of the run's template: this suite proves the migrations themselves.
    db = await createTestDatabase(5, process.env.TEST_DATABASE_URL, { applyMigrations: true });
  });
  afterAll(() => db?.drop());

  it('when applied to a blank database, then every migration is recorded as finished', async () => {
    const rows = await db.prisma.$queryRaw<{ migration_name: string; finished: boolean }[]>`
      SELECT migration_name, finished_at IS NOT NULL AS finished FROM _prisma_migrations ORDER BY migration_name`;
    expect(rows).toEqual(migrationNames.map((migration_name) => ({ migration_name, finished: true })));
  });

  it('when applied a second time (a restart), then nothing is applied again', async () => {
    const output = await applyMigrations(db.url);
    expect(output).toMatch(/No pending migrations to apply/);
  });

  it('when the schema is compared with the database, then every index it declares exists', async () => {
    const declared = declaredIndexes();
    expect(declared).toEqual(
      expect.arrayContaining(['Trajectory_teamId_nextDeadlineAt_id_idx', 'Task_teamId_status_dueAt_idx']),
    );
    const rows = await db.prisma.$queryRaw<{ indexname: string }[]>`
      SELECT indexname FROM pg_indexes WHERE schemaname = 'public'`;
    expect(rows.map((r) => r.indexname)).toEqual(expect.arrayContaining(declared));
  });

  it('when the schema is compared with the database, then every model has its table', async () => {
    const tables = await db.prisma.$queryRaw<{ table_name: string }[]>`
      SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name`;
    expect(tables.map((t) => t.table_name)).toEqual(
      expect.arrayContaining([
        'AuditEvent',
        'Client',
        'ClientIdentity',
        'HourDeclaration',
        'Indication',
        'NoShow',
        'Notification',
        'Product',
        'Provider',
        'Tariff',
        'Task',
        'Team',
        'Trajectory',
        'User',
        'ZrmAssessment',
        'ZrmScore',
      ]),
    );
  });
});
