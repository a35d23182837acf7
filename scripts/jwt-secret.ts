import path from 'node:path';
import type { Config } from './config';
import { keptSecret } from './kept-secret';

/**
 * The key that signs API tokens: JWT_SECRET when set (production), otherwise a random one kept in
 * the data folder, so tokens minted for the embedded stack survive a restart.
 */
export function resolveJwtSecret(config: Pick<Config, 'JWT_SECRET' | 'dataDir'>): string {
  return config.JWT_SECRET ?? keptSecret(path.join(config.dataDir, 'jwt-secret'));
}
