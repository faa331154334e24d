// The parent PIN: only a salted PBKDF2-SHA-256 hash is stored (WebCrypto), and each wrong try
// doubles the wait before the next one is even looked at.

export const ITERATIONS = 310_000; // OWASP's figure for PBKDF2-HMAC-SHA256
const enc = new TextEncoder();

const b64 = (bytes) => btoa(String.fromCharCode(...bytes));
const unb64 = (s) => Uint8Array.from(atob(s), (c) => c.charCodeAt(0));

/** A PIN is 4 to 32 characters (digits or a passphrase). Returns an error key or null. */
export function pinProblem(pin) {
  if (typeof pin !== "string") return "pinTooShort";
  const p = pin.normalize("NFKC");
  if (p.length < 4) return "pinTooShort";
  if (p.length > 32) return "pinTooLong";
  return null;
}

async function derive(pin, salt, iterations) {
  const key = await crypto.subtle.importKey("raw", enc.encode(pin.normalize("NFKC")), "PBKDF2", false, [
    "deriveBits",
  ]);
  const bits = await crypto.subtle.deriveBits({ name: "PBKDF2", hash: "SHA-256", salt, iterations }, key, 256);
  return new Uint8Array(bits);
}

/** `{ algo, salt, iterations, hash }` for storage. */
export async function hashPin(pin) {
  const salt = crypto.getRandomValues(new Uint8Array(16));
  const hash = await derive(pin, salt, ITERATIONS);
  return { algo: "PBKDF2-SHA-256", salt: b64(salt), iterations: ITERATIONS, hash: b64(hash) };
}

/** Whether `pin` matches the stored record (compared in constant time). */
export async function verifyPin(pin, record) {
  if (typeof pin !== "string" || !record?.salt || !record?.hash) return false;
  const got = await derive(pin, unb64(record.salt), record.iterations);
  const want = unb64(record.hash);
  if (got.length !== want.length) return false;
  let diff = 0;
  for (let i = 0; i < got.length; i++) diff |= got[i] ^ want[i];
  return diff === 0;
}

/** Milliseconds to wait after `fails` wrong tries in a row: 1 s, 2 s, 4 s, … up to 15 min. */
export function delayAfter(fails) {
  if (fails <= 0) return 0;
  return Math.min(1000 * 2 ** (fails - 1), 15 * 60 * 1000);
}
