/**
 * Every hostile input of tests/fixtures/hostile-inputs.ts into every URL
 * parameter, query parameter and form field of every route
 * (tests/fixtures/routes.ts), as the people who can reach it: each gets a
 * 2xx/3xx/4xx, never a 500, and the database is intact afterwards.
 */
import { eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, test } from "vitest";
import { translator } from "#app/i18n/index.ts";
import { docToText } from "#app/richtext/render.ts";
import type { RichDoc } from "#app/richtext/validate.ts";
import { getDb, rowsOf } from "#db/client.ts";
import { comments, proposals, users } from "#db/schema.ts";
import { hostileBodyBytes, hostileInputs, hostileSample, hostileUrlFragments, type Hostile } from "#tests/fixtures/hostile-inputs.ts";
import { guardedFields, paramsInFileName, routeFiles, routeInventory, routePath, type Caller, type FormSpec, type RouteSpec } from "#tests/fixtures/routes.ts";
import { createUser } from "#tests/setup/factories.ts";
import { acceptable, callRoute, createWorld, describeFailure, encodeSegment, importRoute, remixParam, sampleParam, tableCounts, wellFormed, type World } from "#tests/setup/hostile.ts";

const ORIGIN = "http://localhost";
let world: World;
let countsBefore: Record<string, number>;
const CONTENT_TABLES = ["plans", "themes", "action_points"] as const;
let contentBefore: Record<string, Map<number, string>>;

/** Every row of the plan content tables, as a fingerprint of what it is (the windows form may move a plan's dates). */
async function contentRows(): Promise<Record<string, Map<number, string>>> {
  const result: Record<string, Map<number, string>> = {};
  for (const table of CONTENT_TABLES) {
    const rows = rowsOf<{ id: number; hash: string }>(await getDb().execute<{ id: number; hash: string }>(sql`select id, md5(concat_ws('|', slug, title, ${sql.raw(table === "plans" ? "status" : table === "themes" ? "plan_id" : "theme_id")})) as hash from ${sql.identifier(table)}`));
    result[table] = new Map(rows.map((row) => [row.id, row.hash]));
  }
  return result;
}

beforeAll(async () => {
  world = await createWorld();
  countsBefore = await tableCounts();
  contentBefore = await contentRows();
});

async function cookieFor(caller: Caller, spec: RouteSpec): Promise<string | undefined> {
  if (caller === "anonymous") return undefined;
  // Signing out or deleting the account ends the session: a throwaway person for every call.
  if (spec.endsSession && caller === "citizen") return (await createUser()).cookie;
  return world.people[caller].cookie;
}

function validParams(spec: RouteSpec): {
  encoded: Record<string, string>;
  decoded: Record<string, string>;
} {
  const encoded: Record<string, string> = {};
  const decoded: Record<string, string> = {};
  for (const [name, kind] of Object.entries(spec.params)) {
    const value = sampleParam(kind, world.samples);
    decoded[name] = value;
    encoded[name] = kind === "splat" ? value : encodeSegment(value);
  }
  return { encoded, decoded };
}

/** One hostile value for a URL parameter, twice: as a decoded string, and as raw percent-encoding that may not decode. */
function paramVariants(corpus: Hostile[] = hostileInputs): { name: string; encoded: string; decoded: string }[] {
  return [
    ...corpus.map((input) => ({
      name: input.name,
      encoded: encodeSegment(input.value),
      decoded: input.value,
    })),
    ...hostileUrlFragments.map((input) => ({
      name: `raw:${input.name}`,
      encoded: input.value,
      decoded: remixParam(input.value),
    })),
  ];
}

/** A query string with one hostile value: encoded, or raw as the fragment stands. */
function queryVariants(name: string, corpus: Hostile[] = hostileInputs): { name: string; search: string }[] {
  return [
    ...corpus.map((input) => ({
      name: input.name,
      search: `?${new URLSearchParams({ [name]: wellFormed(input.value) })}`,
    })),
    ...hostileUrlFragments.map((input) => ({
      name: `raw:${input.name}`,
      search: `?${name}=${input.value}`,
    })),
    { name: "repeated", search: `?${name}=1&${name}=2` },
    { name: "empty", search: `?${name}` },
    { name: "hostile-name", search: `?${encodeURIComponent(name)}%00=1&%00=2` },
  ];
}

const failures = (list: string[]) => list.slice(0, 25);

/** Loaders only read: a few at once keeps the database busy while JavaScript builds the next request. */
async function runConcurrently(tasks: (() => Promise<void>)[], width: number): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < tasks.length) await tasks[next++]!();
    })
  );
}

test("the inventory lists every route module, with the URL parameters its file name declares", () => {
  const listed = routeInventory.map((spec) => spec.file).sort();
  expect(listed, "tests/fixtures/routes.ts must list every file in app/routes").toEqual(routeFiles());
  for (const spec of routeInventory) expect(Object.keys(spec.params).sort(), spec.file).toEqual(paramsInFileName(spec.file).sort());
});

test("the inventory lists an action's form exactly when the module exports an action", async () => {
  for (const spec of routeInventory) {
    const route = await importRoute(spec.file);
    expect(Boolean(route.action), `${spec.file}: action`).toBe(Boolean(spec.form));
    expect(Boolean(route.loader), `${spec.file}: loader`).toBe(!spec.noLoader);
  }
});

describe("loaders: hostile URL and query parameters", () => {
  test.each(routeInventory.filter((spec) => !spec.noLoader).map((spec) => [spec.file, spec] as const))("%s", async (file, spec) => {
    const route = await importRoute(file);
    const loader = route.loader!;
    const problems: string[] = [];
    let calls = 0;
    const callers = spec.as ?? (["anonymous", "admin"] as Caller[]);
    const valid = validParams(spec);
    const base = routePath(file, valid.encoded);
    const tasks: (() => Promise<void>)[] = [];
    for (const caller of callers) {
      // The whole corpus into URL parameters as the caller who gets furthest (listed last); one of each kind otherwise and in the query.
      const primary = caller === callers.at(-1);
      const cookie = await cookieFor(caller, spec);
      const headers = cookie ? { Cookie: cookie } : undefined;
      const check = (where: string, url: string, params: Record<string, string>) =>
        tasks.push(async () => {
          const outcome = await callRoute(loader, new Request(url, { headers }), params);
          calls++;
          if (!acceptable(outcome)) problems.push(describeFailure(`${caller} ${where}`, outcome));
        });
      check("valid", `${ORIGIN}${base}`, valid.decoded);
      for (const name of Object.keys(spec.params)) {
        for (const variant of paramVariants(primary ? hostileInputs : hostileSample)) {
          check(
            `:${name}=${variant.name}`,
            `${ORIGIN}${routePath(file, {
              ...valid.encoded,
              [name]: variant.encoded,
            })}`,
            { ...valid.decoded, [name]: variant.decoded }
          );
        }
      }
      if (!primary) continue;
      for (const name of spec.query) {
        for (const variant of queryVariants(name, hostileSample)) check(`?${name}=${variant.name}`, `${ORIGIN}${base}${variant.search}`, valid.decoded);
      }
    }
    await runConcurrently(tasks, 4);
    expect(failures(problems)).toEqual([]);
    expect(calls).toBeGreaterThan(0);
  });
});

type Body = {
  name: string;
  init: { body: BodyInit; headers: Record<string, string> };
};

function formBody(values: Record<string, string>): Body["init"] {
  return {
    body: new URLSearchParams(Object.entries(values).map(([key, value]) => [key, wellFormed(value)])).toString(),
    headers: {
      "Content-Type": "application/x-www-form-urlencoded;charset=UTF-8",
    },
  };
}

/** The bodies for one field: every hostile string, raw invalid bytes, the field twice, and a file where text belongs. */
function fieldBodies(values: Record<string, string>, field: string, corpus: Hostile[] = hostileInputs): Body[] {
  const bodies: Body[] = corpus.map((input: Hostile) => ({
    name: input.name,
    init: formBody({ ...values, [field]: input.value }),
  }));
  const rest = new URLSearchParams(Object.entries(values).filter(([key]) => key !== field));
  for (const raw of hostileBodyBytes) {
    const prefix = new TextEncoder().encode(`${rest.toString()}${rest.size ? "&" : ""}${encodeURIComponent(field)}=`);
    const bytes = new Uint8Array(prefix.length + raw.bytes.length);
    bytes.set(prefix);
    bytes.set(raw.bytes, prefix.length);
    bodies.push({
      name: `bytes:${raw.name}`,
      init: {
        body: bytes,
        headers: { "Content-Type": "application/x-www-form-urlencoded" },
      },
    });
  }
  const twice = new URLSearchParams(rest);
  twice.append(field, values[field] ?? "1");
  twice.append(field, "2");
  bodies.push({
    name: "repeated",
    init: {
      body: twice.toString(),
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
    },
  });
  const multipart = new FormData();
  for (const [key, value] of rest) multipart.append(key, value);
  multipart.append(field, new File(["\u0000binary"], "a.bin", { type: "application/octet-stream" }));
  bodies.push({ name: "file", init: { body: multipart, headers: {} } });
  return bodies;
}

/** Bodies that are not a form at all. */
function brokenBodies(values: Record<string, string>): Body[] {
  return [
    {
      name: "json",
      init: {
        body: JSON.stringify(values),
        headers: { "Content-Type": "application/json" },
      },
    },
    {
      name: "text",
      init: {
        body: "intent=comment",
        headers: { "Content-Type": "text/plain" },
      },
    },
    {
      name: "no-type",
      init: {
        body: new Uint8Array([0xff, 0x00, 0xfe]),
        headers: { "Content-Type": "" },
      },
    },
    {
      name: "bad-multipart",
      init: {
        body: "--x\r\nnonsense",
        headers: { "Content-Type": "multipart/form-data; boundary=x" },
      },
    },
    {
      name: "empty",
      init: {
        body: "",
        headers: { "Content-Type": "application/x-www-form-urlencoded" },
      },
    },
    {
      name: "hostile-names",
      init: formBody({
        ...values,
        "\u0000": "1",
        __proto__: "x",
        constructor: "y",
        ["a".repeat(5000)]: "z",
      }),
    },
  ];
}

function intentsOf(form: FormSpec): (string | null)[] {
  return form.intents ?? [null];
}

describe("actions: hostile form fields and URL parameters", () => {
  const withForms = routeInventory.filter((spec) => spec.form);
  test.each(withForms.map((spec) => [spec.file, spec] as const))("%s", async (file, spec) => {
    const route = await importRoute(file);
    const action = route.action!;
    const form = spec.form!;
    const problems: string[] = [];
    let calls = 0;
    const valid = validParams(spec);
    const url = `${ORIGIN}${routePath(file, valid.encoded)}`;
    const post = async (caller: Caller, where: string, init: Body["init"], target = url, params = valid.decoded) => {
      const cookie = await cookieFor(caller, spec);
      const headers: Record<string, string> = {
        Origin: ORIGIN,
        ...init.headers,
      };
      if (cookie) headers.Cookie = cookie;
      if (headers["Content-Type"] === "") delete headers["Content-Type"];
      const outcome = await callRoute(action, new Request(target, { method: "POST", body: init.body, headers }), params);
      calls++;
      if (!acceptable(outcome)) problems.push(describeFailure(`${caller} ${where}`, outcome));
    };
    const callers = form.as ?? (["citizen", "admin"] as Caller[]);
    const intents = intentsOf(form);
    const withIntent = (intent: string | null) => {
      const values = form.base(world.samples);
      if (intent !== null) values[form.intentField ?? "intent"] = intent;
      return values;
    };
    for (const caller of callers) {
      const primary = caller === callers.at(-1);
      // The whole corpus into every field at once (the intents taking turns), as the caller who gets furthest (listed last), unless every call hashes a password.
      if (primary && !form.slow && form.fields.length) {
        for (const [position, input] of hostileInputs.entries()) {
          const intent = intents[position % intents.length]!;
          const values = withIntent(intent);
          for (const field of form.fields) if (!guardedFields.includes(field)) values[field] = input.value;
          await post(caller, `${intent === null ? "" : `[${intent}] `}every field=${input.name}`, formBody(values));
        }
      }
      // One input of each kind into each field alone, so a refusal of another field does not hide it; raw bytes, a repeated field and a file too.
      const sample = primary ? hostileSample : hostileSample.slice(0, 6);
      for (const [index, field] of form.fields.entries()) {
        const byIntent = intents.map((intent) => fieldBodies(withIntent(intent), field, sample));
        for (const position of byIntent[0]!.keys()) {
          const turn = (index + position) % intents.length;
          const body = byIntent[turn]![position]!;
          if (body.name.startsWith("bytes:") && index > 0) continue;
          await post(caller, `${intents[turn] === null ? "" : `[${intents[turn]}] `}${field}=${body.name}`, body.init);
        }
      }
      if (intents[0] !== null) {
        for (const body of fieldBodies(withIntent(intents[0]!), form.intentField ?? "intent", hostileSample.slice(0, 8))) await post(caller, `intent=${body.name}`, body.init);
      }
      const values = withIntent(intents[0]!);
      for (const body of brokenBodies(values)) await post(caller, `body=${body.name}`, body.init);
      if (!primary) continue;
      for (const name of Object.keys(spec.params)) {
        for (const variant of paramVariants(hostileSample)) {
          const target = `${ORIGIN}${routePath(file, { ...valid.encoded, [name]: variant.encoded })}`;
          await post(caller, `:${name}=${variant.name}`, formBody(values), target, { ...valid.decoded, [name]: variant.decoded });
        }
      }
      for (const name of form.query ?? []) {
        for (const variant of queryVariants(name, hostileSample)) await post(caller, `?${name}=${variant.name}`, formBody(values), `${url}${variant.search}`);
      }
    }
    expect(failures(problems)).toEqual([]);
    expect(calls).toBeGreaterThan(0);
  });
});

describe("what is stored is what was written, and shown safely", () => {
  const nl = translator("nl");

  test("a comment with SQL, markup, a direction override, zero-width characters and emoji is stored as written and rendered escaped", async () => {
    const { actiepuntAction } = {
      actiepuntAction: (await importRoute("actiepunt.$slug.tsx")).action!,
    };
    const text = "'; DROP TABLE users; -- <script>alert(1)</script> \u202Egnp.exe o\u200Bp\u200De\uFEFFn 👩🏽‍💻 %_\\";
    const person = await createUser();
    const outcome = await callRoute(
      actiepuntAction,
      new Request(`${ORIGIN}/actiepunt/${world.samples.actionPointSlug}`, {
        method: "POST",
        ...formBody({
          intent: "comment",
          threadId: String(world.samples.publicThreadId),
          bodyText: text,
        }),
        headers: {
          ...formBody({}).headers,
          Origin: ORIGIN,
          Cookie: person.cookie,
        },
      }),
      { slug: world.samples.actionPointSlug }
    );
    expect(outcome.status).toBe(302);
    const [stored] = await getDb().select({ body: comments.body, html: comments.bodyHtml }).from(comments).where(eq(comments.authorId, person.id));
    // The documented normalisation (app/richtext/validate.ts cleanText): direction overrides and zero-width characters go, emoji stay whole.
    expect(docToText(stored!.body as RichDoc)).toBe("'; DROP TABLE users; -- <script>alert(1)</script> gnp.exe open 👩🏽‍💻 %_\\");
    expect(stored!.html).not.toContain("<script>");
    expect(stored!.html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
  });

  test("a proposal title with SQL and LIKE wildcards is stored exactly; one with a direction override is refused with a message", async () => {
    const action = (await importRoute("voorstellen.nieuw.tsx")).action!;
    const submit = async (title: string) => {
      const person = await createUser();
      const body = formBody({
        title,
        summary: "Kort gezegd",
        themeId: String(world.samples.themeId),
        bodyText: "De uitleg",
      });
      const outcome = await callRoute(
        action,
        new Request(`${ORIGIN}/voorstellen/nieuw`, {
          method: "POST",
          body: body.body,
          headers: { ...body.headers, Origin: ORIGIN, Cookie: person.cookie },
        }),
        {}
      );
      const rows = await getDb().select({ title: proposals.title }).from(proposals).where(eq(proposals.authorId, person.id));
      return { outcome, rows };
    };
    const plain = await submit("' OR 1=1 -- 100% _echt_ \\ open");
    expect(plain.outcome.status).toBe(302);
    expect(plain.rows).toEqual([{ title: "' OR 1=1 -- 100% _echt_ \\ open" }]);
    const spoofed = await submit("\u202Egnp.exe");
    expect(spoofed.outcome.status).toBe(400);
    expect(spoofed.rows).toEqual([]);
  });

  test("a NUL byte in any form field is refused with a translated 400, and nothing is stored", async () => {
    const action = (await importRoute("actiepunt.$slug.tsx")).action!;
    const person = await createUser();
    const body = formBody({
      intent: "comment",
      threadId: String(world.samples.publicThreadId),
      bodyText: "Open\u0000data",
    });
    const outcome = await callRoute(
      action,
      new Request(`${ORIGIN}/actiepunt/${world.samples.actionPointSlug}`, {
        method: "POST",
        body: body.body,
        headers: { ...body.headers, Origin: ORIGIN, Cookie: person.cookie },
      }),
      { slug: world.samples.actionPointSlug }
    );
    expect(outcome.status).toBe(400);
    expect(outcome.body).toBe(nl("error.badCharacters"));
    expect(await getDb().select({ id: comments.id }).from(comments).where(eq(comments.authorId, person.id))).toEqual([]);
  });

  test("a NUL byte in the query string is a translated 400; in a URL parameter, a 404", async () => {
    const route = await importRoute("thema.$slug.tsx");
    const search = await callRoute((await importRoute("zoeken.tsx")).loader!, new Request(`${ORIGIN}/zoeken?q=open%00data`), {});
    expect(search.status).toBe(400);
    expect(search.body).toBe(nl("error.badCharacters"));
    expect((await callRoute(route.loader!, new Request(`${ORIGIN}/thema/open%00recht`), { slug: "open\u0000recht" })).status).toBe(404);
  });

  test("a form that is not a form at all is a translated 400", async () => {
    const action = (await importRoute("taal.tsx")).action!;
    const outcome = await callRoute(
      action,
      new Request(`${ORIGIN}/taal`, {
        method: "POST",
        body: '{"locale":"en"}',
        headers: { "Content-Type": "application/json", Origin: ORIGIN },
      }),
      {}
    );
    expect(outcome.status).toBe(400);
    expect(outcome.body).toBe(nl("error.badForm"));
  });

  // Found by the fuzzer: an empty field name made Conform's parser throw (a 500 on every Conform form).
  test.each(["", "flagThreshold.x", "items[]", "__proto__", "a[0]", "constructor"])("a field named %j is a translated 400 and changes nothing", async (name) => {
    const action = (await importRoute("beheer.themas.tsx")).action!;
    const body = new URLSearchParams({ themeId: String(world.samples.themeId), premoderation: "all", premoderationCount: "3", flagThreshold: "3" });
    body.append(name, "1");
    const before = await tableCounts();
    const outcome = await callRoute(
      action,
      new Request(`${ORIGIN}/beheer/themas`, {
        method: "POST",
        body,
        headers: { Origin: ORIGIN, Cookie: world.people.admin.cookie },
      }),
      {}
    );
    expect(outcome.status).toBe(400);
    expect(outcome.body).toBe(nl("error.badForm"));
    expect(await tableCounts()).toEqual(before);
  });
});

test("afterwards the database is intact: every table is still there, the plans untouched, the people still there", async () => {
  const after = await tableCounts();
  expect(Object.keys(after).sort()).toEqual(Object.keys(countsBefore).sort());
  expect(after.users).toBeGreaterThanOrEqual(countsBefore.users!);
  // The plans, themes and action points that were there are untouched (the admin's create forms may have added
  // new ones from inputs that happen to be valid, such as a slug of digits: stored, and shown safely).
  const content = await contentRows();
  for (const table of CONTENT_TABLES) {
    for (const [id, hash] of contentBefore[table]!) expect(content[table]!.get(id), `${table} ${id}`).toBe(hash);
  }
  for (const person of Object.values(world.people)) {
    const [row] = await getDb().select({ id: users.id }).from(users).where(eq(users.id, person.id));
    expect(row, `person ${person.id}`).toBeDefined();
  }
});

describe("crafted cursors and item keys: well-formed on the outside, out of range inside", () => {
  const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");
  const beyond = 9_999_999_999;
  const cases: {
    file: string;
    caller: Caller;
    path: (world: World) => string;
    params: (world: World) => Record<string, string>;
  }[] = [
    ...["2024-02-30T00:00:00.000Z_1", "2024-13-01T00:00:00.000Z_1", "0000-01-01T00:00:00.000Z_1", `2024-01-01T00:00:00.000Z_${beyond}`].flatMap((na) => [
      {
        file: "moderatie._index.tsx",
        caller: "admin" as const,
        path: () => `/moderatie?na=${na}`,
        params: () => ({}),
      },
      {
        file: "meldingen.tsx",
        caller: "citizen" as const,
        path: () => `/meldingen?na=${na}`,
        params: () => ({}),
      },
    ]),
    ...[
      { sorteer: "oud", na: b64({ v: "1", id: 1 }) },
      { sorteer: "nieuw", na: b64({ v: "2024-02-30T00:00:00.000Z", id: 1 }) },
      {
        sorteer: "oud",
        na: b64({ v: "2024-01-01T00:00:00.000Z", id: beyond }),
      },
      { sorteer: "waardering", na: b64({ v: 1e15, id: 1 }) },
      { sorteer: "waardering", na: b64({ v: -1, id: 1.5 }) },
    ].map(({ sorteer, na }) => ({
      file: "actiepunt.$slug.tsx",
      caller: "anonymous" as const,
      path: (w: World) => `/actiepunt/${w.samples.actionPointSlug}?draad=public&sorteer=${sorteer}&na=${na}`,
      params: (w: World) => ({ slug: w.samples.actionPointSlug }),
    })),
    ...[b64({ k: "1", id: beyond }), b64({ k: "abc'; --", id: 1 }), b64({ k: "\u0000", id: 1 }), b64({ k: "1", id: -1 })].flatMap((na) =>
      ["steun", "nieuw", "willekeurig", "reacties"].map((volgorde) => ({
        file: "voorstellen._index.tsx",
        caller: "anonymous" as const,
        path: () => `/voorstellen?volgorde=${volgorde}&na=${na}`,
        params: () => ({}),
      }))
    ),
    ...[b64({ r: "1e999", k: "comment", id: 1 }), b64({ r: "1", k: "comment", id: beyond })].map((na) => ({
      file: "zoeken.tsx",
      caller: "anonymous" as const,
      path: () => `/zoeken?q=open&na=${na}`,
      params: () => ({}),
    })),
  ];

  test.each(cases.map((entry) => [entry.file, entry] as const))("%s", async (file, entry) => {
    const loader = (await importRoute(file)).loader!;
    const cookie = entry.caller === "anonymous" ? undefined : world.people[entry.caller].cookie;
    const outcome = await callRoute(
      loader,
      new Request(`${ORIGIN}${entry.path(world)}`, {
        headers: cookie ? { Cookie: cookie } : {},
      }),
      entry.params(world)
    );
    expect(acceptable(outcome), describeFailure(entry.path(world), outcome)).toBe(true);
  });

  test("a bulk moderation of an item id beyond integer is a 400 with the message, not a failing query", async () => {
    const action = (await importRoute("moderatie._index.tsx")).action!;
    for (const items of [`proposal:${beyond}`, `comment:${beyond}`, "comment:0"]) {
      const body = formBody({ action: "dismiss", items });
      const outcome = await callRoute(
        action,
        new Request(`${ORIGIN}/moderatie`, {
          method: "POST",
          body: body.body,
          headers: {
            ...body.headers,
            Origin: ORIGIN,
            Cookie: world.people.admin.cookie,
          },
        }),
        {}
      );
      expect(outcome.status, items).toBe(400);
    }
  });
});
