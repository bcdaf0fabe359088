import { AppError } from '../errors';

/**
 * Secrets at rest (TOTP seeds, the SSO client secret): AES-256-GCM through WebCrypto under
 * `SECRETS_KEY` (32 random bytes, base64). A stored value is `v1.<key id>.<iv>.<ciphertext>`; the key id
 * (the first bytes of the key's SHA-256) says which key sealed it, so during a rotation values sealed
 * under `SECRETS_KEY_PREVIOUS` still open, and are sealed again under the new key when next written.
 */
export interface SecretsKeys {
  current?: string;
  previous?: string;
}

type CryptoKey = import('node:crypto').webcrypto.CryptoKey;

interface LoadedKey {
  id: string;
  key: CryptoKey;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

const toB64 = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes));
const fromB64 = (text: string) => Uint8Array.from(atob(text), (c) => c.charCodeAt(0));

/** Whether a value is usable as a key: 32 bytes in base64. */
export function isSecretsKey(value: string): boolean {
  try {
    return /^[A-Za-z0-9+/]{43}=?$/.test(value) && fromB64(value).length === 32;
  } catch {
    return false;
  }
}

async function loadKey(base64: string): Promise<LoadedKey> {
  const raw = fromB64(base64);
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', raw));
  const id = Array.from(digest.slice(0, 4), (b) => b.toString(16).padStart(2, '0')).join('');
  const key = await crypto.subtle.importKey('raw', raw, 'AES-GCM', false, ['encrypt', 'decrypt']);
  return { id, key };
}

export const noKeyMessage =
  'secrets cannot be stored: SECRETS_KEY is not set (32 random bytes in base64, e.g. `openssl rand -base64 32`)';

export class SecretBox {
  private loaded?: Promise<{ current?: LoadedKey; previous?: LoadedKey }>;
  constructor(private readonly keys: SecretsKeys = {}) {}

  get canSeal(): boolean {
    return Boolean(this.keys.current);
  }

  private load() {
    this.loaded ??= (async () => ({
      current: this.keys.current ? await loadKey(this.keys.current) : undefined,
      previous: this.keys.previous ? await loadKey(this.keys.previous) : undefined,
    }))();
    return this.loaded;
  }

  /** Seals a secret under the current key; without one, refuses with a 409 that says why. */
  async seal(plain: string, context: string): Promise<string> {
    const { current } = await this.load();
    if (!current) throw new AppError('conflict', noKeyMessage);
    const iv = crypto.getRandomValues(new Uint8Array(12));
    const sealed = new Uint8Array(
      await crypto.subtle.encrypt(
        { name: 'AES-GCM', iv, additionalData: encoder.encode(context) },
        current.key,
        encoder.encode(plain),
      ),
    );
    return `v1.${current.id}.${toB64(iv)}.${toB64(sealed)}`;
  }

  /** Opens a sealed value; `context` must be the one it was sealed with (a value moved between rows fails). */
  async open(stored: string, context: string): Promise<string> {
    const [version, id, iv, data] = stored.split('.');
    if (version !== 'v1' || !id || !iv || !data) throw new Error('not a sealed secret');
    const { current, previous } = await this.load();
    const key = [current, previous].find((k) => k?.id === id);
    if (!key) {
      throw new AppError(
        'unavailable',
        'a stored secret was sealed with a key that is neither SECRETS_KEY nor SECRETS_KEY_PREVIOUS',
      );
    }
    const plain = await crypto.subtle.decrypt(
      { name: 'AES-GCM', iv: fromB64(iv), additionalData: encoder.encode(context) },
      key.key,
      fromB64(data),
    );
    return decoder.decode(plain);
  }

  /** Which of the two keys sealed a stored value, or `unknown` (neither: it cannot be opened). */
  async keyOf(stored: string): Promise<'current' | 'previous' | 'unknown'> {
    const { current, previous } = await this.load();
    const id = stored.split('.')[1];
    if (current && id === current.id) return 'current';
    if (previous && id === previous.id) return 'previous';
    return 'unknown';
  }

  /** Whether a sealed value should be sealed again under the current key (after a rotation). */
  async isStale(stored: string): Promise<boolean> {
    const { current } = await this.load();
    return Boolean(current) && stored.split('.')[1] !== current?.id;
  }
}

const boxes = new WeakMap<object, SecretBox>();

/** The app's one SecretBox, built from its deps' keys on first use. */
export function secretBox(deps: { secretsKeys?: SecretsKeys }): SecretBox {
  let box = boxes.get(deps);
  if (!box) {
    box = new SecretBox(deps.secretsKeys);
    boxes.set(deps, box);
  }
  return box;
}
