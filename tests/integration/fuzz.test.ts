/**
 * Property-based fuzzing with fast-check over every route of the inventory
 * (tests/fixtures/routes.ts): generated URL parameters, query strings and
 * forms, as anonymous visitors, citizens, authors and admins. The one
 * property: no input makes a route answer with a server error.
 *
 * A failure prints fast-check's seed and path. Replay exactly that run with
 *   FUZZ_SEED=<seed> FUZZ_PATH=<path> npx vitest run --project integration tests/integration/fuzz.test.ts
 * and run longer with FUZZ_RUNS=<n> (default 800: 2n URLs and 3n forms).
 */
import { sql } from "drizzle-orm";
import fc from "fast-check";
import { beforeAll, expect, test } from "vitest";
import { hostileInputs, hostileUrlFragments } from "#tests/fixtures/hostile-inputs.ts";
import { routeInventory, routePath, type Caller, type RouteSpec } from "#tests/fixtures/routes.ts";
import { getDb, rowsOf } from "#db/client.ts";
import { createUser } from "#tests/setup/factories.ts";
import {
  acceptable,
  callRoute,
  createWorld,
  describeFailure,
  encodeSegment,
  importRoute,
  remixParam,
  sampleParam,
  tableCounts,
  wellFormed,
  type RouteModule,
  type World,
} from "#tests/setup/hostile.ts";

const ORIGIN = "http://localhost";
const RUNS = Number(process.env.FUZZ_RUNS ?? 800);
const SEED = process.env.FUZZ_SEED === undefined ? undefined : Number(process.env.FUZZ_SEED);
const PATH = process.env.FUZZ_PATH;

let world: World;
let countsBefore: Record<string, number>;
let idsBefore: Record<string, number[]>;
const modules = new Map<string, RouteModule>();

beforeAll(async () => {
  world = await createWorld();
  countsBefore = await tableCounts();
  idsBefore = await contentIds();
  for (const spec of routeInventory) modules.set(spec.file, await importRoute(spec.file));
});

/**
 * Runs a property like fc.assert (the failure message carries the seed and the
 * shrunk path), and also says how many inputs it tried: the time limit stops a
 * run early on a busy machine rather than letting the test time out.
 */
async function holds<T>(name: string, property: fc.IAsyncProperty<T>, runs: number) {
  const details = await fc.check(property, parameters(runs));
  console.info(`${name}: ${details.numRuns} generated inputs, seed ${details.seed}${details.interrupted ? " (stopped at the time limit)" : ""}`);
  if (details.failed) {
    const cause = details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance);
    throw new Error(`${fc.defaultReportMessage(details)}\n\nWhat went wrong: ${cause}`);
  }
  expect(details.numRuns).toBeGreaterThan(0);
}

function parameters(run: number) {
  return {
    numRuns: run,
    seed: SEED,
    path: PATH,
    endOnFailure: true,
    interruptAfterTimeLimit: 50_000,
  } satisfies fc.Parameters<unknown>;
}

/** Text of every kind: graphemes, raw UTF-16 code units (lone surrogates included), numbers at every size, and the hostile corpus. */
const text: fc.Arbitrary<string> = fc.oneof(
  { arbitrary: fc.string({ unit: "grapheme", maxLength: 40 }), weight: 4 },
  { arbitrary: fc.string({ unit: "binary", maxLength: 40 }), weight: 3 },
  // Just beyond the limits fields have (40, 60, 120, 500 characters).
  { arbitrary: fc.string({ unit: "grapheme", minLength: 41, maxLength: 600 }), weight: 2 },
  {
    arbitrary: fc.string({ unit: "grapheme-ascii", maxLength: 20 }),
    weight: 2,
  },
  { arbitrary: fc.integer().map(String), weight: 2 },
  {
    arbitrary: fc.bigInt({ min: -(2n ** 80n), max: 2n ** 80n }).map(String),
    weight: 2,
  },
  { arbitrary: fc.double().map(String), weight: 1 },
  { arbitrary: fc.nat({ max: 2_147_483_647 }).map((n) => `${n}`), weight: 2 },
  {
    arbitrary: fc.constantFrom(...hostileInputs.filter((input) => input.value.length < 20_000).map((input) => input.value)),
    weight: 2,
  },
  {
    arbitrary: fc.string({
      unit: "binary",
      minLength: 20_000,
      maxLength: 40_000,
    }),
    weight: 1,
  }
);

/** Values shaped like what the app itself puts in URLs (ids, cursors, item keys), with arbitrary insides: these get past the first checks. */
const shaped: fc.Arbitrary<string> = fc.oneof(
  fc
    .record({
      v: fc.oneof(text, fc.integer(), fc.double()),
      id: fc.oneof(fc.integer(), fc.double(), fc.constant(9_999_999_999)),
    })
    .map((value) => Buffer.from(JSON.stringify(value)).toString("base64url")),
  fc.record({ k: text, id: fc.oneof(fc.integer(), fc.constant(9_999_999_999)) }).map((value) => Buffer.from(JSON.stringify(value)).toString("base64url")),
  fc
    .record({
      r: fc.oneof(text, fc.double().map(String)),
      k: fc.constantFrom("comment", "proposal", "actionPoint", "theme"),
      id: fc.integer(),
    })
    .map((value) => Buffer.from(JSON.stringify(value)).toString("base64url")),
  fc
    .tuple(fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 0, max: 99 }), fc.integer({ min: 0, max: 99 }), fc.integer({ min: 0, max: 99 }), fc.nat({ max: 99_999_999_999 }))
    .map(([year, month, day, hour, id]) => `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}T${String(hour).padStart(2, "0")}:00:00.000Z_${id}`),
  fc.tuple(fc.constantFrom("comment", "proposal"), fc.nat({ max: 99_999_999_999 })).map(([type, id]) => `${type}:${id}`),
  fc.bigInt({ min: 0n, max: 10n ** 12n }).map(String)
);

/** Anything a field or parameter may get. */
const anyValue: fc.Arbitrary<string> = fc.oneof({ arbitrary: text, weight: 1 }, { arbitrary: shaped, weight: 1 });

/** A URL parameter: as a decoded value, or as raw percent-encoding that may not decode. */
const urlParam: fc.Arbitrary<{ encoded: string; decoded: string }> = fc.oneof(
  anyValue.map((value) => ({ encoded: encodeSegment(value), decoded: value })),
  fc.constantFrom(
    ...hostileUrlFragments.map((input) => ({
      encoded: input.value,
      decoded: remixParam(input.value),
    }))
  ),
  fc
    .array(fc.integer({ min: 0, max: 255 }), { minLength: 1, maxLength: 8 })
    .map((bytes) => bytes.map((byte) => `%${byte.toString(16).padStart(2, "0").toUpperCase()}`).join(""))
    .map((encoded) => ({ encoded, decoded: remixParam(encoded) }))
);

const loaderCallers = (spec: RouteSpec): Caller[] => spec.as ?? ["anonymous", "admin"];
// A route with more parameters gets more of the runs; one without any still gets arbitrary query strings.
const loaderRoute = fc.oneof(
  ...routeInventory.filter((spec) => !spec.noLoader).map((spec) => ({ arbitrary: fc.constant(spec), weight: 1 + 3 * (Object.keys(spec.params).length + spec.query.length) }))
);

async function cookieFor(caller: Caller, spec: RouteSpec): Promise<string | undefined> {
  if (caller === "anonymous") return undefined;
  if (spec.endsSession && caller === "citizen") return (await createUser()).cookie;
  return world.people[caller].cookie;
}

function validParams(spec: RouteSpec) {
  const encoded: Record<string, string> = {};
  const decoded: Record<string, string> = {};
  for (const [name, kind] of Object.entries(spec.params)) {
    decoded[name] = sampleParam(kind, world.samples);
    encoded[name] = kind === "splat" ? decoded[name]! : encodeSegment(decoded[name]!);
  }
  return { encoded, decoded };
}

/** Known parameter names of the route, mixed with arbitrary ones. */
const queryPairs = (known: string[]) => fc.array(fc.tuple(known.length ? fc.oneof({ arbitrary: fc.constantFrom(...known), weight: 4 }, { arbitrary: text, weight: 1 }) : text, text), { maxLength: 4 });

test(`loaders: generated URL parameters and query strings never give a server error (${RUNS * 2} runs)`, async () => {
  const slot = loaderRoute.chain((spec) =>
    fc.record({
      spec: fc.constant(spec),
      caller: fc.constantFrom(...loaderCallers(spec)),
      params: fc.record(Object.fromEntries(Object.keys(spec.params).map((name) => [name, fc.option(urlParam, { freq: 2 })]))),
      query: queryPairs(spec.query),
    })
  );
  await holds(
    "loaders",
    fc.asyncProperty(slot, async ({ spec, caller, params, query }) => {
      const valid = validParams(spec);
      const encoded = { ...valid.encoded };
      const decoded = { ...valid.decoded };
      for (const [name, value] of Object.entries(params)) {
        if (!value) continue;
        encoded[name] = value.encoded;
        decoded[name] = value.decoded;
      }
      const search = new URLSearchParams(query.map(([name, value]) => [wellFormed(name), wellFormed(value)])).toString();
      const url = `${ORIGIN}${routePath(spec.file, encoded)}${search ? `?${search}` : ""}`;
      const cookie = await cookieFor(caller, spec);
      const outcome = await callRoute(modules.get(spec.file)!.loader!, new Request(url, { headers: cookie ? { Cookie: cookie } : {} }), decoded);
      expect(acceptable(outcome), describeFailure(`${caller} GET ${url.slice(0, 300)}`, outcome)).toBe(true);
    }),
    RUNS * 2
  );
}, 120_000);

// Every form equally often, whatever its number of intents; then a caller and an intent.
const formRoute = fc.constantFrom(...routeInventory.filter((spec) => spec.form));

test(`actions: generated forms never give a server error (${RUNS * 3} runs)`, async () => {
  const slot = formRoute.chain((spec) => {
    const form = spec.form!;
    const names = [...form.fields, form.intentField ?? "intent"];
    return fc.record({
      spec: fc.constant(spec),
      caller: fc.constantFrom(...(form.as ?? (["citizen", "admin"] as Caller[]))),
      intent: fc.constantFrom(...(form.intents ?? [null])),
      // Keep some valid fields, change others: the closer to valid, the deeper the input gets.
      // Mostly every valid field, so a changed one is checked next to valid neighbours; sometimes only some.
      keep: fc.oneof({ arbitrary: fc.constant(Object.keys(form.base(world.samples))), weight: 3 }, { arbitrary: fc.subarray(Object.keys(form.base(world.samples))), weight: 1 }),
      // Each pair replaces the field, or (repeat) adds it a second time.
      pairs: fc.array(fc.tuple(fc.oneof({ arbitrary: fc.constantFrom(...names), weight: 5 }, { arbitrary: text, weight: 1 }), anyValue, fc.boolean()), { maxLength: 5 }),
      param: Object.keys(spec.params).length ? fc.option(fc.tuple(fc.constantFrom(...Object.keys(spec.params)), urlParam), { freq: 4 }) : fc.constant(null),
    });
  });
  await holds(
    "actions",
    fc.asyncProperty(slot, async ({ spec, caller, intent, keep, pairs, param }) => {
      const form = spec.form!;
      const base = form.base(world.samples);
      const body = new URLSearchParams();
      for (const key of keep) body.append(key, base[key]!);
      if (intent !== null) body.set(form.intentField ?? "intent", intent);
      for (const [name, value, repeat] of pairs) body[repeat ? "append" : "set"](wellFormed(name), wellFormed(value));
      const valid = validParams(spec);
      if (param) {
        valid.encoded[param[0]] = param[1].encoded;
        valid.decoded[param[0]] = param[1].decoded;
      }
      const url = `${ORIGIN}${routePath(spec.file, valid.encoded)}`;
      const cookie = await cookieFor(caller, spec);
      const headers: Record<string, string> = {
        Origin: ORIGIN,
        "Content-Type": "application/x-www-form-urlencoded",
      };
      if (cookie) headers.Cookie = cookie;
      const outcome = await callRoute(modules.get(spec.file)!.action!, new Request(url, { method: "POST", body: body.toString(), headers }), valid.decoded);
      expect(acceptable(outcome), describeFailure(`${caller} POST ${url.slice(0, 200)} ${body.toString().slice(0, 300)}`, outcome)).toBe(true);
    }),
    RUNS * 3
  );
}, 180_000);

// The admin's forms may validly create or edit plans, themes and action points when a generated input happens to be
// well-formed (a new theme with a free slug): what must hold is that nothing was lost.
test("afterwards every table is still there and no plan, theme, action point or person is gone", async () => {
  const after = await tableCounts();
  expect(Object.keys(after).sort()).toEqual(Object.keys(countsBefore).sort());
  const idsAfter = await contentIds();
  for (const [table, ids] of Object.entries(idsBefore)) {
    for (const id of ids) expect(idsAfter[table], `${table} ${id}`).toContain(id);
  }
  expect(after.users).toBeGreaterThanOrEqual(countsBefore.users!);
});

async function contentIds(): Promise<Record<string, number[]>> {
  const result: Record<string, number[]> = {};
  for (const table of ["plans", "themes", "action_points"]) {
    const rows = rowsOf<{ id: number }>(await getDb().execute<{ id: number }>(sql`select id from ${sql.identifier(table)}`));
    result[table] = rows.map((row) => row.id);
  }
  return result;
}
