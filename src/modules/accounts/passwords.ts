/** Argon2id password hashing (OWASP parameters: m=19456 KiB, t=2, p=1). */
import { hash, verify } from '@node-rs/argon2';
import { randomBytes } from 'node:crypto';

const params = { algorithm: 2 /* Argon2id */, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

/** Hashes a password into a PHC string. */
export function hashPassword(password: string): Promise<string> {
  return hash(password, params);
}

/** true when `password` matches the PHC string; false for a malformed hash. */
export async function verifyPassword(phc: string, password: string): Promise<boolean> {
  try {
    return await verify(phc, password);
  } catch {
    return false;
  }
}

let decoy: Promise<string> | undefined;

/** A real hash of a random secret, verified for unknown usernames so timing does not reveal them. */
export function decoyHash(): Promise<string> {
  decoy ??= hashPassword(randomBytes(24).toString('base64'));
  return decoy;
}

/** Why a new password is refused (Chinese), or null when acceptable. */
export function passwordProblem(password: string, username: string): string | null {
  if (password.length < 10) return '密码至少 10 个字符';
  if (password.length > 200) return '密码最多 200 个字符';
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^a-zA-Z0-9]/].filter((r) => r.test(password)).length;
  if (classes < 3) return '密码须包含大写字母、小写字母、数字、符号中的至少三类';
  if (password.toLowerCase().includes(username.toLowerCase())) return '密码不能包含用户名';
  return null;
}

/** A random password that satisfies {@link passwordProblem}. */
export function generatePassword(): string {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789';
  const bytes = randomBytes(16);
  let s = '';
  for (const b of bytes) s += alphabet[b % alphabet.length];
  // Guarantee the character classes regardless of the random draw.
  return `${s}-Gk7`;
}
