import { hash, verify } from "@node-rs/argon2";
import { commonPasswords } from "./common-passwords.ts";

// OWASP's argon2id parameters: 19 MiB, 2 iterations, 1 lane.
const ARGON2 = { memoryCost: 19456, timeCost: 2, parallelism: 1, outputLen: 32 } as const;

import { PASSWORD_MAX, PASSWORD_MIN } from "./password-rules.ts";

// The blocklist, lower-cased.
const COMMON = new Set(commonPasswords.split("\n").map((line) => line.trim().toLowerCase()).filter(Boolean));

export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

// Verifying against this keeps a sign-in for an unknown address as slow as one for a known address.
let dummyHash: Promise<string> | undefined;
export async function verifyAgainstNothing(password: string): Promise<false> {
  dummyHash ??= hashPassword("not a real password, only for equal timing");
  await verifyPassword(await dummyHash, password);
  return false;
}

export type PasswordProblem = "password.tooShort" | "password.tooLong" | "password.common" | "password.personal";

/**
 * Length and blocklist checks only, no composition rules (NIST SP 800-63B):
 * at least 12 characters, not a well-known password, not the person's own
 * address or name, not one character repeated.
 */
export function checkNewPassword(password: string, { email, displayName }: { email?: string; displayName?: string } = {}): PasswordProblem | null {
  const length = [...password].length;
  if (length < PASSWORD_MIN) return "password.tooShort";
  if (length > PASSWORD_MAX) return "password.tooLong";
  const lower = password.toLowerCase();
  if (COMMON.has(lower) || /^(.)\1+$/u.test(password)) return "password.common";
  const personal = [email, email?.split("@")[0], displayName].filter((value): value is string => !!value && value.length >= 4);
  if (personal.some((value) => lower === value.toLowerCase())) return "password.personal";
  return null;
}

export function isCommonPassword(password: string): boolean {
  return COMMON.has(password.toLowerCase());
}
