import { data, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { Heading1, Heading2, linkClass, Paragraph } from "#app/components/nlds.tsx";
import { Text } from "#app/components/Text.tsx";
import { formatDate, romanNumeral } from "#app/content/format.ts";
import { loaderWith } from "#app/guard.server.ts";
import type { MessageKey } from "#app/i18n/index.ts";
import { pageMeta } from "#app/i18n/meta.ts";
import { useLocale, useTranslate } from "#app/i18n/use-translate.ts";
import { QUERY_MAX, SEARCH_KINDS, type SearchKind } from "#app/search.ts";
import { search, searchThemes, type SearchPage } from "#app/search.server.ts";

type Query = { q: string; soort: SearchKind | null; thema: number | null; na: string | null };

/** The URL's search parameters, or the message key saying which one is wrong. */
function parseQuery(params: URLSearchParams): { ok: true; query: Query } | { ok: false; error: MessageKey } {
  const value = (name: string) => params.get(name)?.trim() || null;
  const q = params.get("q") ?? "";
  if (q.length > QUERY_MAX) return { ok: false, error: "search.error.tooLong" };
  const soort = value("soort");
  if (soort !== null && !(SEARCH_KINDS as readonly string[]).includes(soort)) return { ok: false, error: "search.error.badKind" };
  const thema = value("thema");
  if (thema !== null && !/^[1-9][0-9]{0,9}$/.test(thema)) return { ok: false, error: "search.error.badTheme" };
  if (thema !== null && Number(thema) > 2_147_483_647) return { ok: false, error: "search.error.badTheme" };
  return { ok: true, query: { q, soort: soort as SearchKind | null, thema: thema === null ? null : Number(thema), na: value("na") } };
}

export const loader = loaderWith("public.read", async ({ request, locale, t }) => {
  const parsed = parseQuery(new URL(request.url).searchParams);
  const themes = await searchThemes({ locale });
  const empty: SearchPage = { results: [], next: null };
  if (!parsed.ok) {
    const query: Query = { q: "", soort: null, thema: null, na: null };
    return data({ query, themes, page: empty, error: t(parsed.error, { max: QUERY_MAX }) }, { status: 400 });
  }
  const { query } = parsed;
  const page = await search({ query: query.q, kind: query.soort, themeId: query.thema, locale, after: query.na });
  if (!page) return data({ query: { ...query, na: null }, themes, page: empty, error: t("search.error.badCursor") }, { status: 400 });
  return { query, themes, page, error: null as string | null };
});

export default function SearchPage() {
  const { query, themes, page, error } = useLoaderData<typeof loader>();
  const t = useTranslate();
  const locale = useLocale();
  const href = (extra: Record<string, string | undefined>) => {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries({ q: query.q, soort: query.soort ?? undefined, thema: query.thema?.toString(), ...extra })) if (value) params.set(key, value);
    return `/zoeken?${params}`;
  };
  const searched = query.q.trim() !== "";
  return (
    <>
      <Heading1>{t("search.title")}</Heading1>
      <Paragraph>{t("search.intro")}</Paragraph>
      {error ? (
        <div className="utrecht-alert utrecht-alert--error" role="alert">
          <div className="utrecht-alert__content">
            <p className="utrecht-paragraph">{error}</p>
          </div>
        </div>
      ) : null}

      <Form method="get" action="/zoeken" role="search" aria-label={t("search.title")} className="inspraak-filters">
        <div className="utrecht-form-field">
          <label className="utrecht-form-label" htmlFor="zoek-q">
            {t("search.label")}
          </label>
          <input
            id="zoek-q"
            name="q"
            type="search"
            defaultValue={query.q}
            maxLength={QUERY_MAX}
            aria-describedby="zoek-tip"
            className="utrecht-textbox utrecht-textbox--html-input"
          />
        </div>
        <div className="utrecht-form-field">
          <label className="utrecht-form-label" htmlFor="zoek-soort">
            {t("search.kind")}
          </label>
          <select id="zoek-soort" name="soort" defaultValue={query.soort ?? ""} className="utrecht-select utrecht-select--html-select">
            <option value="">{t("search.allKinds")}</option>
            {SEARCH_KINDS.map((kind) => (
              <option key={kind} value={kind}>
                {t(`search.kind.${kind}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="utrecht-form-field">
          <label className="utrecht-form-label" htmlFor="zoek-thema">
            {t("search.theme")}
          </label>
          <select id="zoek-thema" name="thema" defaultValue={query.thema ?? ""} className="utrecht-select utrecht-select--html-select">
            <option value="">{t("search.allThemes")}</option>
            {themes.map((plan) => (
              <optgroup key={plan.id} label={plan.title.text}>
                {plan.themes.map((theme) => (
                  <option key={theme.id} value={theme.id}>
                    {romanNumeral(theme.number)} {theme.title.text}
                  </option>
                ))}
              </optgroup>
            ))}
          </select>
        </div>
        <button type="submit" className="utrecht-button utrecht-button--primary-action">
          {t("search.submit")}
        </button>
      </Form>
      <Paragraph id="zoek-tip">{t("search.hint")}</Paragraph>

      {searched && !error ? (
        <section className="inspraak-section" aria-labelledby="resultaten">
          <Heading2 id="resultaten">{t("search.resultsFor", { query: query.q.trim() })}</Heading2>
          {page.results.length === 0 ? <Paragraph>{t("search.none")}</Paragraph> : null}
          <ol className="inspraak-stack" style={{ listStyle: "none", padding: 0 }}>
            {page.results.map((result) => (
              <li key={`${result.kind}-${result.id}`} className="inspraak-card">
                <p className="utrecht-paragraph">
                  <span className="inspraak-badge">{t(`search.kind.${result.kind}`)}</span>
                  {result.theme ? (
                    <>
                      {" "}
                      {t("search.theme")} {romanNumeral(result.theme.number)} <Text value={result.theme.title} />
                    </>
                  ) : null}
                </p>
                <h3 className="utrecht-heading-3">
                  <Link to={result.url} className={linkClass}>
                    <Text value={result.title} />
                  </Link>
                </h3>
                {/* The snippet is escaped text with only <mark> added (search.server.ts snippetToHtml). */}
                <p
                  className="utrecht-paragraph"
                  lang={result.snippetLang && result.snippetLang !== locale ? result.snippetLang : undefined}
                  dangerouslySetInnerHTML={{ __html: result.snippetHtml }}
                />
                <p className="utrecht-paragraph">{result.date ? <time dateTime={result.date}>{formatDate(result.date, locale)}</time> : t("search.expected")}</p>
              </li>
            ))}
          </ol>
          <div className="inspraak-actions">
            {page.next ? (
              <Link to={href({ na: page.next })} className="utrecht-button utrecht-button--secondary-action">
                {t("search.more")}
              </Link>
            ) : null}
            {query.na ? (
              <Link to={href({})} className={linkClass}>
                {t("search.backToStart")}
              </Link>
            ) : null}
          </div>
        </section>
      ) : null}
      {!searched && !error ? <Paragraph>{t("search.empty")}</Paragraph> : null}
    </>
  );
}

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, (t) => ({ title: t("search.title") }));
