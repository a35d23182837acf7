import { METADATA_ENCODING_KEY, type Payload, type PayloadCodec } from '@temporalio/common';
import { temporal } from '@temporalio/proto';
import { KeyRing, openBytes, sealBytes, type SealingKey } from '../activities/sealing';

const ProtoPayload = temporal.api.common.v1.Payload;

const ENCODING = 'binary/encrypted';
const KEY_ID = 'encryption-key-id';

const utf8 = (text: string) => new TextEncoder().encode(text);
const text = (bytes: Uint8Array | null | undefined) => new TextDecoder().decode(bytes ?? new Uint8Array());

/**
 * Parses PAYLOAD_ENCRYPTION_KEYS: `id=key` pairs separated by commas, each key 32 bytes as 64 hex
 * digits or base64. The first encrypts; all decrypt, so a key can be rotated in without losing old histories.
 */
export function parsePayloadKeys(value: string): SealingKey[] {
  return value.split(',').map((pair) => {
    const [id, encoded] = pair.trim().split('=', 2) as [string, string | undefined];
    if (!id || !/^[\w.-]{1,64}$/.test(id) || !encoded) throw new Error('each key must be written as id=key');
    const key = /^[0-9a-f]{64}$/i.test(encoded) ? Buffer.from(encoded, 'hex') : Buffer.from(encoded, 'base64');
    if (key.length !== 32) throw new Error(`key ${id} must be 32 bytes (64 hex digits or base64)`);
    return { id, key };
  });
}

/**
 * Encrypts every payload (workflow inputs, update arguments and results, activity inputs, memos)
 * with AES-256-GCM before it leaves the process, so Temporal's history and Web UI hold only
 * ciphertext: ZRM scores and decisions are not readable there. The key id travels in the
 * payload's metadata; a payload of another key id is decrypted with that key.
 */
export class AesGcmPayloadCodec implements PayloadCodec {
  private readonly keys: KeyRing;

  constructor(keys: SealingKey[]) {
    this.keys = new KeyRing(keys, 'payload');
  }

  async encode(payloads: Payload[]): Promise<Payload[]> {
    const { id, key } = this.keys.current;
    return payloads.map((payload) => {
      const sealed = sealBytes(key, ProtoPayload.encode(payload).finish());
      return { metadata: { [METADATA_ENCODING_KEY]: utf8(ENCODING), [KEY_ID]: utf8(id) }, data: sealed };
    });
  }

  async decode(payloads: Payload[]): Promise<Payload[]> {
    return payloads.map((payload) => {
      if (text(payload.metadata?.[METADATA_ENCODING_KEY]) !== ENCODING) return payload;
      const id = text(payload.metadata?.[KEY_ID]);
      const key = this.keys.key(id);
      if (!key) throw new Error(`No payload key with id ${JSON.stringify(id)} is configured`);
      return ProtoPayload.decode(openBytes(key, payload.data ?? new Uint8Array()));
    });
  }
}
