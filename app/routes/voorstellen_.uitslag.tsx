import type { MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { DataTable, Heading1, Heading2, Heading3, linkClass, ListItem, OrderedList, Paragraph, UnorderedList } from "#app/components/nlds.tsx";
import { Text } from "#app/components/Text.tsx";
import { romanNumeral } from "#app/content/format.ts";
import { loaderWith } from "#app/guard.server.ts";
import { pageMeta } from "#app/i18n/meta.ts";
import { useTranslate } from "#app/i18n/use-translate.ts";
import { getTallyReport, supportWindowMessage } from "#app/supports.server.ts";

const CSV = "/open-data/steunbetuigingen.csv";
const JSON_FILE = "/open-data/steunbetuigingen.json";

export const loader = loaderWith("public.read", async ({ request, locale, t }) => {
  const report = await getTallyReport({ locale });
  if (!report) throw new Response("Not Found", { status: 404 });
  return { ...report, windowText: supportWindowMessage(report.plan.supportWindow, t, locale), csvUrl: new URL(CSV, request.url).href };
});

export default function Tally() {
  const { plan, themes, supports, supporters, windowText, csvUrl } = useLoaderData<typeof loader>();
  const t = useTranslate();
  return (
    <>
      <Heading1>{t("tally.title")}</Heading1>
      <Paragraph lead>{t("tally.intro", { plan: plan.title.text })}</Paragraph>
      <Paragraph>{windowText}</Paragraph>
      <Paragraph>{t("tally.totals", { supports, supporters })}</Paragraph>

      {themes.map((theme) => {
        const numeral = romanNumeral(theme.number);
        return (
          <section key={theme.id} className="inspraak-section" aria-labelledby={`thema-${theme.slug}`}>
            <Heading2 id={`thema-${theme.slug}`}>
              {t("theme.label", { numeral })}: <Text value={theme.title} />
            </Heading2>
            {theme.proposals.length === 0 ? (
              <Paragraph>{t("tally.noProposals")}</Paragraph>
            ) : (
              <DataTable caption={t("tally.caption", { numeral })} columns={[t("tally.proposal"), t("tally.supports")]}>
                {theme.proposals.map((proposal) => (
                  <tr key={proposal.id} className="utrecht-table__row">
                    <td className="utrecht-table__cell">
                      <Link to={`/voorstel/${proposal.id}`} className={linkClass}>
                        {proposal.title}
                      </Link>
                    </td>
                    <td className="utrecht-table__cell utrecht-table__cell--numeric-data">{proposal.supports}</td>
                  </tr>
                ))}
              </DataTable>
            )}
            <Paragraph>{t("tally.themeTotals", { supports: theme.supports, supporters: theme.supporters })}</Paragraph>
          </section>
        );
      })}

      <section className="inspraak-section" aria-labelledby="natellen">
        <Heading2 id="natellen">{t("tally.recount.heading")}</Heading2>
        <Paragraph>{t("tally.recount.intro")}</Paragraph>
        <UnorderedList>
          <ListItem>
            <a href={CSV} className={linkClass} type="text/csv">
              {t("tally.recount.csv")}
            </a>
          </ListItem>
          <ListItem>
            <a href={JSON_FILE} className={linkClass} type="application/json">
              {t("tally.recount.json")}
            </a>
          </ListItem>
        </UnorderedList>
        <Paragraph>
          <a href="https://creativecommons.org/publicdomain/zero/1.0/" rel="license" className={linkClass}>
            {t("tally.recount.licence")}
          </a>
        </Paragraph>
        <Heading3>{t("tally.recount.stepsHeading")}</Heading3>
        <OrderedList>
          <ListItem ordered>{t("tally.recount.step1")}</ListItem>
          <ListItem ordered>{t("tally.recount.step2")}</ListItem>
          <ListItem ordered>{t("tally.recount.step3")}</ListItem>
        </OrderedList>
        <Paragraph>{t("tally.recount.command")}</Paragraph>
        <pre lang="en" style={{ whiteSpace: "pre-wrap", overflowWrap: "anywhere" }}>
          <code>
            {`curl -s ${csvUrl} > steunbetuigingen.csv\n`}
            {`# supports per proposal\ntail -n +2 steunbetuigingen.csv | cut -d, -f1 | sort -n | uniq -c\n`}
            {`# prints nothing when no one supports a proposal twice\ntail -n +2 steunbetuigingen.csv | cut -d, -f1,2 | sort | uniq -d`}
          </code>
        </pre>
      </section>
    </>
  );
}

export const meta: MetaFunction<typeof loader> = ({ matches }) => pageMeta(matches, (t) => ({ title: t("tally.title") }));
