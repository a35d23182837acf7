import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Config } from './config';

/**
 * The key that signs API tokens: JWT_SECRET when set (production), otherwise a random one kept in
 * the data folder, so tokens minted for the embedded stack survive a restart.
 */
export function resolveJwtSecret(config: Pick<Config, 'JWT_SECRET' | 'dataDir'>): string {
  if (config.JWT_SECRET) return config.JWT_SECRET;
  const file = path.join(config.dataDir, 'jwt-secret');
  try {
    return readFileSync(file, 'utf8').trim();
  } catch {
    mkdirSync(config.dataDir, { recursive: true });
    const secret = randomBytes(32).toString('hex');
    // wx: when two processes start together, the second fails here and reads the first one's key.
    try {
      writeFileSync(file, secret, { mode: 0o600, flag: 'wx' });
      return secret;
    } catch {
      return readFileSync(file, 'utf8').trim();
    }
  }
}
