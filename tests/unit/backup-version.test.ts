import { describe, expect, test } from "vitest";
import { checkPgDumpVersion, missingPgDumpAdvice, parseToolVersion, serverMajor } from "#db/backup-version.ts";

describe("pg_dump version check", () => {
  test("reads the versions that pg_dump and the server report", () => {
    expect(parseToolVersion("pg_dump (PostgreSQL) 15.14 (Debian 15.14-0+deb12u1)\n")).toEqual({ major: 15, text: "15.14" });
    expect(parseToolVersion("pg_dump (PostgreSQL) 18.4\n")).toEqual({ major: 18, text: "18.4" });
    expect(parseToolVersion("pg_restore (PostgreSQL) 19beta1\n")).toEqual({ major: 19, text: "19beta1" });
    expect(parseToolVersion("bash: pg_dump: command not found")).toBeNull();
    expect(serverMajor(180004)).toBe(18);
    expect(serverMajor(150014)).toBe(15);
    expect(serverMajor(90624)).toBe(9);
  });

  test("refuses a pg_dump older than the server, naming the version needed (the system's 15 against the embedded 18)", () => {
    expect(checkPgDumpVersion("pg_dump (PostgreSQL) 15.14 (Debian 15.14-0+deb12u1)", 180004)).toEqual({
      ok: false,
      reason: "pg_dump 15.14 is too old for this PostgreSQL 18 server: pg_dump 18 or newer is required",
    });
    expect(checkPgDumpVersion("pg_dump (PostgreSQL) 17.6", 180000).ok).toBe(false);
    expect(checkPgDumpVersion("something else", 180004)).toMatchObject({ ok: false, reason: expect.stringContaining("could not read a PostgreSQL version") });
  });

  test("accepts a pg_dump of the server's version or newer", () => {
    expect(checkPgDumpVersion("pg_dump (PostgreSQL) 18.4", 180004)).toEqual({ ok: true, version: { major: 18, text: "18.4" } });
    expect(checkPgDumpVersion("pg_dump (PostgreSQL) 18.0", 180004).ok).toBe(true);
    expect(checkPgDumpVersion("pg_dump (PostgreSQL) 18.4", 150014).ok).toBe(true);
  });

  test("the advice names every pg_dump found, the client package and PG_BIN", () => {
    const advice = missingPgDumpAdvice(180004, [{ path: "/usr/bin/pg_dump", reason: "pg_dump 15.14 is too old" }]);
    expect(advice).toContain("No pg_dump 18 or newer was found for this PostgreSQL 18 server.");
    expect(advice).toContain("/usr/bin/pg_dump: pg_dump 15.14 is too old");
    expect(advice).toContain("postgresql-client-18");
    expect(advice).toContain("PG_BIN");
    expect(advice).toContain("--format=builtin");
    expect(missingPgDumpAdvice(150000, [])).toContain("No pg_dump at all was found");
  });
});
