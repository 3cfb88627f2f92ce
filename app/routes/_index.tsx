import type { MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { Heading1, Heading2, Heading3, Paragraph } from "#app/components/nlds.tsx";
import { Blocks } from "#app/components/Blocks.tsx";
import { Text } from "#app/components/Text.tsx";
import { UpdateList } from "#app/components/UpdateList.tsx";
import { romanNumeral } from "#app/content/format.ts";
import { loaderWith } from "#app/guard.server.ts";
import { pageMeta } from "#app/i18n/meta.ts";
import { useTranslate } from "#app/i18n/use-translate.ts";
import { getPlanOverview } from "#app/plans.server.ts";

export const loader = loaderWith("public.read", async ({ locale }) => {
  const overview = await getPlanOverview({ locale: locale });
  if (!overview) throw new Response("Not Found", { status: 404 });
  return overview;
});

export default function PlanOverview() {
  const { plan, themes, actionPointCount, updates, draftingPlan } = useLoaderData<typeof loader>();
  const t = useTranslate();
  return (
    <>
      <Heading1>
        <Text value={plan.title} />
      </Heading1>
      <Blocks value={plan.intro} />
      <Paragraph>
        <Link to="/over-het-actieplan" className="utrecht-link utrecht-link--html-a">
          {t("home.readAbout")}
        </Link>
      </Paragraph>

      <section className="inspraak-section" aria-labelledby="themas">
        <Heading2 id="themas">{t("home.themesHeading", { themes: themes.length, actionPoints: actionPointCount })}</Heading2>
        <Paragraph>{t("home.themesIntro")}</Paragraph>
        <ul className="inspraak-theme-list">
          {themes.map((theme) => (
            <li key={theme.slug} className="inspraak-card">
              <Heading3>
                <Link to={`/thema/${theme.slug}`} className="utrecht-link utrecht-link--html-a">
                  {romanNumeral(theme.number)} <Text value={theme.title} />
                </Link>
              </Heading3>
              <Text as="p" className="utrecht-paragraph" value={theme.description} />
              <ul className="utrecht-unordered-list">
                {theme.actionPoints.map((point) => (
                  <li key={point.slug} className="utrecht-unordered-list__item">
                    <Link to={`/actiepunt/${point.slug}`} className="utrecht-link utrecht-link--html-a">
                      {point.number}. <Text value={point.title} />
                    </Link>
                    <br />
                    <small>
                      {t("actionPoint.holder")}: <Text value={point.holder} />
                    </small>
                  </li>
                ))}
              </ul>
            </li>
          ))}
        </ul>
      </section>

      <section className="inspraak-section" aria-labelledby="voortgang">
        <Heading2 id="voortgang">{t("home.progressHeading")}</Heading2>
        <UpdateList updates={updates} headingLevel={3} />
      </section>

      {draftingPlan ? (
        <section className="inspraak-section" aria-labelledby="volgend-plan">
          <Heading2 id="volgend-plan">{t("home.nextPlanHeading", { plan: draftingPlan.title.text })}</Heading2>
          <Blocks value={draftingPlan.intro} />
          <Paragraph>
            <Link to="/voorstellen" className="utrecht-link utrecht-link--html-a">
              {t("home.toProposals")}
            </Link>
          </Paragraph>
        </section>
      ) : null}
    </>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  pageMeta(matches, () => (data ? { title: data.plan.title.text } : null));
