import type { MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { DataTable, Heading1, Heading2, Heading3, linkClass, ListItem, Paragraph, UnorderedList } from "#app/components/nlds.tsx";
import { Text } from "#app/components/Text.tsx";
import { formatDateTime } from "#app/content/dates.ts";
import { romanNumeral } from "#app/content/format.ts";
import { listFeeds } from "#app/feeds.server.ts";
import { loaderWith } from "#app/guard.server.ts";
import { pageMeta } from "#app/i18n/meta.ts";
import { useTranslate } from "#app/i18n/use-translate.ts";
import { distributionPath, FORMATS, OPEN_DATA_LICENCE, publishedDatasets } from "#app/open-data.server.ts";

const CATALOGUE = "/open-data/catalogus.jsonld";

export const loader = loaderWith("public.read", async ({ locale }) => {
  const [sets, feeds] = await Promise.all([publishedDatasets(), listFeeds({ locale })]);
  return {
    licence: OPEN_DATA_LICENCE,
    sets: sets.map((set) => ({
      slug: set.slug,
      title: set.title[locale],
      description: set.description[locale],
      modified: set.modified ? { at: set.modified, text: formatDateTime(set.modified, locale) } : null,
      files: FORMATS.map((format) => ({ format, path: distributionPath(set.slug, format) })),
      fields: set.fields.map((field) => ({ name: field.name, type: field.type, nullable: field.nullable ?? false, meaning: field.description[locale] })),
    })),
    feeds: {
      proposals: feeds.proposals,
      themes: feeds.themes.map((theme) => ({ ...theme, numeral: romanNumeral(theme.number) })),
      actionPoints: feeds.actionPoints,
    },
  };
});

export default function OpenData() {
  const { licence, sets, feeds } = useLoaderData<typeof loader>();
  const t = useTranslate();
  return (
    <>
      <Heading1>{t("openData.title")}</Heading1>
      <Paragraph lead>{t("openData.intro")}</Paragraph>
      <Paragraph>{t("openData.privacy")}</Paragraph>
      <Paragraph>
        {t("openData.licence")}{" "}
        <a href={licence} rel="license" className={linkClass}>
          {t("openData.licenceLink")}
        </a>
      </Paragraph>
      <Paragraph>
        {t("openData.catalogue")}{" "}
        <a href={CATALOGUE} className={linkClass} type="application/ld+json">
          {t("openData.catalogueLink")}
        </a>
      </Paragraph>

      <section className="inspraak-section" aria-labelledby="datasets">
        <Heading2 id="datasets">{t("openData.setsHeading")}</Heading2>
        {sets.map((set) => (
          <section key={set.slug} className="inspraak-section" aria-labelledby={set.slug}>
            <Heading3 id={set.slug}>{set.title}</Heading3>
            <Paragraph>{set.description}</Paragraph>
            <Paragraph>{set.modified ? <time dateTime={set.modified.at}>{t("openData.modified", { date: set.modified.text })}</time> : t("openData.modifiedNever")}</Paragraph>
            <UnorderedList>
              {set.files.map((file) => (
                <ListItem key={file.format}>
                  <a href={file.path} className={linkClass} type={file.format === "csv" ? "text/csv" : "application/json"}>
                    {file.format === "csv" ? t("openData.downloadCsv", { title: set.title }) : t("openData.downloadJson", { title: set.title })}
                  </a>
                </ListItem>
              ))}
            </UnorderedList>
            <DataTable caption={t("openData.fieldsCaption", { title: set.title })} columns={[t("openData.col.name"), t("openData.col.type"), t("openData.col.meaning")]}>
              {set.fields.map((field) => (
                <tr key={field.name} className="utrecht-table__row">
                  <td className="utrecht-table__cell">
                    <code className="utrecht-code">{field.name}</code>
                  </td>
                  <td className="utrecht-table__cell">{field.type}</td>
                  <td className="utrecht-table__cell">
                    {field.meaning}
                    {field.nullable ? ` ${t("openData.nullable")}` : null}
                  </td>
                </tr>
              ))}
            </DataTable>
          </section>
        ))}
      </section>

      <section className="inspraak-section" aria-labelledby="feeds">
        <Heading2 id="feeds">{t("openData.feeds.heading")}</Heading2>
        <Paragraph>{t("openData.feeds.intro")}</Paragraph>
        <UnorderedList>
          <ListItem>
            <a href={feeds.proposals} className={linkClass} type="application/atom+xml">
              {t("openData.feeds.proposals")}
            </a>
          </ListItem>
        </UnorderedList>
        <Heading3>{t("openData.feeds.themes")}</Heading3>
        <UnorderedList>
          {feeds.themes.map((theme) => (
            <ListItem key={theme.path}>
              <a href={theme.path} className={linkClass} type="application/atom+xml">
                {t("theme.label", { numeral: theme.numeral })}: <Text value={theme.title} />
              </a>
            </ListItem>
          ))}
        </UnorderedList>
        <Heading3>{t("openData.feeds.actionPoints")}</Heading3>
        <UnorderedList>
          {feeds.actionPoints.map((point) => (
            <ListItem key={point.path}>
              <a href={point.path} className={linkClass} type="application/atom+xml">
                {point.number}. <Text value={point.title} />
              </a>
            </ListItem>
          ))}
        </UnorderedList>
      </section>
    </>
  );
}

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, (t) => ({ title: t("openData.title"), description: t("openData.intro") }));
