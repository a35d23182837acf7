import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/** A 32-byte AES key and the id that names it in what it sealed (PAYLOAD_ENCRYPTION_KEYS). */
export interface SealingKey {
  id: string;
  key: Buffer;
}

const IV_BYTES = 12;
const TAG_BYTES = 16;

/** AES-256-GCM: a fresh nonce, the ciphertext and the tag that proves nobody changed it. */
export function sealBytes(key: Buffer, plain: Uint8Array): Buffer {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  return Buffer.concat([iv, cipher.update(plain), cipher.final(), cipher.getAuthTag()]);
}

/** Throws when the bytes were changed or sealed with another key. */
export function openBytes(key: Buffer, sealed: Uint8Array): Buffer {
  const data = Buffer.from(sealed);
  const decipher = createDecipheriv('aes-256-gcm', key, data.subarray(0, IV_BYTES));
  decipher.setAuthTag(data.subarray(data.length - TAG_BYTES));
  return Buffer.concat([decipher.update(data.subarray(IV_BYTES, data.length - TAG_BYTES)), decipher.final()]);
}

/** Keys by id: the first seals, every one opens, so a key can be rotated in while older values stay readable. */
export class KeyRing {
  readonly current: SealingKey;
  private readonly byId: Map<string, Buffer>;

  constructor(keys: SealingKey[], what: string) {
    const [current] = keys;
    if (!current) throw new Error(`at least one ${what} key is needed`);
    this.current = current;
    this.byId = new Map(keys.map((k) => [k.id, k.key]));
  }

  key(id: string): Buffer | undefined {
    return this.byId.get(id);
  }
}

const PREFIX = 'sealed:';

/** A sealed value these keys cannot open: its key is not configured, or it was changed. No retry helps. */
export class SealingFailure extends Error {}

/**
 * Values the records must keep but a copy of the database must not give away (a provider's webhook
 * secret, with which anyone could sign messages to the provider's system; a client's ZRM scores and
 * the results their support plan seeks, which are health data): stored as `sealed:<key id>:<base64>`,
 * under the same keys as the workflow payloads.
 */
export class SecretBox {
  /** How every sealed value begins. */
  static readonly prefix = PREFIX;
  private readonly keys: KeyRing;

  constructor(keys: SealingKey[]) {
    this.keys = new KeyRing(keys, 'sealing');
  }

  seal(plain: string): string {
    const { id, key } = this.keys.current;
    return `${PREFIX}${id}:${sealBytes(key, Buffer.from(plain, 'utf8')).toString('base64')}`;
  }

  /** Whether a stored value was sealed (one stored before values were sealed was not). */
  static isSealed(stored: string): boolean {
    return stored.startsWith(PREFIX);
  }

  /** A value stored before values were sealed is returned as it is; one that cannot be opened throws SealingFailure. */
  open(stored: string): string {
    if (!SecretBox.isSealed(stored)) return stored;
    const [id = '', data = ''] = stored.slice(PREFIX.length).split(':', 2);
    const key = this.keys.key(id);
    if (!key) throw new SealingFailure(`The value was sealed with key ${JSON.stringify(id)}, which is not configured`);
    try {
      return openBytes(key, Buffer.from(data, 'base64')).toString('utf8');
    } catch {
      throw new SealingFailure(`The value sealed with key ${JSON.stringify(id)} was changed: it does not open`);
    }
  }

  /** Whether `stored` holds `plain` (false when it cannot be opened with the keys configured). */
  holds(stored: string, plain: string): boolean {
    try {
      return this.open(stored) === plain;
    } catch {
      return false;
    }
  }
}
