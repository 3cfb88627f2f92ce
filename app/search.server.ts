/**
 * Search over action points, progress updates, proposals and comments with
 * PostgreSQL full-text search (the generated `search` columns of migration
 * 0006). A query is read twice, with Dutch and with English stemming, and the
 * two are OR-ed so English translations are found too. All kinds come back in
 * one list ranked by `ts_rank`, a page of PAGE_SIZE costs one query, and what
 * the public may see is decided by visibility.server.ts alone.
 */
import { sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import { getDb, type Executor, rowsOf } from "#db/client.ts";
import type { Translations } from "#db/seed/types.ts";
import { localize, type LocalizedText } from "#app/content/localize.ts";
import type { Locale } from "#app/i18n/index.ts";
import { publicComment, publicProposal } from "./visibility.server.ts";

import { QUERY_MAX, SEARCH_KINDS, SEARCH_PAGE, type SearchKind } from "./search.ts";

export { QUERY_MAX, SEARCH_KINDS, SEARCH_PAGE, type SearchKind };

// Private-use characters mark the matches in ts_headline's output. They are
// removed from the text before it is highlighted, so after escaping
// everything these two are the only thing that can become <mark>.
const START = "\uE000";
const STOP = "\uE001";
// ts_headline drops what looks like a tag or an entity, so <, > and & travel through it as three more of them.
const LT = "\uE002";
const GT = "\uE003";
const AMP = "\uE004";
const SENTINELS = START + STOP + LT + GT + AMP;
const HEADLINE_OPTIONS = `StartSel="${START}", StopSel="${STOP}", MaxWords=30, MinWords=12, ShortWord=2, MaxFragments=2, FragmentDelimiter=" … "`;

export type SearchResult = {
  kind: SearchKind;
  id: number;
  /** For a comment: the title of what it is about. */
  title: LocalizedText;
  url: string;
  theme: { id: number; number: number; title: LocalizedText } | null;
  /** A calendar date (YYYY-MM-DD); null for a progress report that has not appeared yet. */
  date: string | null;
  /** Escaped text in which only <mark> elements are markup: safe to render as HTML. */
  snippetHtml: string;
  /** The language of the snippet when we know it (the plan's texts); null for what people wrote. */
  snippetLang: Locale | null;
};

export type SearchPage = { results: SearchResult[]; next: string | null };

// -- cursor ----------------------------------------------------------------------

const cursorSchema = z.object({
  r: z.string().regex(/^[0-9.eE+-]{1,32}$/),
  k: z.enum(SEARCH_KINDS),
  id: z.number().int().positive().max(2_147_483_647),
});
type Cursor = z.infer<typeof cursorSchema>;

function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify(cursor)).toString("base64url");
}

/** A cursor from the URL; null when it is not one we made. */
export function decodeSearchCursor(raw: string): Cursor | null {
  if (raw.length > 200) return null;
  try {
    const parsed = cursorSchema.safeParse(JSON.parse(Buffer.from(raw, "base64url").toString("utf8")));
    return parsed.success && Number.isFinite(Number(parsed.data.r)) ? parsed.data : null;
  } catch {
    return null;
  }
}

// -- snippets --------------------------------------------------------------------

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

/** ts_headline output to safe HTML: everything escaped, then only the sentinels become (balanced) <mark> elements. */
export function snippetToHtml(headline: string): string {
  const text = headline.replaceAll(LT, "<").replaceAll(GT, ">").replaceAll(AMP, "&");
  const escaped = text.replace(/\s+/g, " ").trim().replace(/[&<>"']/g, (c) => ESCAPES[c]!);
  let open = false;
  let html = "";
  for (const char of escaped) {
    if (char === START) {
      if (!open) html += "<mark>";
      open = true;
    } else if (char === STOP) {
      if (open) html += "</mark>";
      open = false;
    } else html += char;
  }
  return open ? `${html}</mark>` : html;
}

/** Text of stored HTML as the search columns see it: tags become spaces, the renderer's entities their characters. */
function plainText(html: SQL): SQL {
  return sql`replace(replace(replace(replace(replace(regexp_replace(${html}, '<[^>]+>', ' ', 'g'), '&lt;', '<'), '&gt;', '>'), '&quot;', '"'), '&#39;', ''''), '&amp;', '&')`;
}

function headline(config: "dutch" | "english", doc: SQL, query: SQL): SQL {
  // One pass of translate: <, > and & become their stand-ins, stand-ins already in the text are dropped.
  return sql`ts_headline(${sql.raw(`'${config}'`)}::regconfig, translate(${doc}, ${"<>&" + SENTINELS}, ${LT + GT + AMP}), ${query}, ${HEADLINE_OPTIONS})`;
}

// -- search ----------------------------------------------------------------------

type Row = {
  kind: SearchKind;
  id: number;
  rank: string;
  title: string;
  translations: Translations<"title">;
  path_key: string | null;
  date: string | null;
  theme_id: number | null;
  theme_number: number | null;
  theme_title: string | null;
  theme_translations: Translations<"title"> | null;
  head_nl: string | null;
  head_en: string | null;
  en_known: boolean;
};

function urlFor(kind: SearchKind, id: number, key: string | null): string {
  if (kind === "actiepunt") return `/actiepunt/${key}`;
  if (kind === "update") return key ? `/actiepunt/${key}#voortgang` : "/#voortgang";
  if (kind === "voorstel") return `/voorstel/${id}`;
  return `/reactie/${id}`;
}

/** Picks the snippet in the reader's language when it shows a match, else the other one when that does. */
function pickSnippet(row: Row, locale: Locale): { html: string; lang: Locale | null } {
  const nl = row.head_nl ?? "";
  const en = row.head_en;
  const marked = (text: string) => text.includes(START);
  const lang = (value: Locale) => (row.en_known ? value : null);
  const candidates: [string | null, Locale][] = locale === "en" ? [[en, "en"], [nl, "nl"]] : [[nl, "nl"], [en, "en"]];
  for (const [text, which] of candidates) if (text && marked(text)) return { html: snippetToHtml(text), lang: lang(which) };
  const [text, which] = candidates.find(([candidate]) => candidate) ?? ["", "nl"];
  return { html: snippetToHtml(text ?? ""), lang: lang(which) };
}

/**
 * One page of results for `query` (websearch syntax: "quotes" for a phrase,
 * OR, -word to exclude), best first. Null when the input is not one we accept
 * (a forged cursor, a query over QUERY_MAX characters): the caller answers 400.
 * An empty query finds nothing without asking the database.
 */
export async function search({
  query,
  kind,
  themeId,
  locale,
  after,
  db = getDb(),
}: {
  query: string;
  kind?: SearchKind | null;
  themeId?: number | null;
  locale: Locale;
  after?: string | null;
  db?: Executor;
}): Promise<SearchPage | null> {
  if (query.length > QUERY_MAX) return null;
  const cursor = after ? decodeSearchCursor(after) : null;
  if (after && !cursor) return null;
  // PostgreSQL refuses NUL in text; other control characters mean nothing to a search either.
  // eslint-disable-next-line no-control-regex
  const q = query.replace(/[\u0000-\u001f\u007f]/g, " ").trim();
  if (!q) return { results: [], next: null };

  const nl = sql`websearch_to_tsquery('dutch', ${q})`;
  const en = sql`websearch_to_tsquery('english', ${q})`;
  const both = sql`(${nl} || ${en})`;
  const theme = (column: SQL) => (themeId ? sql` and ${column} = ${themeId}` : sql``);

  const branches: Record<SearchKind, SQL> = {
    actiepunt: sql`select 'actiepunt'::text as kind, ap.id, ts_rank(ap.search, ${both}) as rank, ap.theme_id
      from action_points ap where ap.search @@ ${both}${theme(sql`ap.theme_id`)}`,
    update: sql`select 'update'::text, pu.id, ts_rank(pu.search, ${both}), uap.theme_id
      from progress_updates pu left join action_points uap on uap.id = pu.action_point_id
      where pu.search @@ ${both}${theme(sql`uap.theme_id`)}`,
    voorstel: sql`select 'voorstel'::text, p.id, ts_rank(p.search, ${both}), p.theme_id
      from proposals p where p.search @@ ${both} and ${publicProposal("p")}${theme(sql`p.theme_id`)}`,
    reactie: sql`select 'reactie'::text, c.id, ts_rank(c.search, ${both}), c.theme_id
      from comments c where c.search @@ ${both} and ${publicComment("c")}${theme(sql`c.theme_id`)}`,
  };
  const chosen = kind ? [branches[kind]] : SEARCH_KINDS.map((k) => branches[k]);
  const hits = sql.join(chosen, sql` union all `);
  const startAfter = cursor ? sql`where (hits.rank, hits.kind, hits.id) < (${cursor.r}::real, ${cursor.k}::text, ${cursor.id}::int)` : sql``;

  // The texts a snippet is cut from; HTML is stripped for what people wrote.
  const proposalText = plainText(sql`coalesce(p.summary, '') || ' ' || coalesce(p.body_html, '')`);
  const commentText = plainText(sql`coalesce(c.body_html, '')`);
  const docNl = sql`case page.kind
    when 'actiepunt' then concat_ws(' ', ap.summary, ap.body, ap.contribution)
    when 'update' then pu.body
    when 'voorstel' then ${proposalText}
    else ${commentText} end`;
  // The English translation of the plan's texts; for what people wrote, the same text read with English stemming.
  const docEn = sql`case page.kind
    when 'actiepunt' then nullif(concat_ws(' ', ap.translations -> 'en' ->> 'summary', ap.translations -> 'en' ->> 'body', ap.translations -> 'en' ->> 'contribution'), '')
    when 'update' then pu.translations -> 'en' ->> 'body'
    when 'voorstel' then ${proposalText}
    else ${commentText} end`;

  const rows = rowsOf<Row>(await db.execute<Row>(sql`
    with page as (
      select hits.kind, hits.id, hits.rank, hits.theme_id from (${hits}) as hits (kind, id, rank, theme_id)
      ${startAfter}
      order by hits.rank desc, hits.kind desc, hits.id desc
      limit ${SEARCH_PAGE + 1}
    )
    select page.kind, page.id, page.rank::text as rank,
      coalesce(ap.title, pu.title, p.title, cap.title, cp.title) as title,
      coalesce(ap.translations, pu.translations, cap.translations, '{}'::jsonb) as translations,
      coalesce(ap.slug, uap.slug) as path_key,
      case page.kind
        when 'actiepunt' then to_char(ap.created_at at time zone 'Europe/Amsterdam', 'YYYY-MM-DD')
        when 'update' then to_char(pu.published_on, 'YYYY-MM-DD')
        when 'voorstel' then to_char(p.created_at at time zone 'Europe/Amsterdam', 'YYYY-MM-DD')
        else to_char(c.created_at at time zone 'Europe/Amsterdam', 'YYYY-MM-DD') end as date,
      th.id as theme_id, th.number as theme_number, th.title as theme_title, th.translations as theme_translations,
      ${headline("dutch", docNl, nl)} as head_nl,
      ${headline("english", sql`coalesce(${docEn}, '')`, en)} as head_en,
      page.kind in ('actiepunt', 'update') as en_known
    from page
    left join action_points ap on page.kind = 'actiepunt' and ap.id = page.id
    left join progress_updates pu on page.kind = 'update' and pu.id = page.id
    left join action_points uap on uap.id = pu.action_point_id
    left join proposals p on page.kind = 'voorstel' and p.id = page.id
    left join comments c on page.kind = 'reactie' and c.id = page.id
    left join threads t on t.id = c.thread_id
    left join action_points cap on t.subject_type = 'action_point' and cap.id = t.subject_id
    left join proposals cp on t.subject_type = 'proposal' and cp.id = t.subject_id
    left join themes th on th.id = page.theme_id
    order by page.rank desc, page.kind desc, page.id desc
  `));

  const list = Array.from(rows as Iterable<Row>);
  const shown = list.slice(0, SEARCH_PAGE);
  const last = shown.at(-1);
  return {
    results: shown.map((row) => {
      const snippet = pickSnippet(row, locale);
      return {
        kind: row.kind,
        id: row.id,
        title: localize({ title: row.title, translations: row.translations ?? {} }, "title", locale),
        url: urlFor(row.kind, row.id, row.path_key),
        theme:
          row.theme_id !== null && row.theme_number !== null && row.theme_title !== null
            ? { id: row.theme_id, number: row.theme_number, title: localize({ title: row.theme_title, translations: row.theme_translations ?? {} }, "title", locale) }
            : null,
        date: row.date,
        snippetHtml: snippet.html,
        snippetLang: snippet.lang,
      };
    }),
    next: list.length > SEARCH_PAGE && last ? encodeCursor({ r: last.rank, k: last.kind, id: last.id }) : null,
  };
}

/** Themes to filter on, newest plan first. */
export async function searchThemes({ locale, db = getDb() }: { locale: Locale; db?: Executor }) {
  const rows = rowsOf<{ id: number; number: number; title: string; translations: Translations<"title">; plan_id: number; plan_title: string; plan_translations: Translations<"title"> }>(await db.execute<{ id: number; number: number; title: string; translations: Translations<"title">; plan_id: number; plan_title: string; plan_translations: Translations<"title"> }>(sql`
    select th.id, th.number, th.title, th.translations, pl.id as plan_id, pl.title as plan_title, pl.translations as plan_translations
    from themes th join plans pl on pl.id = th.plan_id
    order by pl.id desc, th.number
    limit 500`));
  const plans: { id: number; title: LocalizedText; themes: { id: number; number: number; title: LocalizedText }[] }[] = [];
  for (const row of Array.from(rows as Iterable<(typeof rows)[number]>)) {
    let plan = plans.at(-1);
    if (!plan || plan.id !== row.plan_id) {
      plan = { id: row.plan_id, title: localize({ title: row.plan_title, translations: row.plan_translations }, "title", locale), themes: [] };
      plans.push(plan);
    }
    plan.themes.push({ id: row.id, number: row.number, title: localize(row, "title", locale) });
  }
  return plans;
}
