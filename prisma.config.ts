import path from 'node:path';
import { PrismaPg } from '@prisma/adapter-pg';
import { defineConfig } from 'prisma/config';

// The JavaScript schema engine runs migrations through the same driver adapter as the app,
// so no engine binary has to be downloaded (see README, "Offline notes").
export default defineConfig({
  experimental: { adapter: true },
  engine: 'js',
  schema: path.join('prisma', 'schema.prisma'),
  migrations: { path: path.join('prisma', 'migrations'), seed: 'tsx scripts/seed.ts' },
  async adapter() {
    const connectionString = process.env.DATABASE_URL;
    if (!connectionString) {
      throw new Error(
        'DATABASE_URL is not set: prisma CLI commands need it (npm start sets it for the embedded database)',
      );
    }
    return new PrismaPg({ connectionString });
  },
});
