import type { MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { BarChart, type ChartRow, type ChartSpec } from "#app/components/BarChart.tsx";
import { Heading1, Heading2, Heading3, linkClass, Paragraph } from "#app/components/nlds.tsx";
import { romanNumeral } from "#app/content/format.ts";
import { localize } from "#app/content/localize.ts";
import { loaderWith } from "#app/guard.server.ts";
import type { Locale, Translate } from "#app/i18n/index.ts";
import { pageMeta } from "#app/i18n/meta.ts";
import { useTranslate } from "#app/i18n/use-translate.ts";
import { formatDuration } from "#app/moderation-log.server.ts";
import { moderationStatistics, participationStatistics, STATISTICS_WEEKS, type Participation } from "#app/statistics.server.ts";

const MEASURES = ["comments", "proposals", "supports", "people"] as const satisfies readonly (keyof Participation)[];
const intl = (locale: Locale) => (locale === "nl" ? "nl-NL" : "en-GB");

function formatDay(isoDate: string, locale: Locale): string {
  return new Intl.DateTimeFormat(intl(locale), { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" }).format(new Date(`${isoDate}T12:00:00Z`));
}

function formatMonth(month: string, locale: Locale): string {
  return new Intl.DateTimeFormat(intl(locale), { month: "long", year: "numeric", timeZone: "UTC" }).format(new Date(`${month}-15T12:00:00Z`));
}

/** The description a screen reader reads for a chart: what it shows and where its highest bar is. */
function describe(t: Translate, what: string, series: string[], rows: ChartRow[]): string {
  let best: { value: number; series: string; where: string } | null = null;
  for (const row of rows) {
    row.values.forEach((value, index) => {
      if (value > (best?.value ?? 0)) best = { value, series: series[index]!.toLowerCase(), where: row.tableLabel ?? row.label };
    });
  }
  const found = best as { value: number; series: string; where: string } | null;
  const highest = found ? t("stats.chart.highest", { series: found.series, value: found.value, where: found.where }) : t("stats.chart.empty");
  return t("stats.chart.desc", { what, highest });
}

export const loader = loaderWith("public.read", async ({ locale, t }) => {
  const [participation, moderation] = await Promise.all([participationStatistics(), moderationStatistics()]);
  const series = MEASURES.map((measure) => t(`stats.series.${measure}`));
  const values = (counts: Participation) => MEASURES.map((measure) => counts[measure]);
  const table = t("stats.chart.table");

  const weekRows: ChartRow[] = participation.weeks.map((week) => ({
    key: week.isoWeek,
    label: t("stats.week.label", { week: week.week }),
    tableLabel: t("stats.week.tableLabel", { week: week.week, start: formatDay(week.start, locale) }),
    values: values(week),
  }));
  const weekTitle = t("stats.week.title");
  const weekChart: ChartSpec = {
    id: "per-week",
    title: weekTitle,
    description: describe(t, t("stats.week.caption", { weeks: STATISTICS_WEEKS }).toLowerCase(), series, weekRows),
    caption: t("stats.week.caption", { weeks: STATISTICS_WEEKS }),
    categoryHeader: t("stats.week.column"),
    series,
    rows: weekRows,
    total: { label: t("stats.total"), values: values(participation.total) },
    tableSummary: table,
  };

  const themeRows: ChartRow[] = participation.themes.map((theme) => {
    const label = t("theme.label", { numeral: romanNumeral(theme.number) });
    return { key: String(theme.number), label, tableLabel: `${label}: ${localize(theme, "title", locale).text}`, values: values(theme) };
  });
  const themeChart: ChartSpec = {
    id: "per-thema",
    title: t("stats.theme.title"),
    description: describe(t, t("stats.theme.caption", { weeks: STATISTICS_WEEKS }).toLowerCase(), series, themeRows),
    caption: t("stats.theme.caption", { weeks: STATISTICS_WEEKS }),
    categoryHeader: t("stats.theme.column"),
    series,
    rows: themeRows,
    total: { label: t("stats.total"), values: values(participation.total) },
    tableSummary: table,
  };

  const decisions = [t("stats.action.count")];
  const actionRows: ChartRow[] = moderation.perAction.map((row) => ({ key: row.action, label: t(`moderationLog.action.${row.action}`), values: [row.count] }));
  const actionChart: ChartSpec = {
    id: "besluiten-per-soort",
    title: t("stats.action.title"),
    description: describe(t, t("stats.action.caption").toLowerCase(), decisions, actionRows),
    caption: t("stats.action.caption"),
    categoryHeader: t("stats.action.column"),
    series: decisions,
    rows: actionRows,
    total: { label: t("stats.total"), values: [moderation.total] },
    extra: { header: t("stats.action.median"), cells: moderation.perAction.map((row) => formatDuration(row.medianHours, t)) },
    tableSummary: table,
  };

  const monthRows: ChartRow[] = moderation.perMonth.map((row) => ({ key: row.month, label: formatMonth(row.month, locale), values: [row.count] }));
  const monthChart: ChartSpec = {
    id: "besluiten-per-maand",
    title: t("stats.month.title"),
    description: describe(t, t("stats.month.caption").toLowerCase(), decisions, monthRows),
    caption: t("stats.month.caption"),
    categoryHeader: t("stats.month.column"),
    series: decisions,
    rows: monthRows,
    tableSummary: table,
  };

  const first = participation.weeks[0];
  const last = participation.weeks.at(-1);
  return {
    period: first && last ? t("stats.period", { weeks: STATISTICS_WEEKS, from: `${first.week} (${formatDay(first.start, locale)})`, to: last.week }) : "",
    participation: [weekChart, themeChart],
    moderation: {
      charts: [actionChart, monthChart],
      total: t("stats.moderation.total", { count: moderation.total }),
      median:
        moderation.medianHours === null
          ? t("stats.moderation.noMedian")
          : t("stats.moderation.median", { duration: formatDuration(moderation.medianHours, t), count: moderation.fromQueue }),
    },
  };
});

export default function Statistics() {
  const { period, participation, moderation } = useLoaderData<typeof loader>();
  const t = useTranslate();
  return (
    <>
      <Heading1>{t("stats.title")}</Heading1>
      <Paragraph lead>{t("stats.intro")}</Paragraph>

      <section className="inspraak-section inspraak-stack" aria-labelledby="deelname">
        <Heading2 id="deelname">{t("stats.participation.heading")}</Heading2>
        <Paragraph>{period}</Paragraph>
        <Paragraph>{t("stats.participation.people")}</Paragraph>
        <Paragraph>{t("stats.theme.note")}</Paragraph>
        <Paragraph>{t("stats.totalNote")}</Paragraph>
        {participation.map((chart) => (
          <section key={chart.id} className="inspraak-section" aria-labelledby={`${chart.id}-kop`}>
            <Heading3 id={`${chart.id}-kop`}>{chart.title}</Heading3>
            <BarChart chart={chart} />
          </section>
        ))}
      </section>

      <section className="inspraak-section inspraak-stack" aria-labelledby="moderatie">
        <Heading2 id="moderatie">{t("stats.moderation.heading")}</Heading2>
        <Paragraph>{t("stats.moderation.intro")}</Paragraph>
        <Paragraph>
          {moderation.total} {moderation.median}
        </Paragraph>
        <Paragraph>
          <Link to="/moderatielog" className={linkClass}>
            {t("stats.moderation.log")}
          </Link>
        </Paragraph>
        {moderation.charts.map((chart) => (
          <section key={chart.id} className="inspraak-section" aria-labelledby={`${chart.id}-kop`}>
            <Heading3 id={`${chart.id}-kop`}>{chart.title}</Heading3>
            <BarChart chart={chart} />
          </section>
        ))}
      </section>
    </>
  );
}

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, (t) => ({ title: t("stats.title"), description: t("stats.description") }));
