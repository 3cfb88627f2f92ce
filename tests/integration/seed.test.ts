import { afterAll, beforeAll, describe, expect, inject, test } from "vitest";
import { asc, eq } from "drizzle-orm";
import { connect, type Database } from "#db/client.ts";
import { migrateDatabase } from "#db/migrate.ts";
import { actionPoints, plans, progressUpdates, themes } from "#db/schema.ts";
import { seedDatabase } from "#db/seed.ts";
import { createTestDatabase } from "#tests/setup/postgres.ts";

// The plan as published (seed text), written out here independently of the seed data.
const EXPECTED_THEMES = [
  "Open Democratie",
  "Open Informatie",
  "Open Communicatie",
  "Open Organisatie",
  "Open Inkoop",
  "Open Technologie",
  "Open Recht",
];
const EXPECTED_ACTION_POINTS: [number, string, string, string][] = [
  [1, "Open Democratie", "Transparantie in de Wet op de politieke partijen", "Ministerie van BZK"],
  [2, "Open Democratie", "Transparantie verkiezingsproces", "Ministerie van BZK"],
  [3, "Open Democratie", "Digitale Democratie", "Ministerie van BZK en Vereniging van Nederlandse Gemeenten (VNG)"],
  [4, "Open Informatie", "Vervolg Open Wob", "Provincie Noord-Holland"],
  [5, "Open Informatie", "Actieve openbaarmaking Rijk", "Rijksprogramma Duurzaam Digitale Informatiehuishouding (RDDI)"],
  [6, "Open Communicatie", "Direct Duidelijk Brigade", "Ministerie van BZK"],
  [7, "Open Organisatie", "De toekomst van ‘Beleidsintimiteit’", "Instituut voor Maatschappelijke Innovatie (IMI)"],
  [8, "Open Organisatie", "Investeren in vakmanschap", "Ministerie van Algemene Zaken (AZ) en de Voorlichtingsraad"],
  [9, "Open Inkoop", "Contract Register", "Ministerie van BZK"],
  [
    10,
    "Open Technologie",
    "Open Data Communities",
    "Ministerie van BZK, Kennis- en exploitatiecentrum Officiële Overheidspublicaties (KOOP) en data.overheid.nl",
  ],
  [11, "Open Technologie", "Open Source", "Ministerie van BZK"],
  [12, "Open Technologie", "Open Algoritmen", "Ministerie van BZK"],
  [13, "Open Recht", "Open Klachten", "Open State Foundation (OSF)"],
];

let db: Database;
let close: () => Promise<void>;

beforeAll(async () => {
  // A database with the schema but no data, so this file sees exactly what seeding does.
  const database = await createTestDatabase(inject("pgAdminUrl"), "migrated");
  await migrateDatabase(database.url);
  const client = connect(database.url, { max: 2 });
  db = client.db;
  close = async () => {
    await client.end();
    await database.drop();
  };
  await seedDatabase(db);
});

afterAll(() => close());

async function snapshot() {
  return {
    plans: await db.select().from(plans).orderBy(asc(plans.id)),
    themes: await db.select().from(themes).orderBy(asc(themes.id)),
    actionPoints: await db.select().from(actionPoints).orderBy(asc(actionPoints.id)),
    updates: await db.select().from(progressUpdates).orderBy(asc(progressUpdates.id)),
  };
}

describe("the seed", () => {
  test("produces one current plan with 7 themes and 13 action points with the right titles and holders", async () => {
    const current = await db.select().from(plans).where(eq(plans.status, "current"));
    expect(current.map((plan) => plan.title)).toEqual(["Actieplan Open Overheid 2020-2022"]);
    const planId = current[0]!.id;

    const themeRows = await db.select().from(themes).where(eq(themes.planId, planId)).orderBy(asc(themes.number));
    expect(themeRows.map((theme) => [theme.number, theme.title])).toEqual(EXPECTED_THEMES.map((title, i) => [i + 1, title]));

    const pointRows = await db
      .select({ number: actionPoints.number, theme: themes.title, title: actionPoints.title, holder: actionPoints.holder })
      .from(actionPoints)
      .innerJoin(themes, eq(themes.id, actionPoints.themeId))
      .where(eq(actionPoints.planId, planId))
      .orderBy(asc(actionPoints.number));
    expect(pointRows.map((p) => [p.number, p.theme, p.title, p.holder])).toEqual(EXPECTED_ACTION_POINTS);
  });

  test("gives every action point its texts, and partners except where the plan names none", async () => {
    const rows = await db.select().from(actionPoints).orderBy(asc(actionPoints.number));
    for (const row of rows) {
      expect(row.body.length, row.slug).toBeGreaterThan(50);
      expect(row.contribution.length, row.slug).toBeGreaterThan(50);
      expect(row.translations.en?.title, row.slug).toBeTruthy();
      expect(row.partners === "", row.slug).toBe(row.number === 8);
    }
    expect(rows.find((row) => row.number === 13)!.partners).toContain("Nationale en lokale ombudsmannen");
  });

  test("adds the plan's four progress updates with their dates", async () => {
    const rows = await db.select().from(progressUpdates).orderBy(asc(progressUpdates.id));
    expect(rows.map((row) => [row.title, row.publishedOn, row.actionPointId])).toEqual([
      ["Update 1", "2021-04-14", null],
      ["Update 2", "2021-07-05", null],
      ["Update 3", "2021-09-14", null],
      ["Update 4", null, null],
    ]);
  });

  test("adds the 2023-2025 plan as drafting, with the same 7 themes and no action points", async () => {
    const [drafting] = await db.select().from(plans).where(eq(plans.status, "drafting"));
    expect(drafting?.title).toBe("Actieplan Open Overheid 2023-2025");
    const draftingThemes = await db.select().from(themes).where(eq(themes.planId, drafting!.id)).orderBy(asc(themes.number));
    expect(draftingThemes.map((theme) => theme.title)).toEqual(EXPECTED_THEMES);
    expect(await db.select().from(actionPoints).where(eq(actionPoints.planId, drafting!.id))).toEqual([]);
  });

  test("running it again changes nothing, also when run twice at once", async () => {
    const before = await snapshot();
    const results = await Promise.all([seedDatabase(db), seedDatabase(db)]);
    expect(results.map((result) => result.added)).toEqual([[], []]);
    expect(await snapshot()).toEqual(before);
  });

  test("never overwrites what was edited after seeding", async () => {
    await db.update(actionPoints).set({ summary: "Bijgewerkt door de beheerder." }).where(eq(actionPoints.number, 6));
    await seedDatabase(db);
    const [row] = await db.select({ summary: actionPoints.summary }).from(actionPoints).where(eq(actionPoints.number, 6));
    expect(row?.summary).toBe("Bijgewerkt door de beheerder.");
  });
});
