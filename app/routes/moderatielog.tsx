import { data, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { FormErrors } from "#app/components/forms.tsx";
import { DataTable, Heading1, Heading2, linkClass, ListItem, Paragraph, UnorderedList } from "#app/components/nlds.tsx";
import { Text } from "#app/components/Text.tsx";
import { romanNumeral } from "#app/content/format.ts";
import { localize, type LocalizedText } from "#app/content/localize.ts";
import { loaderWith } from "#app/guard.server.ts";
import type { Locale } from "#app/i18n/index.ts";
import { pageMeta } from "#app/i18n/meta.ts";
import { useTranslate } from "#app/i18n/use-translate.ts";
import { formatDuration, listLogThemes, listModerationLog, LOG_ACTIONS, moderationLogTotals, reasonText, type LogAction } from "#app/moderation-log.server.ts";
import { idField } from "#app/forms/ids.ts";

const CSV = "/open-data/moderatielog.csv";
const JSON_FILE = "/open-data/moderatielog.json";
const LICENCE = "https://creativecommons.org/publicdomain/zero/1.0/";
const id = idField;

const querySchema = z.object({
  thema: id.optional(),
  actie: z.enum(LOG_ACTIONS).optional(),
  voor: id.optional(),
});

type Query = { thema?: number; actie?: LogAction; voor?: number };

// Formatted on the server, in the Netherlands' time zone, so the page reads the same after hydration.
function formatDay(moment: Date, locale: Locale): string {
  return new Intl.DateTimeFormat(locale === "nl" ? "nl-NL" : "en-GB", { dateStyle: "long", timeZone: "Europe/Amsterdam" }).format(moment);
}

function formatMonth(month: string, locale: Locale): string {
  return new Intl.DateTimeFormat(locale === "nl" ? "nl-NL" : "en-GB", { month: "long", year: "numeric", timeZone: "UTC" }).format(new Date(`${month}-15T12:00:00Z`));
}

function search(query: Query, extra: Query = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries({ ...query, ...extra })) if (value !== undefined) params.set(key, String(value));
  const text = params.toString();
  return text ? `/moderatielog?${text}` : "/moderatielog";
}

export const loader = loaderWith("public.read", async ({ request, locale, t }) => {
  const url = new URL(request.url);
  const parsed = querySchema.safeParse(Object.fromEntries([...url.searchParams].filter(([, value]) => value !== "")));
  const [themeRows, totals] = await Promise.all([listLogThemes(), moderationLogTotals()]);
  const themes = themeRows.map((theme) => ({ id: theme.id, numeral: romanNumeral(theme.number), title: localize(theme, "title", locale), period: theme.period }));
  const page = {
    themes,
    // The component gets the actions from here: a .server module's values cannot reach the browser bundle.
    actions: LOG_ACTIONS,
    totals: {
      perTheme: totals.perTheme.map((row) => ({ themeId: row.themeId, numeral: romanNumeral(row.number), title: localize(row, "title", locale), period: row.period, count: row.count })),
      perReason: totals.perReason.map((row) => ({ code: row.reasonCode ?? "", label: reasonText(row.reasonCode, t), count: row.count })),
      perMonth: totals.perMonth.map((row) => ({ month: row.month, label: formatMonth(row.month, locale), count: row.count })),
    },
  };
  const valid = parsed.success && (parsed.data.thema === undefined || themes.some((theme) => theme.id === parsed.data.thema));
  if (!valid) return data({ ...page, error: t("moderationLog.badQuery"), query: {} as Query, entries: [], nextBefore: null }, { status: 400 });
  const query: Query = parsed.data;
  const result = await listModerationLog({ before: query.voor, themeId: query.thema, action: query.actie });
  const entries = result.entries.map((entry) => ({
    id: entry.id,
    at: entry.decidedAt.toISOString(),
    day: formatDay(entry.decidedAt, locale),
    theme: { numeral: romanNumeral(entry.theme.number), title: localize(entry.theme, "title", locale) },
    kind: entry.kind,
    itemId: entry.itemId,
    path: entry.path,
    action: entry.action,
    reason: reasonText(entry.reasonCode, t),
    note: entry.publicNote,
    wait: formatDuration(entry.hoursToDecision, t),
  }));
  return { ...page, error: null, query, entries, nextBefore: result.nextBefore };
});

function ThemeName({ numeral, title }: { numeral: string; title: LocalizedText }) {
  const t = useTranslate();
  return (
    <>
      {t("theme.label", { numeral })}: <Text value={title} />
    </>
  );
}

export default function ModerationLog() {
  const { themes, actions, totals, error, query, entries, nextBefore } = useLoaderData<typeof loader>();
  const t = useTranslate();
  const filtered = query.thema !== undefined || query.actie !== undefined;
  const paged = query.voor !== undefined;
  return (
    <>
      <Heading1>{t("moderationLog.title")}</Heading1>
      <Paragraph lead>{t("moderationLog.intro")}</Paragraph>

      <section className="inspraak-section" aria-labelledby="filters">
        <Heading2 id="filters">{t("moderationLog.filters")}</Heading2>
        <FormErrors form={{ errors: error ? [error] : undefined, errorId: "moderatielog-fout" }} />
        <Form method="get" className="inspraak-filters">
          <div className="utrecht-form-field">
            <label className="utrecht-form-label" htmlFor="thema">
              {t("moderationLog.filter.theme")}
            </label>
            <select id="thema" name="thema" defaultValue={query.thema ?? ""} className="utrecht-select utrecht-select--html-select">
              <option value="">{t("moderationLog.filter.allThemes")}</option>
              {themes.map((theme) => (
                <option key={theme.id} value={theme.id}>
                  {theme.numeral} {theme.title.text} ({theme.period})
                </option>
              ))}
            </select>
          </div>
          <div className="utrecht-form-field">
            <label className="utrecht-form-label" htmlFor="actie">
              {t("moderationLog.filter.action")}
            </label>
            <select id="actie" name="actie" defaultValue={query.actie ?? ""} className="utrecht-select utrecht-select--html-select">
              <option value="">{t("moderationLog.filter.allActions")}</option>
              {actions.map((action) => (
                <option key={action} value={action}>
                  {t(`moderationLog.action.${action}`)}
                </option>
              ))}
            </select>
          </div>
          <button type="submit" className="utrecht-button utrecht-button--secondary-action">
            {t("moderationLog.filter.apply")}
          </button>
        </Form>
        {filtered ? (
          <Paragraph>
            <Link to="/moderatielog" className={linkClass}>
              {t("moderationLog.filter.clear")}
            </Link>
          </Paragraph>
        ) : null}
      </section>

      <section className="inspraak-section" aria-labelledby="besluiten">
        <Heading2 id="besluiten">{filtered ? t("moderationLog.captionFiltered") : t("moderationLog.caption")}</Heading2>
        {error ? null : entries.length === 0 ? (
          <Paragraph>{filtered ? t("moderationLog.emptyFiltered") : t("moderationLog.empty")}</Paragraph>
        ) : (
          <DataTable
            caption={filtered ? t("moderationLog.captionFiltered") : t("moderationLog.caption")}
            columns={[
              t("moderationLog.col.date"),
              t("moderationLog.col.theme"),
              t("moderationLog.col.item"),
              t("moderationLog.col.action"),
              t("moderationLog.col.reason"),
              t("moderationLog.col.note"),
              t("moderationLog.col.wait"),
            ]}
          >
            {entries.map((entry) => {
              const label = entry.itemId === null ? t(`moderationLog.kind.${entry.kind}`) : t("moderationLog.item", { kind: t(`moderationLog.kind.${entry.kind}`), id: entry.itemId });
              return (
                <tr key={entry.id} className="utrecht-table__row">
                  <td className="utrecht-table__cell">
                    <time dateTime={entry.at}>{entry.day}</time>
                  </td>
                  <td className="utrecht-table__cell">
                    <ThemeName numeral={entry.theme.numeral} title={entry.theme.title} />
                  </td>
                  <td className="utrecht-table__cell">
                    {entry.path ? (
                      <Link to={entry.path} className={linkClass}>
                        {label}
                      </Link>
                    ) : (
                      label
                    )}
                  </td>
                  <td className="utrecht-table__cell">{t(`moderationLog.action.${entry.action}`)}</td>
                  <td className="utrecht-table__cell">{entry.reason}</td>
                  <td className="utrecht-table__cell">{entry.note}</td>
                  <td className="utrecht-table__cell">{entry.wait}</td>
                </tr>
              );
            })}
          </DataTable>
        )}
        {nextBefore !== null || paged ? (
          <nav aria-label={t("moderationLog.pagination")} className="inspraak-actions inspraak-section">
            {nextBefore !== null ? (
              <Link to={search(query, { voor: nextBefore })} className={linkClass}>
                {t("moderationLog.older")}
              </Link>
            ) : null}
            {paged ? (
              <Link to={search({ ...query, voor: undefined })} className={linkClass}>
                {t("moderationLog.newest")}
              </Link>
            ) : null}
          </nav>
        ) : null}
      </section>

      <section className="inspraak-section" aria-labelledby="totalen">
        <Heading2 id="totalen">{t("moderationLog.totals.heading")}</Heading2>
        <Paragraph>{t("moderationLog.totals.intro")}</Paragraph>
        <DataTable caption={t("moderationLog.totals.themeCaption")} columns={[t("moderationLog.col.theme"), t("moderationLog.totals.count")]}>
          {totals.perTheme.map((row) => (
            <tr key={row.themeId} className="utrecht-table__row">
              <td className="utrecht-table__cell">
                <ThemeName numeral={row.numeral} title={row.title} /> ({row.period})
              </td>
              <td className="utrecht-table__cell utrecht-table__cell--numeric-data">{row.count}</td>
            </tr>
          ))}
        </DataTable>
        <DataTable caption={t("moderationLog.totals.reasonCaption")} columns={[t("moderationLog.col.reason"), t("moderationLog.totals.count")]}>
          {totals.perReason.map((row) => (
            <tr key={row.code} className="utrecht-table__row">
              <td className="utrecht-table__cell">{row.label}</td>
              <td className="utrecht-table__cell utrecht-table__cell--numeric-data">{row.count}</td>
            </tr>
          ))}
        </DataTable>
        <DataTable caption={t("moderationLog.totals.monthCaption")} columns={[t("moderationLog.totals.month"), t("moderationLog.totals.count")]}>
          {totals.perMonth.map((row) => (
            <tr key={row.month} className="utrecht-table__row">
              <td className="utrecht-table__cell">
                <time dateTime={row.month}>{row.label}</time>
              </td>
              <td className="utrecht-table__cell utrecht-table__cell--numeric-data">{row.count}</td>
            </tr>
          ))}
        </DataTable>
      </section>

      <section className="inspraak-section" aria-labelledby="open-data">
        <Heading2 id="open-data">{t("moderationLog.openData.heading")}</Heading2>
        <Paragraph>{t("moderationLog.openData.intro")}</Paragraph>
        <UnorderedList>
          <ListItem>
            <a href={CSV} className={linkClass} type="text/csv">
              {t("moderationLog.openData.csv")}
            </a>
          </ListItem>
          <ListItem>
            <a href={JSON_FILE} className={linkClass} type="application/json">
              {t("moderationLog.openData.json")}
            </a>
          </ListItem>
        </UnorderedList>
        <Paragraph>
          <a href={LICENCE} rel="license" className={linkClass}>
            {t("moderationLog.openData.licence")}
          </a>
        </Paragraph>
      </section>
    </>
  );
}

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, (t) => ({ title: t("moderationLog.title") }));
