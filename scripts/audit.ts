/**
 * `npm run audit` (CI runs it after `npm ci`): `npm audit --json --omit=dev`,
 * i.e. the production dependencies only — what runs on a server; the dev
 * tools (Vite, drizzle-kit, the test browser) never ship. Set
 * AUDIT_INCLUDE_DEV=1 to audit those too.
 *
 * Exit codes:
 * - 1 when there is any high or critical finding (they are printed);
 * - 0 when the findings are moderate or lower (printed too), or none;
 * - 0 when the advisory service could not be reached or answered an error
 *   (e.g. a registry mirror without it, which answers 405): then it says so
 *   loudly on stderr, "npm audit could not reach the advisory service: …;
 *   no findings could be checked". CI must pass on such a machine, so this
 *   is a warning, not a failure: the check only protects where the service
 *   answers.
 */
import { spawn } from "node:child_process";
import { evaluateAudit, formatFinding } from "./audit-report.ts";

const args = ["audit", "--json", ...(process.env.AUDIT_INCLUDE_DEV === "1" ? [] : ["--omit=dev"])];
const { stdout, stderr } = await new Promise<{ stdout: string; stderr: string }>((resolve) => {
  const child = spawn(process.platform === "win32" ? "npm.cmd" : "npm", args, { stdio: ["ignore", "pipe", "pipe"] });
  let out = "";
  let err = "";
  child.stdout.on("data", (chunk) => (out += chunk));
  child.stderr.on("data", (chunk) => (err += chunk));
  child.on("error", (error) => resolve({ stdout: out, stderr: `${err}${String(error)}` }));
  // npm audit exits non-zero both for findings and for errors: the JSON tells which.
  child.on("close", () => resolve({ stdout: out, stderr: err }));
});

const verdict = evaluateAudit(stdout);
const scope = process.env.AUDIT_INCLUDE_DEV === "1" ? "all dependencies" : "production dependencies";
if (verdict.kind === "unreachable") {
  const detail = stderr.trim() ? `\n${stderr.trim()}` : "";
  console.error(
    [
      "",
      "!!! ------------------------------------------------------------------",
      `!!! npm audit could not reach the advisory service: ${verdict.reason}; no findings could be checked.`,
      "!!! Passing anyway (see README, \"Dependency audit\"); run `npm run audit` where the registry answers.",
      "!!! ------------------------------------------------------------------",
    ].join("\n") + detail,
  );
  process.exitCode = 0;
} else {
  if (verdict.findings.length === 0) console.log(`npm audit (${scope}): no known vulnerabilities.`);
  else console.log(`npm audit (${scope}): ${verdict.findings.length} vulnerable packages:\n${verdict.findings.map(formatFinding).join("\n")}`);
  if (verdict.kind === "fail") {
    console.error(`npm audit: ${verdict.failing.length} high or critical (${verdict.failing.map((finding) => finding.name).join(", ")}): failing. Update them (npm audit fix, or a newer version of the package that pulls them in).`);
    process.exitCode = 1;
  }
}
