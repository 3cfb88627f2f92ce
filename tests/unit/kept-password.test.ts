import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, expect, test } from "vitest";
import { keptPassword } from "#db/roles.ts";

let dir: string;
const file = () => path.join(dir, "data", "postgres-app-password");

beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), "inspraak-password-"));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

test("the app role's password is made once, kept with mode 0600, and then reused as it is", () => {
  const first = keptPassword(file());
  expect(first).toMatch(/^[0-9a-f]{48}$/);
  expect(statSync(file()).mode & 0o777).toBe(0o600);
  expect(readFileSync(file(), "utf8")).toBe(`${first}\n`);
  const { mtimeMs } = statSync(file());
  expect(keptPassword(file())).toBe(first);
  expect(statSync(file()).mtimeMs).toBe(mtimeMs);
});

test("a removed file gives a new password; a file that holds no password is refused with what to do", () => {
  const first = keptPassword(file());
  rmSync(file());
  const second = keptPassword(file());
  expect(second).not.toBe(first);
  for (const content of ["", "kort\n", "twee\nregels-van-een-wachtwoord\n", "met spaties erin en lang genoeg\n"]) {
    writeFileSync(file(), content);
    expect(() => keptPassword(file())).toThrow(/is not one line of at least 16 printable characters: remove it, and the next start makes a new one\.$/);
  }
});
