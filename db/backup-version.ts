/**
 * Which pg_dump may back up which server: pure functions, so that the rule is
 * tested without any pg_dump on the machine. pg_dump refuses a server of a
 * newer major version ("server version mismatch"), so its major must be at
 * least the server's.
 */

export type ToolVersion = { major: number; text: string };

/** Reads `pg_dump --version` (or `pg_restore --version`) output, e.g. `pg_dump (PostgreSQL) 15.14 (Debian 15.14-0+deb12u1)`. */
export function parseToolVersion(output: string): ToolVersion | null {
  const match = /\(PostgreSQL\)\s+((\d+)(?:\.\d+)*\S*)/.exec(output);
  if (!match) return null;
  return { major: Number(match[2]), text: match[1]! };
}

/** The major version in `SHOW server_version_num` (180004 → 18, 150014 → 15). */
export function serverMajor(serverVersionNum: number): number {
  return Math.floor(serverVersionNum / 10_000);
}

export type VersionCheck = { ok: true; version: ToolVersion } | { ok: false; reason: string };

/** Whether the pg_dump that printed `versionOutput` can dump a server with `serverVersionNum`. */
export function checkPgDumpVersion(versionOutput: string, serverVersionNum: number): VersionCheck {
  const version = parseToolVersion(versionOutput);
  const needed = serverMajor(serverVersionNum);
  if (!version) return { ok: false, reason: `could not read a PostgreSQL version in ${JSON.stringify(versionOutput.trim())}` };
  if (version.major < needed) {
    return { ok: false, reason: `pg_dump ${version.text} is too old for this PostgreSQL ${needed} server: pg_dump ${needed} or newer is required` };
  }
  return { ok: true, version };
}

/** What to tell someone who has no pg_dump fit for the server. */
export function missingPgDumpAdvice(serverVersionNum: number, found: { path: string; reason: string }[]): string {
  const needed = serverMajor(serverVersionNum);
  const lines = [`No pg_dump ${needed} or newer was found for this PostgreSQL ${needed} server.`];
  if (found.length === 0) lines.push("No pg_dump at all was found in PG_BIN or on the PATH.");
  for (const candidate of found) lines.push(`  ${candidate.path}: ${candidate.reason}`);
  lines.push(
    `Install the PostgreSQL ${needed} client tools (on Debian/Ubuntu: the package postgresql-client-${needed} from the PostgreSQL project's apt repository, which puts them in /usr/lib/postgresql/${needed}/bin)`,
    "and point PG_BIN at the folder that holds pg_dump and pg_restore, or use --format=builtin (Inspraak's own logical backup, which needs no pg_dump).",
  );
  return lines.join("\n");
}
