/**
 * What `npm audit --json` said, reduced to a verdict: pure, so that each
 * shape npm prints is tested on canned output (tests/unit/audit.test.ts).
 * High and critical findings fail; moderate, low and info ones are listed
 * but pass. An answer without a report (npm's error object, e.g. the 405 of
 * a registry mirror without the advisory service, or no JSON at all) is
 * "unreachable": nothing could be checked.
 */

export const FAILING_SEVERITIES = ["high", "critical"] as const;
const SEVERITIES = ["info", "low", "moderate", "high", "critical"] as const;
type Severity = (typeof SEVERITIES)[number];

export type Finding = { name: string; severity: Severity; range: string; advisories: string[] };

export type AuditVerdict =
  | { kind: "pass"; findings: Finding[] }
  | { kind: "fail"; findings: Finding[]; failing: Finding[] }
  | { kind: "unreachable"; reason: string };

type Via = string | { title?: string; url?: string; severity?: string };
type Report = {
  auditReportVersion?: number;
  vulnerabilities?: Record<string, { name?: string; severity?: string; range?: string; via?: Via[] }>;
  message?: string;
  error?: { code?: string; summary?: string; detail?: string } | string;
  statusCode?: number;
};

const isSeverity = (value: unknown): value is Severity => SEVERITIES.includes(value as Severity);

export function evaluateAudit(stdout: string): AuditVerdict {
  let report: Report;
  try {
    report = JSON.parse(stdout) as Report;
  } catch {
    const text = stdout.trim();
    return { kind: "unreachable", reason: text ? `npm printed no JSON report: ${text.slice(0, 200)}` : "npm printed nothing" };
  }
  if (!report || typeof report !== "object" || !report.vulnerabilities || typeof report.vulnerabilities !== "object") {
    const error = typeof report?.error === "string" ? report.error : [report?.error?.code, report?.error?.summary, report?.error?.detail].filter(Boolean).join(" ");
    const reason = report?.message || error || (report?.statusCode ? `status ${report.statusCode}` : "") || "the answer holds no vulnerability report";
    return { kind: "unreachable", reason };
  }
  const findings: Finding[] = Object.entries(report.vulnerabilities).map(([key, entry]) => {
    // An unknown severity is treated as the worst: better a false alarm than a missed one.
    const severity = isSeverity(entry.severity) ? entry.severity : "critical";
    const advisories = (entry.via ?? []).map((via) => (typeof via === "string" ? `via ${via}` : [via.title, via.url].filter(Boolean).join(" "))).filter(Boolean);
    return { name: entry.name ?? key, severity, range: entry.range ?? "", advisories };
  });
  findings.sort((a, b) => SEVERITIES.indexOf(b.severity) - SEVERITIES.indexOf(a.severity) || a.name.localeCompare(b.name));
  const failing = findings.filter((finding) => (FAILING_SEVERITIES as readonly string[]).includes(finding.severity));
  return failing.length ? { kind: "fail", findings, failing } : { kind: "pass", findings };
}

export function formatFinding(finding: Finding): string {
  const advisories = finding.advisories.length ? `\n    ${finding.advisories.join("\n    ")}` : "";
  return `  ${finding.severity.padEnd(8)} ${finding.name}${finding.range ? ` ${finding.range}` : ""}${advisories}`;
}
