import { and, eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, test } from "vitest";
import { apiLoader } from "#app/api.server.ts";
import { limitKey, LIMITS } from "#app/rate-limit.server.ts";
import { openApiDocument } from "#app/api-schema.ts";
import * as actionPointRoute from "#app/routes/api.v1.actiepunten_.$slug.ts";
import * as actionPointsRoute from "#app/routes/api.v1.actiepunten.ts";
import * as openApiRoute from "#app/routes/api.v1.openapi[.]json.ts";
import * as commentsRoute from "#app/routes/api.v1.reacties.ts";
import * as themeRoute from "#app/routes/api.v1.themas_.$slug.ts";
import * as themesRoute from "#app/routes/api.v1.themas.ts";
import * as proposalRoute from "#app/routes/api.v1.voorstellen_.$id.ts";
import * as proposalsRoute from "#app/routes/api.v1.voorstellen.ts";
import * as fallbackRoute from "#app/routes/api.v1.$.ts";
import { getDb } from "#db/client.ts";
import { actionPoints, comments, plans, progressUpdates, proposals, rateLimits, themes, threads, users } from "#db/schema.ts";
import { createUser } from "#tests/setup/factories.ts";
import { args } from "#tests/setup/requests.ts";

// -- a small JSON Schema (2020-12 subset) validator -------------------------------------------

type Schema = Record<string, unknown>;
const doc = openApiDocument as unknown as { paths: Record<string, Record<string, { responses: Record<string, { content?: Record<string, { schema: Schema }> }> }>>; components: { schemas: Record<string, Schema> } };

function typeOf(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  if (typeof value === "number") return Number.isInteger(value) ? "integer" : "number";
  return typeof value;
}

/** Every way `value` differs from `schema`, as "path: problem" lines; empty when it validates. */
function validate(schema: Schema, value: unknown, path = "$"): string[] {
  if (typeof schema.$ref === "string") {
    const name = schema.$ref.replace("#/components/schemas/", "");
    const target = doc.components.schemas[name];
    if (!target) return [`${path}: unresolved ${schema.$ref}`];
    return validate(target, value, path);
  }
  const errors: string[] = [];
  if (schema.type !== undefined) {
    const allowed = Array.isArray(schema.type) ? (schema.type as string[]) : [schema.type as string];
    const actual = typeOf(value);
    if (!allowed.includes(actual) && !(actual === "integer" && allowed.includes("number"))) return [`${path}: expected ${allowed.join("|")}, got ${actual}`];
  }
  if (Array.isArray(schema.enum) && !schema.enum.includes(value)) errors.push(`${path}: ${JSON.stringify(value)} not in enum`);
  if ("const" in schema && schema.const !== value) errors.push(`${path}: expected ${JSON.stringify(schema.const)}`);
  if (typeof value === "number") {
    if (typeof schema.minimum === "number" && value < schema.minimum) errors.push(`${path}: below minimum`);
    if (typeof schema.maximum === "number" && value > schema.maximum) errors.push(`${path}: above maximum`);
  }
  if (typeof value === "string" && schema.format === "date-time" && !/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/.test(value)) errors.push(`${path}: not a date-time`);
  if (typeof value === "string" && schema.format === "date" && !/^\d{4}-\d\d-\d\d$/.test(value)) errors.push(`${path}: not a date`);
  if (Array.isArray(schema.oneOf)) {
    const passing = (schema.oneOf as Schema[]).filter((option) => validate(option, value, path).length === 0).length;
    if (passing !== 1) errors.push(`${path}: matches ${passing} of oneOf`);
  }
  if (value !== null && typeof value === "object" && !Array.isArray(value)) {
    const record = value as Record<string, unknown>;
    const properties = (schema.properties ?? {}) as Record<string, Schema>;
    for (const key of (schema.required ?? []) as string[]) if (!(key in record)) errors.push(`${path}.${key}: required`);
    for (const [key, item] of Object.entries(record)) {
      if (properties[key]) errors.push(...validate(properties[key], item, `${path}.${key}`));
      else if (schema.additionalProperties === false) errors.push(`${path}.${key}: not allowed`);
    }
  }
  if (Array.isArray(value) && schema.items) value.forEach((item, index) => errors.push(...validate(schema.items as Schema, item, `${path}[${index}]`)));
  return errors;
}

function responseSchema(path: string, status: string): Schema {
  const schema = doc.paths[path]?.get?.responses[status]?.content?.["application/json"]?.schema;
  if (!schema) throw new Error(`no ${status} schema for ${path}`);
  return schema;
}

// -- calling the API ------------------------------------------------------------------------

type Loader = (a: ReturnType<typeof args>) => Promise<unknown>;
const routes: Record<string, Loader> = {
  "/themas": themesRoute.loader as Loader,
  "/themas/{slug}": themeRoute.loader as Loader,
  "/actiepunten": actionPointsRoute.loader as Loader,
  "/actiepunten/{slug}": actionPointRoute.loader as Loader,
  "/voorstellen": proposalsRoute.loader as Loader,
  "/voorstellen/{id}": proposalRoute.loader as Loader,
  "/reacties": commentsRoute.loader as Loader,
  "/openapi.json": openApiRoute.loader as Loader,
};

/** Every body the API gave in this file, to search for e-mail addresses at the end. */
const bodies: string[] = [];

async function call(
  template: string,
  { params = {}, query = "", headers = {}, method = "GET", ip = "192.0.2.10", loader }: { params?: Record<string, string>; query?: string; headers?: Record<string, string>; method?: string; ip?: string; loader?: Loader } = {},
) {
  const path = template.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(params[name] ?? ""));
  const request = new Request(`http://localhost/api/v1${path}${query}`, { method, headers });
  let response: unknown;
  try {
    response = await (loader ?? routes[template]!)(args(request, params, ip));
  } catch (error) {
    response = error;
  }
  if (!(response instanceof Response)) throw new Error(`${template} did not answer with a Response`);
  const text = await response.text();
  bodies.push(text);
  return { status: response.status, headers: response.headers, text, json: text ? (JSON.parse(text) as Record<string, unknown>) : null };
}

/** A 200 whose body validates against the documented schema of that path. */
async function valid(template: string, options: Parameters<typeof call>[1] = {}) {
  const result = await call(template, options);
  expect(result.status, result.text).toBe(200);
  expect(validate(responseSchema(template, "200"), result.json)).toEqual([]);
  return result.json as { data: Record<string, unknown>[]; volgende: string | null } & Record<string, unknown>;
}

async function refused(template: string, status: number, options: Parameters<typeof call>[1] = {}) {
  const result = await call(template, options);
  expect(result.status, result.text).toBe(status);
  expect(validate(doc.components.schemas.Error!, result.json)).toEqual([]);
  return result;
}

// -- data -----------------------------------------------------------------------------------

const POINT = "open-source";
let draftThemeSlug: string;
const visible: number[] = [];
let pendingId: number;
let hiddenId: number;
let deletedAuthorProposal: number;
let emails: string[] = [];
const HIDDEN_TEXT = "GEHEIM verborgen reactie";

beforeAll(async () => {
  const db = getDb();
  const alice = await createUser({ displayName: "Alice" });
  const forumMember = await createUser({ displayName: "Bob", grants: [{ role: "forum_member", organisation: "Open State" }] });
  const leaver = await createUser({ displayName: "Weg" });
  emails = [alice.email, forumMember.email, leaver.email];
  await db.update(users).set({ email: null, displayName: null, deletedAt: new Date() }).where(eq(users.id, leaver.id));

  const [plan] = await db.select({ id: plans.id }).from(plans).where(eq(plans.status, "drafting"));
  const [theme] = await db.select({ id: themes.id, slug: themes.slug }).from(themes).where(eq(themes.planId, plan!.id)).orderBy(themes.number).limit(1);
  draftThemeSlug = theme!.slug;
  const newProposal = async (title: string, extra: Partial<typeof proposals.$inferInsert> = {}) => {
    const [row] = await db
      .insert(proposals)
      .values({ planId: plan!.id, themeId: theme!.id, authorId: alice.id, title, summary: `Samenvatting ${title}`, body: {}, bodyHtml: `<p>${title}</p>`, ...extra })
      .returning({ id: proposals.id });
    await db.insert(threads).values({ subjectType: "proposal", subjectId: row!.id, kind: "public", themeId: theme!.id });
    return row!.id;
  };
  for (let i = 1; i <= 5; i++) visible.push(await newProposal(`Voorstel ${i}`, { createdAt: new Date(Date.UTC(2025, 0, 1, 12, 0, 0)) }));
  deletedAuthorProposal = await newProposal("Van een vertrokken deelnemer", { authorId: leaver.id });
  visible.push(deletedAuthorProposal);
  pendingId = await newProposal("Wacht op moderatie", { status: "pending" });
  hiddenId = await newProposal("Verborgen voorstel", { hiddenAt: new Date(), hiddenReason: "spam" });

  const [point] = await db.select({ id: actionPoints.id, themeId: actionPoints.themeId }).from(actionPoints).where(eq(actionPoints.slug, POINT));
  await db.insert(progressUpdates).values({ planId: (await db.select({ planId: actionPoints.planId }).from(actionPoints).where(eq(actionPoints.id, point!.id)))[0]!.planId, actionPointId: point!.id, title: "Eerste stap", body: "Gedaan.", publishedOn: "2025-02-01", authorId: alice.id });
  const threadOf = async (subjectType: "action_point" | "proposal", subjectId: number, kind: "public" | "forum") =>
    (await db.select({ id: threads.id, themeId: threads.themeId }).from(threads).where(and(eq(threads.subjectType, subjectType), eq(threads.subjectId, subjectId), eq(threads.kind, kind))))[0]!;
  const publicThread = await threadOf("action_point", point!.id, "public");
  const forumThread = await threadOf("action_point", point!.id, "forum");
  const comment = (thread: { id: number; themeId: number }, authorId: number, text: string, extra: Partial<typeof comments.$inferInsert> = {}) =>
    db.insert(comments).values({ threadId: thread.id, themeId: thread.themeId, authorId, body: {}, bodyHtml: `<p>${text}</p>`, ...extra }).returning({ id: comments.id });
  const [first] = await comment(publicThread, alice.id, "Goed plan");
  await comment(publicThread, forumMember.id, "Een antwoord", { parentId: first!.id, rootId: first!.id, depth: 2 });
  await comment(publicThread, leaver.id, "Van iemand die wegging");
  await comment(publicThread, alice.id, HIDDEN_TEXT, { status: "hidden", hiddenAt: new Date(), hiddenReason: "offensive" });
  await comment(publicThread, alice.id, "GEHEIM wacht", { status: "pending" });
  await comment(publicThread, alice.id, "GEHEIM verwijderd", { status: "deleted", deletedAt: new Date() });
  await comment(forumThread, forumMember.id, "In het forum", { official: true });
  await comment(await threadOf("proposal", visible[0]!, "public"), alice.id, "Over voorstel 1");
  await comment(await threadOf("proposal", hiddenId, "public"), alice.id, "GEHEIM onder verborgen voorstel");
  await comment(await threadOf("proposal", pendingId, "public"), alice.id, "GEHEIM onder wachtend voorstel");
});

// -- tests ----------------------------------------------------------------------------------

describe("responses match the OpenAPI document", () => {
  test("every list and detail endpoint", async () => {
    const themeList = await valid("/themas");
    expect(themeList.data.length).toBeGreaterThan(0);
    const theme = await valid("/themas/{slug}", { params: { slug: "open-technologie" } });
    expect((theme.actionPoints as { slug: string }[]).map((p) => p.slug)).toContain(POINT);
    await valid("/actiepunten");
    const filtered = await valid("/actiepunten", { query: "?thema=open-technologie&aantal=100" });
    expect(filtered.data.every((p) => p.theme === "open-technologie")).toBe(true);
    const point = await valid("/actiepunten/{slug}", { params: { slug: POINT } });
    expect((point.progressUpdates as { title: string }[]).map((u) => u.title)).toContain("Eerste stap");
    await valid("/voorstellen");
    await valid("/voorstellen", { query: `?thema=${draftThemeSlug}&status=published` });
    const proposal = await valid("/voorstellen/{id}", { params: { id: String(visible[0]) } });
    expect(proposal.title).toBe("Voorstel 1");
    const all = await valid("/reacties", { query: "?aantal=100" });
    expect(all.data.length).toBeGreaterThan(0);
    await valid("/reacties", { query: `?onderwerp=actiepunt:${POINT}&draad=forum` });
    await valid("/reacties", { query: `?onderwerp=voorstel:${visible[0]}` });
    const openapi = await valid("/openapi.json");
    expect(openapi.openapi).toBe("3.1.0");
  });

  test("the validator fails on any mismatch", async () => {
    const body = (await valid("/voorstellen/{id}", { params: { id: String(visible[0]) } })) as Record<string, unknown>;
    const schema = responseSchema("/voorstellen/{id}", "200");
    const mutations: ((b: Record<string, unknown>) => void)[] = [
      (b) => (b.email = "a@b.nl"), // a field the document does not describe
      (b) => delete b.title, // a required field missing
      (b) => (b.supportCount = "3"), // a wrong type
      (b) => (b.status = "pending"), // outside the enum
      (b) => (b.author = { name: null }), // null where it is not allowed
      (b) => ((b.history as unknown[]).push({ from: null, to: "published", at: "gisteren", explanation: "" })), // nested, via $ref-free items
    ];
    for (const mutate of mutations) {
      const copy = structuredClone(body);
      mutate(copy);
      expect(validate(schema, copy).length, JSON.stringify(copy).slice(0, 80)).toBeGreaterThan(0);
    }
    const comment = (await valid("/reacties", { query: "?aantal=1" })).data[0]!;
    expect(validate(doc.components.schemas.Comment!, { ...comment, subject: { type: "voorstel", slug: "x" } }).length).toBeGreaterThan(0);
  });
});

describe("pagination", () => {
  test("pages of proposals follow each other without duplicates, newest first", async () => {
    const seen: number[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const result = await valid("/voorstellen", { query: `?thema=${draftThemeSlug}&aantal=2${cursor ? `&na=${cursor}` : ""}` });
      expect(result.data.length).toBeLessThanOrEqual(2);
      seen.push(...result.data.map((p) => p.id as number));
      cursor = result.volgende;
      pages++;
    } while (cursor && pages < 20);
    expect(new Set(seen).size).toBe(seen.length);
    expect([...seen].sort((a, b) => a - b)).toEqual([...visible].sort((a, b) => a - b));
    // The five with the same creation time come in descending id order.
    expect(seen.filter((id) => visible.slice(0, 5).includes(id))).toEqual(visible.slice(0, 5).reverse());
  });

  test("themes and comments page through without duplicates", async () => {
    for (const template of ["/themas", "/reacties"]) {
      const all = (await valid(template, { query: "?aantal=100" })).data.map((item) => JSON.stringify(item));
      const paged: string[] = [];
      let cursor: string | null = null;
      do {
        const result = await valid(template, { query: `?aantal=3${cursor ? `&na=${cursor}` : ""}` });
        paged.push(...result.data.map((item) => JSON.stringify(item)));
        cursor = result.volgende;
      } while (cursor);
      expect(paged).toEqual(all);
    }
  });
});

describe("caching and CORS", () => {
  test("ETag and If-None-Match give 304; Cache-Control allows a minute", async () => {
    const first = await call("/themas");
    const etag = first.headers.get("ETag");
    expect(etag).toMatch(/^W\/".+"$/);
    expect(first.headers.get("Cache-Control")).toBe("public, max-age=60");
    const again = await call("/themas", { headers: { "If-None-Match": etag! } });
    expect(again.status).toBe(304);
    expect(again.text).toBe("");
    expect(again.headers.get("ETag")).toBe(etag);
    const other = await call("/themas", { headers: { "If-None-Match": 'W/"iets-anders"' } });
    expect(other.status).toBe(200);
    const otherPage = await call("/themas", { query: "?aantal=1" });
    expect(otherPage.headers.get("ETag")).not.toBe(etag);
  });

  test("reading is allowed from any origin, and the preflight allows GET only", async () => {
    const result = await call("/voorstellen", { headers: { Origin: "https://elders.example" } });
    expect(result.headers.get("Access-Control-Allow-Origin")).toBe("*");
    expect(result.headers.get("Access-Control-Expose-Headers")).toContain("ETag");
    const preflight = await call("/voorstellen", {
      method: "OPTIONS",
      headers: { Origin: "https://elders.example", "Access-Control-Request-Method": "GET", "Access-Control-Request-Headers": "if-none-match" },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get("Access-Control-Allow-Origin")).toBe("*");
    expect(preflight.headers.get("Access-Control-Allow-Methods")).toBe("GET, HEAD, OPTIONS");
    expect(preflight.headers.get("Access-Control-Allow-Headers")).toContain("If-None-Match");
  });

  test("no route exports an action, so POST and friends are refused by Remix (405)", () => {
    for (const module of [themesRoute, themeRoute, actionPointsRoute, actionPointRoute, proposalsRoute, proposalRoute, commentsRoute, openApiRoute, fallbackRoute]) {
      expect("action" in module).toBe(false);
    }
  });
});

describe("bad input is a 400 with a message, never a 500", () => {
  test("forged cursors", async () => {
    const forged = [
      "bm9uc2Vucw", // "nonsens"
      Buffer.from(JSON.stringify({ l: "voorstellen", k: ["'; drop table proposals; --", 1] })).toString("base64url"),
      Buffer.from(JSON.stringify({ l: "themas", k: [1] })).toString("base64url"), // another list's cursor
      Buffer.from(JSON.stringify({ l: "reacties", k: [-1] })).toString("base64url"),
      "!!!",
      "",
    ];
    for (const cursor of forged) {
      const result = await refused("/voorstellen", 400, { query: `?na=${encodeURIComponent(cursor)}` });
      expect((result.json!.error as { code: string }).code).toBe("invalid_cursor");
    }
    await refused("/reacties", 400, { query: `?na=${Buffer.from(JSON.stringify({ l: "reacties", k: [1.5] })).toString("base64url")}` });
  });

  test("bad page sizes, unknown filters and parameters, in the request's language", async () => {
    for (const aantal of ["0", "101", "abc", "-1", "2.5", ""]) await refused("/themas", 400, { query: `?aantal=${aantal}` });
    const status = await refused("/voorstellen", 400, { query: "?status=pending" });
    expect((status.json!.error as { message: string }).message).toContain("pending");
    await refused("/voorstellen", 400, { query: "?thema=bestaat-niet" });
    await refused("/actiepunten", 400, { query: "?thema=bestaat-niet" });
    await refused("/reacties", 400, { query: "?draad=geheim" });
    await refused("/reacties", 400, { query: "?onderwerp=iets" });
    await refused("/reacties", 400, { query: "?onderwerp=actiepunt:bestaat-niet" });
    await refused("/reacties", 400, { query: `?onderwerp=voorstel:${hiddenId}` });
    await refused("/reacties", 400, { query: "?onderwerp=voorstel:99999999999" });
    await refused("/themas", 400, { query: "?aantal=1&aantal=2" });
    const dutch = await refused("/themas", 400, { query: "?pagina=2" });
    expect((dutch.json!.error as { message: string }).message).toMatch(/kennen we hier niet/);
    const english = await refused("/themas", 400, { query: "?pagina=2", headers: { "Accept-Language": "en-GB,en;q=0.9,nl;q=0.5" } });
    expect((english.json!.error as { message: string }).message).toMatch(/is not known here/);
    const cookie = await refused("/themas", 400, { query: "?pagina=2", headers: { Cookie: "lang=en" } });
    expect((cookie.json!.error as { code: string; message: string }).code).toBe("unknown_parameter");
    expect((cookie.json!.error as { message: string }).message).toMatch(/is not known here/);
  });

  test("unknown resources are a JSON 404", async () => {
    await refused("/themas/{slug}", 404, { params: { slug: "bestaat-niet" } });
    await refused("/actiepunten/{slug}", 404, { params: { slug: "bestaat-niet" } });
    for (const id of ["999999", "abc", "0", "99999999999"]) await refused("/voorstellen/{id}", 404, { params: { id } });
    await refused("/onzin", 404, { loader: fallbackRoute.loader as Loader, params: { "*": "onzin" } });
  });
});

describe("only public content", () => {
  test("a hidden or pending proposal never appears, not in lists nor by id", async () => {
    const listed = (await valid("/voorstellen", { query: "?aantal=100" })).data.map((p) => p.id);
    expect(listed).not.toContain(hiddenId);
    expect(listed).not.toContain(pendingId);
    await refused("/voorstellen/{id}", 404, { params: { id: String(hiddenId) } });
    await refused("/voorstellen/{id}", 404, { params: { id: String(pendingId) } });
  });

  test("hidden, pending and deleted comments, and comments under hidden proposals, never appear", async () => {
    const texts = JSON.stringify((await valid("/reacties", { query: "?aantal=100" })).data);
    expect(texts).toContain("Goed plan");
    expect(texts).toContain("In het forum");
    expect(texts).not.toContain("GEHEIM");
    const forum = await valid("/reacties", { query: `?onderwerp=actiepunt:${POINT}&draad=forum` });
    expect(forum.data.map((c) => c.html)).toEqual(["<p>In het forum</p>"]);
    expect(forum.data[0]!.author).toEqual({ name: "Bob", organisation: "Open State" });
  });

  test("deleted people show as “Verwijderde deelnemer”; no e-mail address in any response", async () => {
    const proposal = await valid("/voorstellen/{id}", { params: { id: String(deletedAuthorProposal) } });
    expect(proposal.author).toEqual({ name: "Verwijderde deelnemer" });
    const names = (await valid("/reacties", { query: "?aantal=100" })).data.map((c) => (c.author as { name: string }).name);
    expect(names).toContain("Verwijderde deelnemer");
    expect(names).not.toContain("Weg");
    const everything = bodies.join("\n");
    expect(everything.length).toBeGreaterThan(1000);
    for (const email of emails) expect(everything).not.toContain(email);
    expect(everything).not.toMatch(/[\w.+-]+@[\w-]+\.[\w.-]+/);
  });
});

describe("rate limit", () => {
  test("every answer carries RateLimit headers; past the limit the answer is 429", async () => {
    const ip = "198.51.100.77";
    const first = await call("/themas", { ip });
    expect(first.headers.get("RateLimit-Limit")).toBe(String(LIMITS.apiPerIp.max));
    expect(first.headers.get("RateLimit-Remaining")).toBe(String(LIMITS.apiPerIp.max - 1));
    expect(Number(first.headers.get("RateLimit-Reset"))).toBeGreaterThan(0);
    // Use up the rest of this IP's window at once instead of sending 600 requests.
    await getDb().update(rateLimits).set({ count: LIMITS.apiPerIp.max }).where(eq(rateLimits.key, limitKey(LIMITS.apiPerIp, `ip:${ip}`)));
    const limited = await refused("/themas", 429, { ip });
    expect(limited.headers.get("RateLimit-Remaining")).toBe("0");
    expect(Number(limited.headers.get("Retry-After"))).toBeGreaterThan(0);
    expect(limited.headers.get("Access-Control-Allow-Origin")).toBe("*");
    // Another address is not affected.
    expect((await call("/themas", { ip: "198.51.100.78" })).status).toBe(200);
    expect((await getDb().select({ n: sql<number>`count(*)::int` }).from(rateLimits).where(sql`${rateLimits.key} like 'api:ip:%'`))[0]!.n).toBeGreaterThan(1);
  });
});

describe("while the database cannot answer", () => {
  test("every operation documents a 503 with Retry-After, and the answer is one: the API's error format, never a 500", async () => {
    for (const [path, item] of Object.entries(doc.paths)) {
      const documented = item.get!.responses["503"] as { headers?: Record<string, unknown>; content?: Record<string, { schema: Schema }> } | undefined;
      expect(documented?.headers?.["Retry-After"], path).toBeDefined();
      expect(documented?.content?.["application/json"]?.schema, path).toEqual({ $ref: "#/components/schemas/Error" });
    }
    // A real statement timeout (SQLSTATE 57014), as Drizzle passes it on.
    const timingOut = apiLoader(() =>
      getDb().transaction(async (tx) => {
        await tx.execute(sql`set local statement_timeout = '20ms'`);
        await tx.execute(sql`select pg_sleep(2)`);
      }),
    );
    const result = await call("/themas", { loader: timingOut as Loader, headers: { "Accept-Language": "en" } });
    expect(result.status).toBe(503);
    expect(result.headers.get("Retry-After")).toBe("5");
    expect(result.headers.get("Cache-Control")).toBe("no-store");
    expect(result.headers.get("Access-Control-Allow-Origin")).toBe("*");
    expect(result.headers.get("Content-Type")).toBe("application/json; charset=utf-8");
    expect(validate(responseSchema("/themas", "503"), result.json)).toEqual([]);
    expect(result.json).toEqual({ error: { code: "unavailable", message: "The service is temporarily unavailable. Try again in 5 seconds." } });
  });
});
