import path from 'node:path';
import type { SealingKey } from '../activities/sealing';
import type { Config } from './config';
import { keptSecret } from './kept-secret';

/**
 * The keys that encrypt workflow payloads and seal the secrets the records keep: PAYLOAD_ENCRYPTION_KEYS when set (production), otherwise
 * one random key kept in the data folder, so the embedded stack encrypts too and reads its own
 * histories after a restart.
 */
export function resolvePayloadKeys(config: Pick<Config, 'PAYLOAD_ENCRYPTION_KEYS' | 'dataDir'>): SealingKey[] {
  if (config.PAYLOAD_ENCRYPTION_KEYS) return config.PAYLOAD_ENCRYPTION_KEYS;
  return [{ id: 'local', key: Buffer.from(keptSecret(path.join(config.dataDir, 'payload-key')), 'hex') }];
}
