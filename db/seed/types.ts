/**
 * Shape of the seed data for one action plan. Long texts use the small
 * block format of `app/content/blocks.ts`: paragraphs separated by a blank
 * line, `## ` starts a heading, lines starting with `1. ` form an ordered
 * list and lines starting with `- ` a bulleted list.
 */
export type Locale = "nl" | "en";

/** English (or later other) renderings of a row's texts; missing keys fall back to the original. */
export type Translations<K extends string> = Partial<Record<Exclude<Locale, "nl">, Partial<Record<K, string>>>>;

export type SeedProgressUpdate = {
  number: number;
  title: string;
  /** ISO date (YYYY-MM-DD) it appeared, or null while it is still expected. */
  publishedOn: string | null;
  body: string;
  translations: Translations<"title" | "body">;
};

export type SeedActionPoint = {
  number: number;
  slug: string;
  title: string;
  holder: string;
  /** Empty string when the plan names no partners. */
  partners: string;
  /** One or two sentences for cards and lists, taken from the description. */
  summary: string;
  /** The description, in the block format. */
  body: string;
  /** "Hoe draagt het bij aan een open overheid?", in the block format. */
  contribution: string;
  translations: Translations<"title" | "holder" | "partners" | "summary" | "body" | "contribution">;
};

export type SeedTheme = {
  number: number;
  slug: string;
  title: string;
  description: string;
  translations: Translations<"title" | "description">;
  actionPoints: SeedActionPoint[];
};

export type SeedPlan = {
  slug: string;
  title: string;
  period: string;
  status: "current" | "drafting" | "archived";
  /** Short lead shown on the plan overview. */
  intro: string;
  /** The "over het actieplan" page, in the block format (with `## ` headings). */
  about: string;
  translations: Translations<"title" | "intro" | "about">;
  themes: SeedTheme[];
  /** Plan-wide progress reports. */
  updates: SeedProgressUpdate[];
};
