/**
 * The server's secret (the key of the ledger's pseudonyms and of unsubscribe
 * links), resolved once at start:
 * - SECRET, when set (32+ characters), always;
 * - else, with the embedded PostgreSQL (no DATABASE_URL), a secret generated on
 *   the first start and kept in `$DATA_DIR/secret`, readable by its owner only,
 *   so pseudonyms and links stay the same from one start to the next;
 * - else, with DATABASE_URL in production, none: every instance and worker
 *   must share one, and it does not belong in the database, whose dumps
 *   travel. Outside production the fixed development secret.
 */
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { DEVELOPMENT_SECRET, MIN_SECRET_LENGTH, setServerSecret } from "../app/supports.server.ts";
import { writeOnce } from "../db/kept-file.ts";

export class SecretError extends Error {
  override name = "SecretError";
}

/** Where the secret came from: SECRET, the file in DATA_DIR (made just now: "created"), or the development value. */
export type SecretSource = "SECRET" | "kept" | "created" | "development";

/** Reads the kept secret, or null when there is no file yet. */
function readKept(file: string): string | null {
  let content: string;
  try {
    content = readFileSync(file, "utf8").trim();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw new SecretError(`The kept secret ${file} cannot be read (${(error as NodeJS.ErrnoException).code}): fix its permissions, or set SECRET.`);
  }
  if (content.length < MIN_SECRET_LENGTH || !/^[\x21-\x7e]+$/.test(content)) {
    throw new SecretError(
      `The kept secret ${file} is not a secret (it must be one line of at least ${MIN_SECRET_LENGTH} printable characters): restore it from a backup, or remove it to make a new one (pseudonyms and unsubscribe links then change).`,
    );
  }
  return content;
}

/** The secret kept in `file`, made on first use (see writeOnce). */
function keptSecret(file: string): { secret: string; created: boolean } {
  const existing = readKept(file);
  if (existing) return { secret: existing, created: false };
  const secret = randomBytes(32).toString("hex");
  if (writeOnce(file, `${secret}\n`)) return { secret, created: true };
  return { secret: readKept(file)!, created: false };
}

/**
 * Resolves the secret as described above, from `env` (the process's), and
 * makes it the one serverSecret() returns. A SecretError says what to set.
 */
export function resolveSecret({ dataDir, env = process.env }: { dataDir: string; env?: Record<string, string | undefined> }): { secret: string; source: SecretSource } {
  const given = env.SECRET;
  let resolved: { secret: string; source: SecretSource };
  if (given) {
    if (given.length < MIN_SECRET_LENGTH) throw new SecretError(`SECRET is too short: use at least ${MIN_SECRET_LENGTH} random characters (e.g. \`openssl rand -hex 32\`).`);
    resolved = { secret: given, source: "SECRET" };
  } else if (!env.DATABASE_URL && env.INSPRAAK_REQUIRE_DATABASE_URL !== "true") {
    const kept = keptSecret(path.join(dataDir, "secret"));
    resolved = { secret: kept.secret, source: kept.created ? "created" : "kept" };
  } else if (env.NODE_ENV === "production") {
    throw new SecretError(
      "SECRET is not set. With DATABASE_URL, set SECRET to the same long random value (e.g. `openssl rand -hex 32`) for every instance and worker, and keep it: it keys the pseudonyms in the open-data ledger and the unsubscribe links.",
    );
  } else {
    resolved = { secret: DEVELOPMENT_SECRET, source: "development" };
  }
  setServerSecret(resolved.secret);
  return resolved;
}
