import { describe, expect, test } from "vitest";
import { evaluateAudit, formatFinding } from "../../scripts/audit-report.ts";

// Shapes as `npm audit --json` (report version 2, npm 7 and later) prints them.
const clean = {
  auditReportVersion: 2,
  vulnerabilities: {},
  metadata: { vulnerabilities: { info: 0, low: 0, moderate: 0, high: 0, critical: 0, total: 0 }, dependencies: { prod: 412, dev: 0, optional: 3, peer: 0, peerOptional: 0, total: 411 } },
};

function report(entries: Record<string, string>) {
  return {
    auditReportVersion: 2,
    vulnerabilities: Object.fromEntries(
      Object.entries(entries).map(([name, severity]) => [
        name,
        {
          name,
          severity,
          isDirect: false,
          via: [{ source: 1_096_000, name, dependency: name, title: `A ${severity} problem in ${name}`, url: `https://github.com/advisories/GHSA-${name}`, severity, cwe: [], cvss: { score: 7.5, vectorString: null }, range: "<1.2.3" }],
          effects: ["parent-package"],
          range: "<1.2.3",
          nodes: [`node_modules/${name}`],
          fixAvailable: true,
        },
      ]),
    ),
    metadata: { vulnerabilities: { info: 0, low: 0, moderate: 0, high: 0, critical: 0, total: Object.keys(entries).length } },
  };
}

// What npm prints on stdout when the registry has no advisory service (a mirror answering 405).
const unreachable405 = {
  message: "405 Method Not Allowed - POST https://registry.npmjs.org/-/npm/v1/security/advisories/bulk",
  method: "POST",
  uri: "https://registry.npmjs.org/-/npm/v1/security/advisories/bulk",
  headers: { allow: ["GET,HEAD"], "content-length": ["0"] },
  statusCode: 405,
  body: "",
  error: { summary: "", detail: "" },
};

describe("npm audit verdict", () => {
  test("no vulnerabilities: pass", () => {
    expect(evaluateAudit(JSON.stringify(clean))).toEqual({ kind: "pass", findings: [] });
  });

  test("a moderate finding is listed but passes", () => {
    const verdict = evaluateAudit(JSON.stringify(report({ "some-lib": "moderate", other: "low" })));
    expect(verdict.kind).toBe("pass");
    if (verdict.kind !== "pass") return;
    expect(verdict.findings.map((finding) => [finding.name, finding.severity])).toEqual([
      ["some-lib", "moderate"],
      ["other", "low"],
    ]);
    expect(formatFinding(verdict.findings[0]!)).toContain("A moderate problem in some-lib https://github.com/advisories/GHSA-some-lib");
  });

  test("a high finding fails", () => {
    const verdict = evaluateAudit(JSON.stringify(report({ "some-lib": "moderate", "bad-lib": "high" })));
    expect(verdict).toMatchObject({ kind: "fail", failing: [{ name: "bad-lib", severity: "high", range: "<1.2.3" }] });
  });

  test("a critical finding fails", () => {
    const verdict = evaluateAudit(JSON.stringify(report({ worse: "critical" })));
    expect(verdict).toMatchObject({ kind: "fail", failing: [{ name: "worse", severity: "critical" }] });
  });

  test("a finding that is only there through another package still counts at its severity", () => {
    const input = report({ parent: "high" });
    input.vulnerabilities.parent!.via = ["child" as never];
    expect(evaluateAudit(JSON.stringify(input))).toMatchObject({ kind: "fail", failing: [{ name: "parent", advisories: ["via child"] }] });
  });

  test("the error npm prints for a 405 from the registry means unreachable, with npm's message", () => {
    expect(evaluateAudit(JSON.stringify(unreachable405))).toEqual({
      kind: "unreachable",
      reason: "405 Method Not Allowed - POST https://registry.npmjs.org/-/npm/v1/security/advisories/bulk",
    });
  });

  test("a network error or no JSON at all is unreachable too, never a pass", () => {
    expect(evaluateAudit(JSON.stringify({ error: { code: "ENOTFOUND", summary: "request to registry failed", detail: "" } }))).toEqual({
      kind: "unreachable",
      reason: "ENOTFOUND request to registry failed",
    });
    expect(evaluateAudit("")).toEqual({ kind: "unreachable", reason: "npm printed nothing" });
    expect(evaluateAudit("npm error something odd")).toMatchObject({ kind: "unreachable" });
  });
});
