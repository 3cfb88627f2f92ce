import type { MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { Heading1, Heading2, Heading3, Paragraph } from "#app/components/nlds.tsx";
import { getActionPoint } from "#app/actionPoints.server.ts";
import { Blocks } from "#app/components/Blocks.tsx";
import { Breadcrumbs } from "#app/components/Breadcrumbs.tsx";
import { Text } from "#app/components/Text.tsx";
import { UpdateList } from "#app/components/UpdateList.tsx";
import { romanNumeral } from "#app/content/format.ts";
import { loaderWith } from "#app/guard.server.ts";
import { pageMeta } from "#app/i18n/meta.ts";
import { useTranslate } from "#app/i18n/use-translate.ts";

export const loader = loaderWith("public.read", async ({ locale, params }) => {
  const actionPoint = await getActionPoint({ slug: params.slug ?? "", locale: locale });
  if (!actionPoint) throw new Response("Not Found", { status: 404 });
  return actionPoint;
});

export default function ActionPointPage() {
  const point = useLoaderData<typeof loader>();
  const t = useTranslate();
  return (
    <>
      <Breadcrumbs
        items={[
          { to: "/", label: point.plan.title.text, lang: point.plan.title.lang },
          { to: `/thema/${point.theme.slug}`, label: point.theme.title.text, lang: point.theme.title.lang },
          { to: `/actiepunt/${point.slug}`, label: point.title.text, lang: point.title.lang },
        ]}
      />
      <p className="utrecht-pre-heading">{t("actionPoint.label", { number: point.number })}</p>
      <Heading1>
        <Text value={point.title} />
      </Heading1>

      <section className="inspraak-section" aria-labelledby="gegevens">
        <h2 id="gegevens" className="utrecht-heading-2">
          {t("actionPoint.facts")}
        </h2>
        <dl className="inspraak-facts">
          <dt>{t("actionPoint.theme")}</dt>
          <dd>
            <Link to={`/thema/${point.theme.slug}`} className="utrecht-link utrecht-link--html-a">
              {romanNumeral(point.theme.number)} <Text value={point.theme.title} />
            </Link>
          </dd>
          <dt>{t("actionPoint.holder")}</dt>
          <dd>
            <Text value={point.holder} />
          </dd>
          {point.partners.text ? (
            <>
              <dt>{t("actionPoint.partners")}</dt>
              <dd>
                <Text value={point.partners} />
              </dd>
            </>
          ) : null}
        </dl>
      </section>

      <section className="inspraak-section" aria-labelledby="beschrijving">
        <Heading2 id="beschrijving">{t("actionPoint.description")}</Heading2>
        <Blocks value={point.body} />
      </section>

      <section className="inspraak-section" aria-labelledby="bijdrage">
        <Heading2 id="bijdrage">{t("actionPoint.contribution")}</Heading2>
        <Blocks value={point.contribution} />
      </section>

      <section className="inspraak-section" aria-labelledby="voortgang">
        <Heading2 id="voortgang">{t("actionPoint.updatesHeading")}</Heading2>
        <Heading3>{t("actionPoint.ownUpdates")}</Heading3>
        {point.ownUpdates.length === 0 ? (
          <Paragraph>{t("actionPoint.noOwnUpdates")}</Paragraph>
        ) : (
          <UpdateList updates={point.ownUpdates} headingLevel={4} />
        )}
        {point.planUpdates.length > 0 ? (
          <>
            <Heading3>{t("actionPoint.planUpdates")}</Heading3>
            <UpdateList updates={point.planUpdates} headingLevel={4} />
          </>
        ) : null}
      </section>

      <nav className="inspraak-section inspraak-pager" aria-label={t("actionPoint.pager")}>
        {point.previous ? (
          <Link to={`/actiepunt/${point.previous.slug}`} rel="prev" className="utrecht-link utrecht-link--html-a">
            ← {t("actionPoint.previous")}: {point.previous.number}. <Text value={point.previous.title} />
          </Link>
        ) : (
          <span />
        )}
        {point.next ? (
          <Link to={`/actiepunt/${point.next.slug}`} rel="next" className="utrecht-link utrecht-link--html-a">
            {t("actionPoint.next")}: {point.next.number}. <Text value={point.next.title} /> →
          </Link>
        ) : null}
      </nav>
    </>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  pageMeta(matches, (t) =>
    data ? { title: `${t("actionPoint.label", { number: data.number })}: ${data.title.text}`, description: data.summary.text } : null,
  );
