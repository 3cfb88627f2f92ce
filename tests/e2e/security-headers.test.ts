import { spawnSync } from "node:child_process";
import { afterAll, expect, inject, test } from "vitest";
import { createUser } from "#tests/setup/factories.ts";
import { sharedBrowser, signedInPage } from "#tests/setup/page.ts";
import { routeInventory, routePath } from "#tests/fixtures/routes.ts";
import { createWorld, sampleParam } from "#tests/setup/hostile.ts";
import { closeDb } from "#db/client.ts";

process.env.DATABASE_URL = inject("databaseUrl");
const baseUrl = inject("baseUrl");
const browser = sharedBrowser();
afterAll(async () => {
  await closeDb();
});

const PAGES = ["/", "/thema/open-recht", "/actiepunt/open-source", "/voorstellen", "/zoeken?q=open", "/open-data", "/moderatielog", "/statistieken", "/inloggen", "/bestaat-niet"];

test("every page sends a strict Content-Security-Policy with a fresh nonce that its inline scripts carry, and the other security headers", async () => {
  const nonces = new Set<string>();
  for (const path of PAGES) {
    const response = await fetch(`${baseUrl}${path}`);
    const csp = response.headers.get("Content-Security-Policy") ?? "";
    const scriptSrc = csp.split(";").find((part) => part.trim().startsWith("script-src")) ?? "";
    expect(scriptSrc, path).not.toContain("unsafe-inline");
    expect(scriptSrc, path).not.toContain("unsafe-eval");
    for (const directive of ["object-src 'none'", "base-uri 'none'", "form-action 'self'", "frame-ancestors 'none'"]) expect(csp, path).toContain(directive);
    const nonce = scriptSrc.match(/'nonce-([^']+)'/)?.[1];
    expect(nonce, path).toBeTruthy();
    nonces.add(nonce!);
    const html = await response.text();
    const inline = [...html.matchAll(/<script(?![^>]*\bsrc=)([^>]*)>/g)].map((match) => match[1]!);
    expect(inline.length, path).toBeGreaterThan(0);
    for (const attributes of inline) expect(attributes, path).toContain(`nonce="${nonce}"`);
    expect(response.headers.get("X-Content-Type-Options")).toBe("nosniff");
    expect(response.headers.get("Referrer-Policy")).toBeTruthy();
    expect(response.headers.get("Permissions-Policy")).toContain("camera=()");
  }
  expect(nonces.size).toBe(PAGES.length);
});

test("pages for a signed-in person are not stored; the site works under the policy, the editor included", async () => {
  const person = await createUser();
  const response = await fetch(`${baseUrl}/account`, { headers: { Cookie: `inspraak_session=${person.token}` } });
  expect(response.headers.get("Cache-Control")).toBe("private, no-store");

  const page = await signedInPage(browser(), baseUrl, person.token);
  const violations: string[] = [];
  page.on("console", (message) => {
    if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
  });
  await page.goto("/actiepunt/open-source");
  await page.locator("#discussie-public").getByRole("button", { name: "Opmaak gebruiken" }).click();
  await page.locator("#discussie-public").getByRole("textbox", { name: "Je reactie", exact: true }).waitFor();
  await page.getByRole("link", { name: "Voorstellen" }).first().click();
  await page.getByRole("heading", { level: 1, name: "Voorstellen voor het volgende actieplan" }).waitFor();
  expect(violations).toEqual([]);
});

test("a form posted from another site is refused with a 403 and a message, never a 500", async () => {
  const person = await createUser();
  for (const path of ["/actiepunt/open-source", "/actiepunt/open-source.data", "/voorstellen/nieuw", "/account"]) {
    for (const origin of ["https://aanvaller.example", "null"]) {
      const response = await fetch(`${baseUrl}${path}`, {
        method: "POST",
        redirect: "manual",
        headers: { Origin: origin, Cookie: `inspraak_session=${person.token}`, "Content-Type": "application/x-www-form-urlencoded" },
        body: "intent=comment&bodyText=Van+elders",
      });
      expect(response.status, `${path} from ${origin}`).toBe(403);
    }
  }
});

test("every route, signed out and as an admin, sends the security headers; signed-in pages and personal data are never stored", async () => {
  const world = await createWorld();
  const admin = `inspraak_session=${world.people.admin.token}`;
  let checked = 0;
  for (const spec of routeInventory) {
    const params = Object.fromEntries(Object.entries(spec.params).map(([name, kind]) => [name, encodeURIComponent(sampleParam(kind, world.samples))]));
    const path = routePath(spec.file, params);
    for (const cookie of [undefined, admin]) {
      const response = await fetch(`${baseUrl}${path}`, { redirect: "manual", headers: cookie ? { Cookie: cookie } : {} });
      await response.arrayBuffer();
      const where = `${path} ${cookie ? "as admin" : "signed out"} (${response.status})`;
      expect(response.status, where).toBeLessThan(500);
      const csp = response.headers.get("Content-Security-Policy") ?? "";
      for (const directive of ["object-src 'none'", "base-uri 'none'", "form-action 'self'", "frame-ancestors 'none'"]) expect(csp, where).toContain(directive);
      expect(csp, where).toMatch(/script-src 'self' 'nonce-[^']+'(;|$)/);
      expect(response.headers.get("X-Content-Type-Options"), where).toBe("nosniff");
      expect(response.headers.get("Referrer-Policy"), where).toBe("strict-origin-when-cross-origin");
      expect(response.headers.get("Permissions-Policy"), where).toContain("camera=()");
      const html = (response.headers.get("Content-Type") ?? "").startsWith("text/html");
      if (cookie && (html || spec.file.startsWith("account."))) expect(response.headers.get("Cache-Control"), where).toMatch(/\bno-store\b/);
      checked++;
    }
  }
  expect(checked).toBe(routeInventory.length * 2);
});

test("in production the server and the worker refuse to start without a proper SECRET", () => {
  for (const script of ["server/index.ts", "server/worker.ts"]) {
    for (const secret of ["", "te-kort"]) {
      const run = spawnSync(process.execPath, ["--import", "tsx", script], {
        env: { ...process.env, NODE_ENV: "production", SECRET: secret, DATABASE_URL: inject("databaseUrl"), PORT: "0" },
        encoding: "utf8",
        timeout: 30_000,
      });
      expect(run.status, `${script} with SECRET="${secret}"`).toBe(1);
      expect(run.stderr).toMatch(/SECRET is (not set|too short)/);
    }
  }
});
