import { describe, expect, test } from "vitest";
import { loader as actionPointLoader } from "#app/routes/actiepunt.$slug.tsx";
import { loader as homeLoader } from "#app/routes/_index.tsx";
import { loader as aboutLoader } from "#app/routes/over-het-actieplan.tsx";
import { action as languageAction } from "#app/routes/taal.tsx";
import { loader as themeLoader } from "#app/routes/thema.$slug.tsx";

type Args = Parameters<typeof homeLoader>[0];

function args(path: string, { params = {}, locale }: { params?: Record<string, string>; locale?: "nl" | "en" } = {}): Args {
  const headers = locale ? { Cookie: `lang=${locale}` } : undefined;
  return { request: new Request(`http://localhost${path}`, { headers }), params, context: {} };
}

async function thrownStatus(promise: Promise<unknown>): Promise<number> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof Response) return error.status;
    throw error;
  }
  throw new Error("expected a thrown Response");
}

describe("plan overview", () => {
  test("lists the 7 themes with their 13 action points in order", async () => {
    const data = await homeLoader(args("/"));
    expect(data.plan.title.text).toBe("Actieplan Open Overheid 2020-2022");
    expect(data.themes.map((theme) => theme.number)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(data.themes.flatMap((theme) => theme.actionPoints.map((point) => point.number))).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13]);
    expect(data.themes[5]!.actionPoints.map((point) => point.title.text)).toEqual(["Open Data Communities", "Open Source", "Open Algoritmen"]);
    expect(data.actionPointCount).toBe(13);
    expect(data.updates.map((update) => update.title.text)).toEqual(["Update 4", "Update 3", "Update 2", "Update 1"]);
    expect(data.draftingPlan?.title.text).toBe("Actieplan Open Overheid 2023-2025");
  });

  test("comes in English when the visitor chose English", async () => {
    const data = await homeLoader(args("/", { locale: "en" }));
    expect(data.themes.map((theme) => theme.title)).toContainEqual({ text: "Open Justice", lang: "en" });
  });
});

describe("theme page", () => {
  test("shows the theme with its action points and the other themes", async () => {
    const data = await themeLoader(args("/thema/open-organisatie", { params: { slug: "open-organisatie" } }));
    expect(data.title.text).toBe("Open Organisatie");
    expect(data.actionPoints.map((point) => [point.number, point.title.text])).toEqual([
      [7, "De toekomst van ‘Beleidsintimiteit’"],
      [8, "Investeren in vakmanschap"],
    ]);
    expect(data.otherThemes).toHaveLength(6);
  });

  test("shows a theme of the plan being drafted, without action points", async () => {
    const data = await themeLoader(args("/", { params: { slug: "open-recht-2023-2025" } }));
    expect(data.plan.status).toBe("drafting");
    expect(data.actionPoints).toEqual([]);
  });

  test("is a 404 for an unknown theme", async () => {
    expect(await thrownStatus(themeLoader(args("/", { params: { slug: "bestaat-niet" } })))).toBe(404);
  });
});

describe("action point page", () => {
  test("has number, holder, partners, texts, theme, neighbours and progress updates", async () => {
    const data = await actionPointLoader(args("/", { params: { slug: "open-klachten" } }));
    expect(data.number).toBe(13);
    expect(data.title.text).toBe("Open Klachten");
    expect(data.holder.text).toBe("Open State Foundation (OSF)");
    expect(data.partners.text).toContain("Pathfinders for Justice");
    expect(data.body.text).toContain("30.775 klachten");
    expect(data.contribution.text).toContain("open data");
    expect(data.theme).toMatchObject({ number: 7, slug: "open-recht" });
    expect(data.previous?.number).toBe(12);
    expect(data.next).toBeNull();
    expect(data.ownUpdates).toEqual([]);
    expect(data.planUpdates).toHaveLength(4);
  });

  test("comes in English with the English translation", async () => {
    const data = await actionPointLoader(args("/", { params: { slug: "direct-duidelijk-brigade" }, locale: "en" }));
    expect(data.title).toEqual({ text: "Direct Duidelijk Brigade", lang: "en" });
    expect(data.holder.lang).toBe("en");
    expect(data.contribution.lang).toBe("en");
  });

  test("is a 404 for an unknown action point", async () => {
    expect(await thrownStatus(actionPointLoader(args("/", { params: { slug: "x" } })))).toBe(404);
  });
});

test("the about page carries the stakeholder forum and the Open Government Partnership", async () => {
  const data = await aboutLoader(args("/over-het-actieplan"));
  expect(data.about.text).toContain("## Stakeholderforum");
  expect(data.about.text).toContain("Open Government Partnership");
});

describe("language switch", () => {
  const post = (body: Record<string, string>) =>
    languageAction({
      request: new Request("http://localhost/taal", { method: "POST", body: new URLSearchParams(body), headers: { Origin: "http://localhost" } }),
      params: {},
      context: {},
    });

  test("sets the language cookie and goes back to the page", async () => {
    const response = (await post({ locale: "en", redirectTo: "/thema/open-inkoop" })) as Response;
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe("/thema/open-inkoop");
    expect(response.headers.get("Set-Cookie")).toMatch(/^lang=en; Path=\//);
  });

  test("never redirects off the site", async () => {
    const response = (await post({ locale: "nl", redirectTo: "//evil.example/" })) as Response;
    expect(response.headers.get("Location")).toBe("/");
  });

  test("refuses an unknown language", async () => {
    expect(await thrownStatus(post({ locale: "xx", redirectTo: "/" }))).toBe(400);
  });
});
