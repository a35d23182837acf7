import { users } from '../prisma/seed/demo';
import { loadConfig } from './config';
import { resolveJwtSecret } from './jwt-secret';
import { mintToken } from '../api/auth';

/**
 * `npm run token -- <email | user id>`: prints a bearer token for a seeded user (by e-mail) or any
 * user id, signed with the key the API uses (JWT_SECRET, or the embedded stack's own).
 */
async function main(): Promise<void> {
  const who = process.argv[2];
  const user = users.find((u) => u.email === who || u.id === who);
  const userId = user?.id ?? (who && /^[0-9a-f-]{36}$/i.test(who) ? who : undefined);
  if (!userId) {
    const known = users.map((u) => `  ${u.email}  (${u.role.toLowerCase()})`).join('\n');
    console.error(`Usage: npm run token -- <email | user id>\nSeeded users:\n${known}`);
    process.exit(2);
  }
  const config = loadConfig();
  console.log(await mintToken(resolveJwtSecret(config), userId, config.TOKEN_TTL));
}

main().catch((error: unknown) => {
  console.error((error as Error).message);
  process.exit(1);
});
