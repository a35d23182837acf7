import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { projectRoot } from './config';

const run = promisify(execFile);

export class MigrationError extends Error {}

/** Applies the committed migrations with `prisma migrate deploy` (JS schema engine, no download). */
export async function applyMigrations(databaseUrl: string): Promise<string> {
  const prismaCli = require.resolve('prisma/build/index.js');
  try {
    const { stdout } = await run(process.execPath, [prismaCli, 'migrate', 'deploy'], {
      cwd: projectRoot,
      env: { ...process.env, DATABASE_URL: databaseUrl, PRISMA_HIDE_UPDATE_MESSAGE: '1' },
      maxBuffer: 10 * 1024 * 1024,
    });
    return stdout;
  } catch (error) {
    const { stdout = '', stderr = '' } = error as { stdout?: string; stderr?: string };
    throw new MigrationError(`Applying migrations failed:\n${stderr || stdout}`);
  }
}

if (require.main === module) {
  const url = process.env.DATABASE_URL;
  if (!url) {
    console.error('DATABASE_URL is not set (npm start applies migrations to the embedded database itself).');
    process.exit(1);
  }
  applyMigrations(url).then(
    (out) => console.log(out),
    (error: Error) => {
      console.error(error.message);
      process.exit(1);
    },
  );
}
