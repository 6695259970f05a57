import { createHash, createSecretKey, type KeyObject } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';

/**
 * The signing keys of one purpose (access tokens, or actor assertions between gateway and services),
 * each with a key id (`kid`). The key named `signing` signs; every key listed verifies, so a new key can
 * start signing while tokens signed by the one before stay valid until they expire. Rotation is an edit of
 * the keys file (`OPS_KEYS_FILE`, e.g. a mounted Kubernetes Secret): every process re-reads it within
 * `reloadMs`, with no restart, and a file that cannot be read or is invalid leaves the keys as they were.
 */
export interface KeySet {
  signing: string;
  keys: Record<string, string>;
}

export type KeyPurpose = 'access' | 'actor';

/** The kid of the single key a process uses when no keys file is configured (tokens without a kid are its). */
export const DEFAULT_KID = 'default';

const MIN_SECRET = 32;

/** Checks a key set read from a file: a signing kid that is listed, every secret long enough. */
export function checkKeySet(value: unknown, purpose: KeyPurpose): KeySet {
  const set = value as Partial<KeySet> | undefined;
  if (!set || typeof set !== 'object' || typeof set.signing !== 'string' || !set.keys || typeof set.keys !== 'object') {
    throw new Error(`keys file: "${purpose}" must be { "signing": "<kid>", "keys": { "<kid>": "<secret>" } }`);
  }
  for (const [kid, secret] of Object.entries(set.keys)) {
    if (!/^[A-Za-z0-9._-]{1,64}$/.test(kid)) throw new Error(`keys file: ${purpose} key id "${kid}" may hold letters, digits, . _ - only`);
    if (typeof secret !== 'string' || secret.length < MIN_SECRET) throw new Error(`keys file: ${purpose} key ${kid} must be at least ${MIN_SECRET} characters`);
  }
  if (!(set.signing in set.keys)) throw new Error(`keys file: ${purpose} signing key "${set.signing}" is not among its keys`);
  return { signing: set.signing, keys: { ...set.keys } };
}

export class KeyRing {
  private keys = new Map<string, KeyObject>();
  private signingKid = DEFAULT_KID;
  private fingerprint = '';
  private timer?: NodeJS.Timeout;

  private constructor(private readonly purpose: KeyPurpose, private readonly file: string | undefined, private readonly onError: (error: Error) => void) {}

  /**
   * The ring of `purpose`: from the keys file when `file` is given (re-read every `reloadMs`), else one key
   * (`fallbackSecret`, kid `default`). A keys file that cannot be read at start stops the process.
   */
  static open(purpose: KeyPurpose, options: { file?: string; fallbackSecret: string; reloadMs?: number; onError?: (error: Error) => void }): KeyRing {
    const ring = new KeyRing(purpose, options.file, options.onError ?? (() => undefined));
    if (options.file) {
      ring.reload(true);
      if (options.reloadMs) {
        ring.timer = setInterval(() => ring.reload(false), options.reloadMs);
        ring.timer.unref();
      }
    } else {
      ring.use({ signing: DEFAULT_KID, keys: { [DEFAULT_KID]: options.fallbackSecret } });
    }
    return ring;
  }

  /** A ring of fixed keys, for tests and tools. */
  static of(purpose: KeyPurpose, set: KeySet): KeyRing {
    const ring = new KeyRing(purpose, undefined, () => undefined);
    ring.use(checkKeySet(set, purpose));
    return ring;
  }

  /** The key that signs now, with its id for the token header. */
  get signing(): { kid: string; key: KeyObject } {
    return { kid: this.signingKid, key: this.keys.get(this.signingKid)! };
  }

  /** The key a token names (no kid: the default key), or undefined when it is not (or no longer) trusted. */
  verifying(kid: string | undefined): KeyObject | undefined {
    return this.keys.get(kid ?? DEFAULT_KID);
  }

  get kids(): string[] {
    return [...this.keys.keys()];
  }

  close(): void {
    if (this.timer) clearInterval(this.timer);
  }

  /** Re-reads the keys file when it changed; a bad file is reported and the keys stay as they were. */
  reload(strict: boolean): void {
    try {
      const stat = statSync(this.file!);
      const text = readFileSync(this.file!, 'utf8');
      const fingerprint = `${stat.mtimeMs}:${createHash('sha256').update(text).digest('hex')}`;
      if (fingerprint === this.fingerprint) return;
      const set = checkKeySet((JSON.parse(text) as Record<string, unknown>)[this.purpose], this.purpose);
      this.use(set);
      this.fingerprint = fingerprint;
    } catch (error) {
      if (strict) throw error;
      this.onError(error as Error);
    }
  }

  private use(set: KeySet): void {
    this.keys = new Map(Object.entries(set.keys).map(([kid, secret]) => [kid, createSecretKey(Buffer.from(secret))]));
    this.signingKid = set.signing;
  }
}
