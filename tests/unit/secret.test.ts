import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, expect, test } from "vitest";
import { DEVELOPMENT_SECRET, serverSecret } from "#app/supports.server.ts";
import { resolveSecret } from "../../server/secret.ts";

let dir: string;
const file = () => path.join(dir, "data", "secret");
const resolve = (env: Record<string, string>) => resolveSecret({ dataDir: path.join(dir, "data"), env });

beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), "inspraak-secret-"));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

test("with the embedded server and no SECRET a secret is made once, kept with mode 0600, and then reused as it is", () => {
  const first = resolve({ NODE_ENV: "production" });
  expect(first.source).toBe("created");
  expect(first.secret).toMatch(/^[0-9a-f]{64}$/);
  expect(serverSecret()).toBe(first.secret);
  const kept = statSync(file());
  expect(kept.mode & 0o777).toBe(0o600);
  expect(readFileSync(file(), "utf8")).toBe(`${first.secret}\n`);

  expect(resolve({ NODE_ENV: "production" })).toEqual({ secret: first.secret, source: "kept" });
  // Outside production too: the same machine keeps the same pseudonyms.
  expect(resolve({})).toEqual({ secret: first.secret, source: "kept" });
  expect(statSync(file()).mtimeMs).toBe(kept.mtimeMs);
  expect(readdirSync(path.dirname(file()))).toEqual(["secret"]);
});

test("SECRET always wins, and must be 32 characters or more", () => {
  resolve({});
  const own = "een-eigen-geheim-van-minstens-32-tekens-lang";
  expect(resolve({ SECRET: own, NODE_ENV: "production" })).toEqual({ secret: own, source: "SECRET" });
  expect(serverSecret()).toBe(own);
  expect(resolve({ SECRET: own, DATABASE_URL: "postgres://elders/inspraak", NODE_ENV: "production" }).secret).toBe(own);
  expect(() => resolve({ SECRET: "te-kort" })).toThrow(/^SECRET is too short: use at least 32/);
});

test("with DATABASE_URL in production there is no secret without SECRET; outside production the development one", () => {
  expect(() => resolve({ DATABASE_URL: "postgres://elders/inspraak", NODE_ENV: "production" })).toThrow(/^SECRET is not set\. With DATABASE_URL, set SECRET to the same long random value .* for every instance and worker/);
  expect(resolve({ DATABASE_URL: "postgres://elders/inspraak" })).toEqual({ secret: DEVELOPMENT_SECRET, source: "development" });
  expect(() => statSync(file())).toThrow(/ENOENT/);
});

test("a kept secret that is too short, garbage or unreadable is refused in one line naming the file, and left alone", () => {
  mkdirSync(path.dirname(file()), { recursive: true });
  for (const content of ["kort\n", "\u0000".repeat(40), "twee woorden die samen wel lang genoeg zouden zijn"]) {
    writeFileSync(file(), content);
    expect(() => resolve({ NODE_ENV: "production" })).toThrow(`The kept secret ${file()} is not a secret`);
    expect(readFileSync(file(), "utf8")).toBe(content);
  }
  rmSync(file());
  mkdirSync(file());
  expect(() => resolve({ NODE_ENV: "production" })).toThrow(`The kept secret ${file()} cannot be read (EISDIR)`);
});

test("processes starting at once all end up with the one secret that was kept", async () => {
  const dataDir = path.join(dir, "data");
  // Each process loads the module, says it is ready, and resolves when told to go: all of them at the same moment.
  const script = [
    `import { resolveSecret } from ${JSON.stringify(path.resolve("server/secret.ts"))};`,
    `process.stdout.write("ready\\n");`,
    `process.stdin.once("data", () => { process.stdout.write(resolveSecret({ dataDir: ${JSON.stringify(dataDir)}, env: {} }).secret); process.exit(0); });`,
  ].join("\n");
  const children = Array.from({ length: 8 }, () => {
    const child = spawn(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], { stdio: ["pipe", "pipe", "inherit"] });
    let out = "";
    const ready = new Promise<void>((done) => child.stdout.on("data", (chunk) => (out += chunk) && out.startsWith("ready\n") && done()));
    const secret = new Promise<string>((done, fail) => child.once("exit", (code) => (code === 0 ? done(out.slice("ready\n".length)) : fail(new Error(`exit ${code}`)))));
    return { child, ready, secret };
  });
  await Promise.all(children.map((each) => each.ready));
  for (const each of children) each.child.stdin.write("go\n");
  const secrets = await Promise.all(children.map((each) => each.secret));
  expect(secrets[0]).toMatch(/^[0-9a-f]{64}$/);
  expect(new Set(secrets).size).toBe(1);
  expect(readFileSync(file(), "utf8")).toBe(`${secrets[0]}\n`);
  expect(readdirSync(dataDir)).toEqual(["secret"]);
}, 60_000);
