import { and, eq, gt } from "drizzle-orm";
import { beforeEach, describe, expect, test } from "vitest";
import { translator } from "#app/i18n/index.ts";
import { action, loader } from "#app/routes/beheer.plannen.tsx";
import { getDb } from "#db/client.ts";
import { auditLog, plans, supportBudgets } from "#db/schema.ts";
import { createUser } from "#tests/setup/factories.ts";
import { args, get, post, thrown, unwrap } from "#tests/setup/requests.ts";

const nl = translator("nl");

type WindowView = { state: string; opensAt?: string | null; closesAt?: string | null; closedAt?: string };
type PlansPage = {
  plans: {
    id: number;
    title: { text: string; lang: string };
    period: string;
    status: string;
    proposalCount: number;
    supportCount: number;
    mostSupportsByOnePerson: number;
    values: Record<"proposalsOpenAt" | "proposalsCloseAt" | "supportOpenAt" | "supportCloseAt" | "supportBudget", string>;
    windows: { proposals: WindowView; support: WindowView };
  }[];
  done: { title: string } | null;
};
type FailedForm = { planId: number | null; result: { error?: Record<string, string[] | null>; initialValue?: Record<string, unknown> } };

async function loadPage(cookie: string, search = "") {
  const { data, status } = unwrap(await loader(args(get(`/beheer/plannen${search}`, { cookie }))));
  return { data: data as PlansPage, status };
}

/** Posts the form; a redirect comes back as the thrown Response. */
async function submit(body: Record<string, string>, cookie?: string) {
  try {
    const { data, status } = unwrap(await action(args(post("/beheer/plannen", body, { cookie }))));
    return { status, form: data as FailedForm, location: null, size: JSON.stringify(data).length };
  } catch (error) {
    if (!(error instanceof Response)) throw error;
    return { status: error.status, form: null, location: error.headers.get("Location"), size: 0 };
  }
}

async function planBySlug(slug: string) {
  const [plan] = await getDb().select().from(plans).where(eq(plans.slug, slug));
  return plan!;
}

const DRAFTING = "actieplan-open-overheid-2023-2025";
const CURRENT = "actieplan-open-overheid-2020-2022";

/** The form as the page sends it, for the plan being drafted unless told otherwise. */
function windowsForm(planId: number, fields: Partial<Record<"proposalsOpenAt" | "proposalsCloseAt" | "supportOpenAt" | "supportCloseAt" | "supportBudget", string>> = {}) {
  return { intent: "windows", planId: String(planId), proposalsOpenAt: "", proposalsCloseAt: "", supportOpenAt: "", supportCloseAt: "", supportBudget: "", ...fields };
}

async function planAuditRows(after = 0) {
  return getDb()
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.action, "plan.updated"), gt(auditLog.id, after)))
    .orderBy(auditLog.id);
}

async function lastAuditId() {
  const rows = await getDb().select({ id: auditLog.id }).from(auditLog);
  return Math.max(0, ...rows.map((row) => row.id));
}

// Every test starts from a plan without windows or budget; written directly, so without audit rows.
beforeEach(async () => {
  await getDb().update(plans).set({ proposalsOpenAt: null, proposalsCloseAt: null, supportOpenAt: null, supportCloseAt: null, supportBudget: null });
});

describe("who may set a plan's windows", () => {
  test("an anonymous visitor is sent to sign in, and nothing changes", async () => {
    const page = await thrown(loader(args(get("/beheer/plannen"))));
    expect(page.status).toBe(302);
    expect(page.headers.get("Location")).toBe(`/inloggen?redirectTo=${encodeURIComponent("/beheer/plannen")}`);
    const plan = await planBySlug(DRAFTING);
    const posted = await submit(windowsForm(plan.id, { supportBudget: "5" }));
    expect(posted.location).toBe(`/inloggen?redirectTo=${encodeURIComponent("/beheer/plannen")}`);
    expect((await planBySlug(DRAFTING)).supportBudget).toBeNull();
  });

  test("a citizen and a moderator get 403 on the page and the form", async () => {
    const citizen = await createUser();
    const moderator = await createUser({ grants: [{ role: "moderator", themeSlug: "open-organisatie" }] });
    const plan = await planBySlug(DRAFTING);
    const before = await lastAuditId();
    for (const { cookie } of [citizen, moderator]) {
      expect((await thrown(loader(args(get("/beheer/plannen", { cookie }))))).status).toBe(403);
      expect((await submit(windowsForm(plan.id, { supportBudget: "5" }), cookie)).status).toBe(403);
    }
    expect((await planBySlug(DRAFTING)).supportBudget).toBeNull();
    expect(await planAuditRows(before)).toEqual([]);
  });

  test("an admin sees both plans with their status, activity and empty windows", async () => {
    const admin = await createUser({ grants: [{ role: "admin" }] });
    const { data, status } = await loadPage(admin.cookie);
    expect(status).toBe(200);
    expect(data.plans.map((plan) => ({ title: plan.title.text, period: plan.period, status: plan.status }))).toEqual([
      { title: "Actieplan Open Overheid 2020-2022", period: "2020-2022", status: "current" },
      { title: "Actieplan Open Overheid 2023-2025", period: "2023-2025", status: "drafting" },
    ]);
    for (const plan of data.plans) {
      expect(plan.values).toEqual({ proposalsOpenAt: "", proposalsCloseAt: "", supportOpenAt: "", supportCloseAt: "", supportBudget: "" });
      expect(plan.windows).toEqual({ proposals: { state: "notYet", opensAt: null }, support: { state: "notYet", opensAt: null } });
      expect(plan).toMatchObject({ proposalCount: expect.any(Number), supportCount: expect.any(Number), mostSupportsByOnePerson: 0 });
    }
    expect(data.done).toBeNull();
  });
});

describe("setting the windows", () => {
  test("stores Dutch winter and summer times as the right UTC instants, and shows them back in Dutch time", async () => {
    const admin = await createUser({ grants: [{ role: "admin" }], displayName: "Beheerder Bram" });
    const plan = await planBySlug(DRAFTING);
    const before = await lastAuditId();

    const saved = await submit(
      windowsForm(plan.id, {
        proposalsOpenAt: "2027-01-10T09:00",
        proposalsCloseAt: "2027-07-10T09:00",
        // The morning summer time starts, and the night it ends (02:30 happens twice: the first one counts).
        supportOpenAt: "2027-03-28T03:00",
        supportCloseAt: "2027-10-31T02:30",
        supportBudget: "5",
      }),
      admin.cookie,
    );
    expect(saved.location).toBe(`/beheer/plannen?gedaan=plan-${plan.id}`);
    const row = await planBySlug(DRAFTING);
    expect(row.proposalsOpenAt?.toISOString()).toBe("2027-01-10T08:00:00.000Z");
    expect(row.proposalsCloseAt?.toISOString()).toBe("2027-07-10T07:00:00.000Z");
    expect(row.supportOpenAt?.toISOString()).toBe("2027-03-28T01:00:00.000Z");
    expect(row.supportCloseAt?.toISOString()).toBe("2027-10-31T00:30:00.000Z");
    expect(row.supportBudget).toBe(5);
    // The other plan is left alone.
    expect((await planBySlug(CURRENT)).supportBudget).toBeNull();

    const { data } = await loadPage(admin.cookie, `?gedaan=plan-${plan.id}`);
    expect(data.done).toEqual({ title: "Actieplan Open Overheid 2023-2025" });
    expect(nl("planAdmin.done", { plan: data.done!.title })).toContain("Actieplan Open Overheid 2023-2025");
    const shown = data.plans.find((candidate) => candidate.id === plan.id)!;
    expect(shown.values).toEqual({
      proposalsOpenAt: "2027-01-10T09:00",
      proposalsCloseAt: "2027-07-10T09:00",
      supportOpenAt: "2027-03-28T03:00",
      supportCloseAt: "2027-10-31T02:30",
      supportBudget: "5",
    });
    expect(shown.windows.proposals).toEqual({ state: "notYet", opensAt: "10 januari 2027 om 09:00" });

    const audit = await planAuditRows(before);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      actorId: admin.id,
      subjectUserId: null,
      details: {
        planId: plan.id,
        "proposalsOpenAt.from": null,
        "proposalsOpenAt.to": "2027-01-10T08:00:00.000Z",
        "supportCloseAt.to": "2027-10-31T00:30:00.000Z",
        "supportBudget.from": null,
        "supportBudget.to": 5,
      },
    });
    const details = JSON.stringify(audit[0]!.details);
    expect(details).not.toContain(admin.email);
    expect(details).not.toContain("Beheerder Bram");
  });

  test("shows whether a window is open now, and until when", async () => {
    const admin = await createUser({ grants: [{ role: "admin" }] });
    const plan = await planBySlug(DRAFTING);
    await submit(windowsForm(plan.id, { proposalsOpenAt: "2020-01-01T00:00", proposalsCloseAt: "2099-12-31T12:00", supportOpenAt: "2020-01-01T00:00", supportCloseAt: "2020-06-01T12:00" }), admin.cookie);
    const shown = (await loadPage(admin.cookie)).data.plans.find((candidate) => candidate.id === plan.id)!;
    expect(shown.windows.proposals).toEqual({ state: "open", closesAt: "31 december 2099 om 12:00" });
    expect(shown.windows.support).toEqual({ state: "closed", closedAt: "1 juni 2020 om 12:00" });

    const english = unwrap(await loader(args(get("/beheer/plannen", { cookie: `${admin.cookie}; lang=en` }))));
    const inEnglish = (english.data as PlansPage).plans.find((candidate) => candidate.id === plan.id)!;
    expect(inEnglish.windows.proposals).toEqual({ state: "open", closesAt: "31 December 2099 at 12:00" });
  });

  test("every change writes one audit row; saving the same values again writes none; emptying a field unsets it", async () => {
    const admin = await createUser({ grants: [{ role: "admin" }] });
    const plan = await planBySlug(CURRENT);
    const before = await lastAuditId();
    const form = windowsForm(plan.id, { supportOpenAt: "2027-02-01T12:00", supportBudget: "10" });

    expect((await submit(form, admin.cookie)).location).toBe(`/beheer/plannen?gedaan=plan-${plan.id}`);
    expect((await submit(form, admin.cookie)).location).toBe(`/beheer/plannen?gedaan=plan-${plan.id}`);
    expect(await planAuditRows(before)).toHaveLength(1);

    expect((await submit({ ...form, supportBudget: "" }, admin.cookie)).location).toBe(`/beheer/plannen?gedaan=plan-${plan.id}`);
    const row = await planBySlug(CURRENT);
    expect(row.supportBudget).toBeNull();
    expect(row.supportOpenAt?.toISOString()).toBe("2027-02-01T11:00:00.000Z");
    const audit = await planAuditRows(before);
    expect(audit).toHaveLength(2);
    expect(audit[1]!.actorId).toBe(admin.id);
    expect(audit[1]!.details).toEqual({ planId: plan.id, "supportBudget.from": 10, "supportBudget.to": null });
  });
});

describe("refused changes", () => {
  test("closing before opening: a translated error at the closing field, the values kept, nothing stored", async () => {
    const admin = await createUser({ grants: [{ role: "admin" }] });
    const plan = await planBySlug(DRAFTING);
    const before = await lastAuditId();

    for (const [closes, opens] of [
      ["2027-01-10T08:59", "2027-01-10T09:00"],
      ["2027-01-10T09:00", "2027-01-10T09:00"],
    ]) {
      const refused = await submit(windowsForm(plan.id, { proposalsOpenAt: opens!, proposalsCloseAt: closes!, supportBudget: "7" }), admin.cookie);
      expect(refused.status).toBe(400);
      expect(refused.form!.planId).toBe(plan.id);
      expect(refused.form!.result.error?.proposalsCloseAt).toEqual(["planAdmin.error.closeBeforeOpen"]);
      expect(refused.form!.result.initialValue).toMatchObject({ proposalsOpenAt: opens, proposalsCloseAt: closes, supportBudget: "7" });
    }
    expect(nl("planAdmin.error.closeBeforeOpen")).toMatch(/na het moment van openen/);

    const row = await planBySlug(DRAFTING);
    expect([row.proposalsOpenAt, row.proposalsCloseAt, row.supportOpenAt, row.supportCloseAt, row.supportBudget]).toEqual([null, null, null, null, null]);
    expect(await planAuditRows(before)).toEqual([]);
  });

  test("moments that are not real dates, outside 2000–2100, or skipped when summer time starts", async () => {
    const admin = await createUser({ grants: [{ role: "admin" }] });
    const plan = await planBySlug(DRAFTING);
    const cases: [Record<string, string>, string, string][] = [
      [{ proposalsOpenAt: "2027-02-30T10:00" }, "proposalsOpenAt", "planAdmin.error.invalidMoment"],
      [{ proposalsOpenAt: "2027-01-10T24:00" }, "proposalsOpenAt", "planAdmin.error.invalidMoment"],
      [{ proposalsOpenAt: "morgen" }, "proposalsOpenAt", "planAdmin.error.invalidMoment"],
      [{ proposalsOpenAt: "2027-01-10T09:00Z" }, "proposalsOpenAt", "planAdmin.error.invalidMoment"],
      [{ supportOpenAt: "1999-12-31T23:00" }, "supportOpenAt", "planAdmin.error.momentOutOfRange"],
      [{ supportOpenAt: "2101-01-01T00:00" }, "supportOpenAt", "planAdmin.error.momentOutOfRange"],
      [{ supportOpenAt: "2027-03-28T02:30" }, "supportOpenAt", "planAdmin.error.momentDoesNotExist"],
      [{ supportCloseAt: "2027-06-01T12:00" }, "supportOpenAt", "planAdmin.error.openMissing"],
    ];
    for (const [fields, field, message] of cases) {
      const refused = await submit(windowsForm(plan.id, fields), admin.cookie);
      expect(refused.status, JSON.stringify(fields)).toBe(400);
      expect(refused.form!.result.error?.[field], JSON.stringify(fields)).toEqual([message]);
      expect(nl(message as Parameters<typeof nl>[0])).toEqual(expect.stringMatching(/\w/));
    }
    expect((await planBySlug(DRAFTING)).supportOpenAt).toBeNull();
  });

  test("a budget below what someone already used is refused: people keep the supports they gave", async () => {
    const admin = await createUser({ grants: [{ role: "admin" }] });
    const supporter = await createUser();
    const plan = await planBySlug(DRAFTING);
    await getDb().insert(supportBudgets).values({ planId: plan.id, userId: supporter.id, used: 4 });
    const before = await lastAuditId();

    const shown = (await loadPage(admin.cookie)).data.plans.find((candidate) => candidate.id === plan.id)!;
    expect(shown.mostSupportsByOnePerson).toBe(4);

    const refused = await submit(windowsForm(plan.id, { supportBudget: "3" }), admin.cookie);
    expect(refused.status).toBe(400);
    expect(refused.form!.result.error?.supportBudget).toEqual([nl("planAdmin.error.budgetBelowUsed", { used: 4 })]);
    expect(refused.form!.result.error?.supportBudget?.[0]).toMatch(/niet lager dan 4/);
    expect((await planBySlug(DRAFTING)).supportBudget).toBeNull();
    expect(await planAuditRows(before)).toEqual([]);

    expect((await submit(windowsForm(plan.id, { supportBudget: "4" }), admin.cookie)).location).toBe(`/beheer/plannen?gedaan=plan-${plan.id}`);
    expect((await planBySlug(DRAFTING)).supportBudget).toBe(4);
    // Another plan's budget is not held back by supports given in this one.
    const other = await planBySlug(CURRENT);
    expect((await submit(windowsForm(other.id, { supportBudget: "1" }), admin.cookie)).location).toBe(`/beheer/plannen?gedaan=plan-${other.id}`);
    expect(await planAuditRows(before)).toHaveLength(2);
  });

  test("bad input is a 400 or 404 with a message, never a 500, and is not sent back", async () => {
    const admin = await createUser({ grants: [{ role: "admin" }] });
    const plan = await planBySlug(DRAFTING);
    const before = await lastAuditId();
    const huge = "9".repeat(10 * 1024 * 1024);

    for (const budget of ["abc", "0", "1001", "2.5", "-3", "Infinity", huge]) {
      const refused = await submit(windowsForm(plan.id, { supportBudget: budget }), admin.cookie);
      expect(refused.status, budget.slice(0, 10)).toBe(400);
      expect(refused.form!.result.error?.supportBudget).toEqual(["planAdmin.error.budgetInvalid"]);
    }
    for (const field of ["proposalsOpenAt", "proposalsCloseAt", "supportOpenAt", "supportCloseAt"]) {
      const refused = await submit(windowsForm(plan.id, { [field]: huge }), admin.cookie);
      expect(refused.status, field).toBe(400);
      expect(refused.form!.result.error?.[field]).toEqual(["planAdmin.error.invalidMoment"]);
      expect(refused.size).toBeLessThan(10_000);
    }

    const unknownPlan = await submit(windowsForm(999_999, { supportBudget: "5" }), admin.cookie);
    expect(unknownPlan.status).toBe(404);
    expect(unknownPlan.form).toMatchObject({ planId: null, result: { error: { "": ["planAdmin.error.unknownPlan"] } } });
    for (const planId of ["abc", "0", "-1", "99999999999", huge]) {
      const refused = await submit({ ...windowsForm(plan.id), planId }, admin.cookie);
      expect(refused.status, planId.slice(0, 12)).toBe(400);
      expect(refused.form!.planId).toBeNull();
      expect(refused.form!.result.error?.planId).toEqual(["planAdmin.error.unknownPlan"]);
      expect(refused.size).toBeLessThan(10_000);
    }

    for (const body of [{ ...windowsForm(plan.id), intent: "delete" }, { planId: String(plan.id) }, { ...windowsForm(plan.id), intent: huge }]) {
      const refused = await submit(body, admin.cookie);
      expect(refused.status).toBe(400);
      expect(refused.form).toMatchObject({ planId: null, result: { error: { "": ["admin.error.invalid"] } } });
      expect(refused.size).toBeLessThan(10_000);
    }

    // A post from another site is refused before anything is read.
    const crossSite = await thrown(action(args(post("/beheer/plannen", windowsForm(plan.id, { supportBudget: "5" }), { cookie: admin.cookie, origin: "https://elders.example" }))));
    expect(crossSite.status).toBe(403);

    expect((await planBySlug(DRAFTING)).supportBudget).toBeNull();
    expect(await planAuditRows(before)).toEqual([]);
  });
});
