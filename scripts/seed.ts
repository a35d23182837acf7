import { loadConfig } from './config';
import { openDatabase } from './database';
import { applyMigrations } from './migrate';
import { createPrisma } from '../prisma/client';
import { seedCatalogue, seedDemo, seedDemoColleagues, seedDemoContacts } from '../prisma/seed/index';

/** `npm run seed`: catalogue and demo data into DATABASE_URL, or into the embedded database when npm start is not running. */
async function main(): Promise<void> {
  const config = loadConfig();
  const db = await openDatabase(config, console.log);
  const prisma = createPrisma(db.url, 2);
  try {
    await applyMigrations(db.url);
    await seedCatalogue(prisma);
    const ids = await seedDemo(prisma, new Date());
    await seedDemoContacts(prisma);
    await seedDemoColleagues(prisma);
    console.log(`Seeded the catalogue and ${ids.length} demo trajectories; npm start starts their workflows.`);
  } finally {
    await prisma.$disconnect();
    await db.stop();
  }
}

main().catch((error: Error) => {
  console.error(error.message);
  process.exit(1);
});
