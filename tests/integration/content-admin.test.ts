import { and, desc, eq, gt } from "drizzle-orm";
import { describe, expect, test } from "vitest";
import { loader as publicPointLoader, action as publicPointAction } from "#app/routes/actiepunt.$slug.tsx";
import { loader as auditLoader } from "#app/routes/beheer.auditlog.tsx";
import { action as editPointAction, loader as editPointLoader } from "#app/routes/beheer.actiepunten.$id.tsx";
import { action as newPointAction, loader as newPointLoader } from "#app/routes/beheer.actiepunten.nieuw.tsx";
import { action as editPlanAction, loader as editPlanLoader } from "#app/routes/beheer.plannen_.$id.tsx";
import { action as newPlanAction, loader as newPlanLoader } from "#app/routes/beheer.plannen_.nieuw.tsx";
import { action as editThemeAction, loader as editThemeLoader } from "#app/routes/beheer.themas_.$id.tsx";
import { action as newThemeAction, loader as newThemeLoader } from "#app/routes/beheer.themas_.nieuw.tsx";
import { loader as publicThemeLoader } from "#app/routes/thema.$slug.tsx";
import { getDb } from "#db/client.ts";
import { actionPoints, auditLog, plans, themes, threads } from "#db/schema.ts";
import { createUser } from "#tests/setup/factories.ts";
import { args, get, post, thrown, unwrap } from "#tests/setup/requests.ts";

const DRAFTING = "actieplan-open-overheid-2023-2025";
const CURRENT = "actieplan-open-overheid-2020-2022";
const POINT = "open-source";

type Failed = { result: { error?: Record<string, string[] | null>; initialValue?: Record<string, unknown> }; version: string | null; current: Record<string, string | number> | null };
type Handler = (input: ReturnType<typeof args>) => Promise<unknown>;

/** Posts a form to an action; a redirect comes back as its location, a refusal as the form's data. */
async function submit(handler: Handler, path: string, body: Record<string, string>, cookie: string | undefined, params: Record<string, string> = {}) {
  try {
    const { data, status } = unwrap(await handler(args(post(path, body, { cookie }), params)));
    return { status, form: data as Failed, location: null as string | null };
  } catch (error) {
    if (!(error instanceof Response)) throw error;
    return { status: error.status, form: null, location: error.headers.get("Location") };
  }
}

async function load<T>(handler: Handler, path: string, cookie: string | undefined, params: Record<string, string> = {}) {
  return unwrap(await handler(args(get(path, { cookie }), params))).data as T;
}

async function planBySlug(slug: string) {
  const [plan] = await getDb().select().from(plans).where(eq(plans.slug, slug));
  return plan!;
}

async function auditSince(after: number, action: string) {
  return getDb()
    .select()
    .from(auditLog)
    .where(and(gt(auditLog.id, after), eq(auditLog.action, action)))
    .orderBy(auditLog.id);
}

async function lastAuditId() {
  const [row] = await getDb().select({ id: auditLog.id }).from(auditLog).orderBy(desc(auditLog.id)).limit(1);
  return row?.id ?? 0;
}

const admin = () => createUser({ grants: [{ role: "admin" }], displayName: "Beheerder Bea" });

const newPlanForm = (fields: Record<string, string> = {}) => ({
  slug: "actieplan-open-overheid-2026-2028",
  title: "Actieplan Open Overheid 2026-2028",
  titleEn: "Open Government Action Plan 2026-2028",
  period: "2026-2028",
  status: "drafting",
  intro: "Het volgende plan.",
  introEn: "",
  about: "",
  aboutEn: "",
  ...fields,
});

describe("who may use the plan admin pages", () => {
  test("anonymous visitors sign in first; citizens, moderators and action holders get 403 and change nothing", async () => {
    const plan = await planBySlug(DRAFTING);
    const [theme] = await getDb().select().from(themes).where(eq(themes.planId, plan.id)).limit(1);
    const [point] = await getDb().select().from(actionPoints).where(eq(actionPoints.slug, POINT));
    const before = await lastAuditId();
    const anonymous = await thrown(editPlanLoader(args(get(`/beheer/plannen/${plan.id}`), { id: String(plan.id) })));
    expect(anonymous.status).toBe(302);
    expect(anonymous.headers.get("Location")).toContain("/inloggen");

    const people = [
      await createUser(),
      await createUser({ grants: [{ role: "moderator", themeSlug: "open-organisatie" }] }),
      await createUser({ grants: [{ role: "action_holder", actionPointSlug: POINT }] }),
    ];
    for (const { cookie } of people) {
      const pages: [Handler, string, Record<string, string>][] = [
        [newPlanLoader, "/beheer/plannen/nieuw", {}],
        [editPlanLoader, `/beheer/plannen/${plan.id}`, { id: String(plan.id) }],
        [newThemeLoader, `/beheer/themas/nieuw?plan=${plan.id}`, {}],
        [editThemeLoader, `/beheer/themas/${theme!.id}`, { id: String(theme!.id) }],
        [newPointLoader, `/beheer/actiepunten/nieuw?thema=${theme!.id}`, {}],
        [editPointLoader, `/beheer/actiepunten/${point!.id}`, { id: String(point!.id) }],
      ];
      for (const [handler, path, params] of pages) expect((await thrown(handler(args(get(path, { cookie }), params)))).status, path).toBe(403);
      expect((await submit(newPlanAction, "/beheer/plannen/nieuw", newPlanForm(), cookie)).status).toBe(403);
      expect((await submit(editPointAction, `/beheer/actiepunten/${point!.id}`, { title: "Gekaapt" }, cookie, { id: String(point!.id) })).status).toBe(403);
    }
    expect(await getDb().select().from(plans).where(eq(plans.slug, "actieplan-open-overheid-2026-2028"))).toEqual([]);
    expect((await getDb().select({ title: actionPoints.title }).from(actionPoints).where(eq(actionPoints.slug, POINT)))[0]!.title).not.toBe("Gekaapt");
    expect(await getDb().select().from(auditLog).where(gt(auditLog.id, before))).toEqual([]);
  });

  test("an unknown or malformed id is a 404", async () => {
    const { cookie } = await admin();
    for (const id of ["999999", "abc", "0", "99999999999"]) {
      expect((await thrown(editPlanLoader(args(get(`/beheer/plannen/${id}`, { cookie }), { id })))).status, id).toBe(404);
      expect((await thrown(editPointLoader(args(get(`/beheer/actiepunten/${id}`, { cookie }), { id })))).status, id).toBe(404);
    }
    expect((await thrown(newThemeLoader(args(get("/beheer/themas/nieuw?plan=999999", { cookie }))))).status).toBe(404);
    expect((await thrown(newPointLoader(args(get("/beheer/actiepunten/nieuw", { cookie }))))).status).toBe(404);
  });
});

describe("creating and editing a plan", () => {
  test("bad input gets a message per field, keeps what was typed, and writes nothing", async () => {
    const { cookie } = await admin();
    const before = await lastAuditId();
    const cases: [Record<string, string>, string, string][] = [
      [{ slug: "Met Spaties" }, "slug", "contentAdmin.error.slug"],
      [{ slug: "ab" }, "slug", "contentAdmin.error.slug"],
      [{ title: "" }, "title", "contentAdmin.error.required"],
      [{ title: "x".repeat(201) }, "title", "contentAdmin.error.titleTooLong"],
      [{ period: "2028-2026" }, "period", "contentAdmin.error.periodOrder"],
      [{ period: "volgend jaar" }, "period", "contentAdmin.error.period"],
      [{ status: "gepubliceerd" }, "status", "contentAdmin.error.status"],
      [{ intro: "x".repeat(20_001) }, "intro", "contentAdmin.error.textTooLong"],
    ];
    for (const [fields, field, message] of cases) {
      const posted = await submit(newPlanAction, "/beheer/plannen/nieuw", newPlanForm(fields), cookie);
      expect(posted.status, JSON.stringify(fields).slice(0, 60)).toBe(400);
      expect(posted.form!.result.error?.[field]).toEqual([message]);
      // The other fields come back as typed.
      expect(posted.form!.result.initialValue).toMatchObject({ titleEn: "Open Government Action Plan 2026-2028", intro: fields.intro ?? "Het volgende plan." });
    }
    expect(await getDb().select().from(plans).where(eq(plans.slug, "actieplan-open-overheid-2026-2028"))).toEqual([]);
    expect(await getDb().select().from(auditLog).where(gt(auditLog.id, before))).toEqual([]);
  });

  test("a new plan is stored with its English title and logged; a taken slug, a second current or a second drafted plan is refused", async () => {
    const { id: adminId, cookie } = await admin();
    const before = await lastAuditId();
    // The seed's 2023-2025 plan is being drafted, and proposals go to the one plan being drafted.
    const drafting = await submit(newPlanAction, "/beheer/plannen/nieuw", newPlanForm({ slug: "nog-een-ontwerp" }), cookie);
    expect(drafting.status).toBe(400);
    expect(drafting.form!.result.error?.status?.[0]).toContain("Actieplan Open Overheid 2023-2025");
    expect(await getDb().select().from(plans).where(eq(plans.slug, "nog-een-ontwerp"))).toEqual([]);
    await getDb().update(plans).set({ status: "archived" }).where(eq(plans.slug, DRAFTING));

    const created = await submit(newPlanAction, "/beheer/plannen/nieuw", newPlanForm(), cookie);
    const plan = await planBySlug("actieplan-open-overheid-2026-2028");
    expect(created.location).toBe(`/beheer/plannen/${plan.id}?gedaan=aangemaakt`);
    expect(plan).toMatchObject({ title: "Actieplan Open Overheid 2026-2028", period: "2026-2028", status: "drafting", translations: { en: { title: "Open Government Action Plan 2026-2028" } } });
    const [entry] = await auditSince(before, "plan.created");
    expect(entry).toMatchObject({ actorId: adminId, details: { planId: plan.id, slug: plan.slug, "title.to": "Actieplan Open Overheid 2026-2028", "period.to": "2026-2028" } });

    const again = await submit(newPlanAction, "/beheer/plannen/nieuw", newPlanForm({ title: "Nog een keer", status: "archived" }), cookie);
    expect(again.status).toBe(400);
    expect(again.form!.result.error?.slug).toEqual(["contentAdmin.error.slugTaken"]);
    expect(again.form!.result.initialValue).toMatchObject({ title: "Nog een keer" });

    const current = await submit(newPlanAction, "/beheer/plannen/nieuw", newPlanForm({ slug: "nog-een-plan", status: "current" }), cookie);
    expect(current.status).toBe(400);
    expect(current.form!.result.error?.status?.[0]).toContain("Actieplan Open Overheid 2020-2022");
    expect(await getDb().select().from(plans).where(eq(plans.slug, "nog-een-plan"))).toEqual([]);
    // The seed's plan is the one being drafted again, for the tests below.
    await getDb().update(plans).set({ status: "archived" }).where(eq(plans.id, plan.id));
    await getDb().update(plans).set({ status: "drafting" }).where(eq(plans.slug, DRAFTING));
  });

  test("an edit is logged from → to; a save based on an older version is refused and shows what is stored now", async () => {
    const [first, second] = [await admin(), await admin()];
    const plan = await planBySlug(DRAFTING);
    const path = `/beheer/plannen/${plan.id}`;
    const params = { id: String(plan.id) };
    const page = await load<{ version: string; values: Record<string, string> }>(editPlanLoader, path, first.cookie, params);
    expect(page.values).toMatchObject({ title: plan.title, period: "2023-2025", status: "drafting" });
    const before = await lastAuditId();

    // Both open the page; the first saves a new title.
    const saved = await submit(editPlanAction, path, { ...page.values, version: page.version, title: "Actieplan 2023-2025 (concept)" }, first.cookie, params);
    expect(saved.location).toBe(`${path}?gedaan=opgeslagen`);
    const [entry] = await auditSince(before, "plan.updated");
    expect(entry!.details).toEqual({ planId: plan.id, "title.from": plan.title, "title.to": "Actieplan 2023-2025 (concept)" });

    // The second still has the old version: refused, nothing changes, their text stays and the stored title is shown.
    const stale = await submit(editPlanAction, path, { ...page.values, version: page.version, intro: "Mijn nieuwe inleiding" }, second.cookie, params);
    expect(stale.status).toBe(409);
    expect(stale.form!.result.error?.[""]).toEqual(["contentAdmin.error.stale"]);
    expect(stale.form!.result.initialValue).toMatchObject({ intro: "Mijn nieuwe inleiding" });
    expect(stale.form!.current).toMatchObject({ title: "Actieplan 2023-2025 (concept)" });
    const row = await planBySlug(DRAFTING);
    expect(row.title).toBe("Actieplan 2023-2025 (concept)");
    expect(row.intro).toBe(plan.intro);
    expect(await auditSince(before, "plan.updated")).toHaveLength(1);

    // Saving again on the version the refusal gave is a deliberate overwrite.
    const overwrite = await submit(editPlanAction, path, { ...page.values, version: stale.form!.version!, intro: "Mijn nieuwe inleiding" }, second.cookie, params);
    expect(overwrite.location).toBe(`${path}?gedaan=opgeslagen`);
    expect((await planBySlug(DRAFTING)).intro).toBe("Mijn nieuwe inleiding");

    // Making the plan being drafted current while another is current is refused.
    const fresh = await load<{ version: string; values: Record<string, string> }>(editPlanLoader, path, first.cookie, params);
    const current = await submit(editPlanAction, path, { ...fresh.values, version: fresh.version, status: "current" }, first.cookie, params);
    expect(current.status).toBe(400);
    expect(current.form!.result.error?.status?.[0]).toContain("Actieplan Open Overheid 2020-2022");
    expect((await planBySlug(DRAFTING)).status).toBe("drafting");
    expect((await planBySlug(CURRENT)).status).toBe("current");
  });
});

describe("themes and action points", () => {
  test("a theme and an action point created in the admin appear on the public pages, with their discussions", async () => {
    const { cookie } = await admin();
    const plan = await planBySlug(CURRENT);
    const before = await lastAuditId();
    const newTheme = await load<{ nextNumber: number }>(newThemeLoader, `/beheer/themas/nieuw?plan=${plan.id}`, cookie);
    expect(newTheme.nextNumber).toBe(8);

    const themeForm = { planId: String(plan.id), number: "8", slug: "open-archieven", title: "Open archieven", titleEn: "Open archives", description: "Archieven die iedereen kan lezen.", descriptionEn: "" };
    const themeCreated = await submit(newThemeAction, "/beheer/themas/nieuw", themeForm, cookie);
    const [theme] = await getDb().select().from(themes).where(eq(themes.slug, "open-archieven"));
    expect(themeCreated.location).toBe(`/beheer/themas/${theme!.id}?gedaan=aangemaakt`);

    // Number and slug are unique: refused with the values kept.
    const duplicate = await submit(newThemeAction, "/beheer/themas/nieuw", { ...themeForm, slug: "open-archieven-2", title: "Dubbel" }, cookie);
    expect(duplicate.status).toBe(400);
    expect(duplicate.form!.result.error?.number).toEqual(["contentAdmin.error.themeNumberTaken"]);
    expect(duplicate.form!.result.initialValue).toMatchObject({ title: "Dubbel", slug: "open-archieven-2" });
    const slugTaken = await submit(newThemeAction, "/beheer/themas/nieuw", { ...themeForm, number: "9" }, cookie);
    expect(slugTaken.form!.result.error?.slug).toEqual(["contentAdmin.error.slugTaken"]);

    const pointForm = {
      themeId: String(theme!.id),
      number: "14",
      slug: "archieven-online",
      title: "Archieven online",
      titleEn: "",
      holder: "Nationaal Archief",
      holderEn: "National Archives",
      partners: "",
      partnersEn: "",
      summary: "Alle archieven online.",
      summaryEn: "",
      body: "Eerste alinea.\r\n\r\nTweede alinea.",
      bodyEn: "",
      contribution: "Iedereen kan meelezen.",
      contributionEn: "",
    };
    const pointTaken = await submit(newPointAction, "/beheer/actiepunten/nieuw", { ...pointForm, number: "13" }, cookie);
    expect(pointTaken.form!.result.error?.number).toEqual(["contentAdmin.error.actionPointNumberTaken"]);
    const pointCreated = await submit(newPointAction, "/beheer/actiepunten/nieuw", pointForm, cookie);
    const [point] = await getDb().select().from(actionPoints).where(eq(actionPoints.slug, "archieven-online"));
    expect(pointCreated.location).toBe(`/beheer/actiepunten/${point!.id}?gedaan=aangemaakt`);
    expect(point).toMatchObject({ planId: plan.id, themeId: theme!.id, holder: "Nationaal Archief", translations: { en: { holder: "National Archives" } } });
    const pointThreads = await getDb().select({ kind: threads.kind, themeId: threads.themeId }).from(threads).where(and(eq(threads.subjectType, "action_point"), eq(threads.subjectId, point!.id)));
    expect(pointThreads.map((thread) => thread.kind).sort()).toEqual(["forum", "public"]);

    const themePage = (await load<{ title: { text: string }; actionPoints: { slug: string; title: { text: string } }[] }>(publicThemeLoader, "/thema/open-archieven", undefined, { slug: "open-archieven" })) as unknown as {
      title: { text: string };
      actionPoints: { slug: string; title: { text: string } }[];
    };
    expect(themePage.title.text).toBe("Open archieven");
    expect(themePage.actionPoints).toEqual([expect.objectContaining({ slug: "archieven-online", title: { text: "Archieven online", lang: "nl" } })]);
    const pointPage = await load<{ title: { text: string }; holder: { text: string }; anchors: { body: string[] } }>(publicPointLoader, "/actiepunt/archieven-online", undefined, { slug: "archieven-online" });
    expect(pointPage).toMatchObject({ title: { text: "Archieven online" }, holder: { text: "Nationaal Archief" } });
    expect(pointPage.anchors.body).toHaveLength(2);

    expect((await auditSince(before, "theme.created")).map((row) => row.details)).toEqual([expect.objectContaining({ themeId: theme!.id, "title.to": "Open archieven", "description.added": 1 })]);
    expect((await auditSince(before, "actionPoint.created")).map((row) => row.details)).toEqual([
      expect.objectContaining({ actionPointId: point!.id, "holder.to": "Nationaal Archief", "body.added": 2, "contribution.added": 1 }),
    ]);
  });

  test("editing a theme keeps its plan; a taken number is refused with the values kept", async () => {
    const { cookie } = await admin();
    const [theme] = await getDb().select().from(themes).where(eq(themes.slug, "open-organisatie"));
    const path = `/beheer/themas/${theme!.id}`;
    const params = { id: String(theme!.id) };
    const page = await load<{ version: string; values: Record<string, string> }>(editThemeLoader, path, cookie, params);
    const taken = await submit(editThemeAction, path, { ...page.values, version: page.version, number: theme!.number === 1 ? "2" : "1", title: "Nieuwe naam" }, cookie, params);
    expect(taken.status).toBe(400);
    expect(taken.form!.result.error?.number).toEqual(["contentAdmin.error.themeNumberTaken"]);
    expect(taken.form!.result.initialValue).toMatchObject({ title: "Nieuwe naam" });
    const before = await lastAuditId();
    const saved = await submit(editThemeAction, path, { ...page.values, version: page.version, titleEn: "Open organisation (new)" }, cookie, params);
    expect(saved.location).toBe(`${path}?gedaan=opgeslagen`);
    const [row] = await getDb().select().from(themes).where(eq(themes.id, theme!.id));
    expect(row!.translations.en?.title).toBe("Open organisation (new)");
    expect(row!.title).toBe(theme!.title);
    expect((await auditSince(before, "theme.updated"))[0]!.details).toEqual({ themeId: theme!.id, "titleEn.from": theme!.translations.en?.title ?? "", "titleEn.to": "Open organisation (new)" });
  });

  test("editing an action point's text keeps the anchors, and the paragraph comments, of the paragraphs left alone", async () => {
    const { cookie } = await admin();
    const citizen = await createUser();
    const [point] = await getDb().select().from(actionPoints).where(eq(actionPoints.slug, POINT));
    const publicPage = () => load<{ anchors: { body: string[] }; discussion: { paragraphCounts: Record<string, number> } }>(publicPointLoader, `/actiepunt/${POINT}`, undefined, { slug: POINT });
    const before = await publicPage();
    expect(before.anchors.body.length).toBeGreaterThanOrEqual(2);
    const [first, second] = before.anchors.body;
    const [publicThread] = await getDb().select({ id: threads.id }).from(threads).where(and(eq(threads.subjectType, "action_point"), eq(threads.subjectId, point!.id), eq(threads.kind, "public")));
    const commented = await thrown(
      publicPointAction(args(post(`/actiepunt/${POINT}`, { intent: "comment", threadId: String(publicThread!.id), bodyText: "Over de tweede alinea", paragraph: second! }, { cookie: citizen.cookie }), { slug: POINT })),
    );
    expect(commented.status).toBe(302);

    const path = `/beheer/actiepunten/${point!.id}`;
    const params = { id: String(point!.id) };
    const page = await load<{ version: string; values: Record<string, string> }>(editPointLoader, path, cookie, params);
    expect(page.values.body).toBe(point!.body);
    // As a browser sends a textarea: CRLF line ends; the first paragraph reworded, a new one at the end.
    const paragraphs = point!.body.split("\n\n");
    const edited = [paragraphs[0] + " Nu herschreven.", ...paragraphs.slice(1), "Een nieuwe slotalinea."].join("\r\n\r\n");
    const auditBefore = await lastAuditId();
    const saved = await submit(editPointAction, path, { ...page.values, version: page.version, body: edited }, cookie, params);
    expect(saved.location).toBe(`${path}?gedaan=opgeslagen`);

    const after = await publicPage();
    expect(after.anchors.body).toHaveLength(before.anchors.body.length + 1);
    expect(after.anchors.body).not.toContain(first);
    expect(after.anchors.body.slice(1, before.anchors.body.length)).toEqual(before.anchors.body.slice(1));
    expect(after.discussion.paragraphCounts).toHaveProperty([second!], 1);
    const [entry] = await auditSince(auditBefore, "actionPoint.updated");
    expect(entry!.details).toEqual({ actionPointId: point!.id, "body.kept": before.anchors.body.length - 1, "body.added": 2, "body.removed": 1 });

    // Saving the form unchanged changes nothing and logs nothing.
    const fresh = await load<{ version: string; values: Record<string, string> }>(editPointLoader, path, cookie, params);
    const again = await submit(editPointAction, path, { ...fresh.values, version: fresh.version }, cookie, params);
    expect(again.location).toBe(`${path}?gedaan=opgeslagen`);
    expect(await auditSince(auditBefore, "actionPoint.updated")).toHaveLength(1);
  });

  test("the audit log names what changed, from what to what", async () => {
    const { cookie } = await admin();
    const [theme] = await getDb().select().from(themes).where(eq(themes.slug, "open-organisatie"));
    const params = { id: String(theme!.id) };
    const page = await load<{ version: string; values: Record<string, string> }>(editThemeLoader, `/beheer/themas/${theme!.id}`, cookie, params);
    await submit(editThemeAction, `/beheer/themas/${theme!.id}`, { ...page.values, version: page.version, slug: "open-organisaties" }, cookie, params);
    const log = await load<{ entries: { action: string; actor: { displayName: string } | null; content: { changes: string[] } | null }[] }>(auditLoader, "/beheer/auditlog", cookie);
    expect(log.entries[0]).toMatchObject({ action: "theme.updated", actor: { displayName: "Beheerder Bea" }, content: { changes: ["Korte naam in het webadres: ‘open-organisatie’ → ‘open-organisaties’"] } });
  });
});
