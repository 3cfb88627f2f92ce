import type { MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { Heading1, Heading2, Heading3, Paragraph } from "#app/components/nlds.tsx";
import { Breadcrumbs } from "#app/components/Breadcrumbs.tsx";
import { FollowButton } from "#app/components/FollowButton.tsx";
import { isFollowing, themeIdBySlug } from "#app/notifications.server.ts";
import { Text } from "#app/components/Text.tsx";
import { romanNumeral } from "#app/content/format.ts";
import { loaderWith } from "#app/guard.server.ts";
import { pageMeta } from "#app/i18n/meta.ts";
import { useTranslate } from "#app/i18n/use-translate.ts";
import { getTheme } from "#app/themes.server.ts";

export const loader = loaderWith("public.read", async ({ locale, params, actor }) => {
  const theme = await getTheme({ slug: params.slug ?? "", locale: locale });
  if (!theme) throw new Response("Not Found", { status: 404 });
  const themeId = (await themeIdBySlug({ slug: theme.slug }))!;
  return { ...theme, themeId, following: actor ? await isFollowing({ userId: actor.id, subjectType: "theme", subjectId: themeId }) : false };
});

export default function ThemePage() {
  const theme = useLoaderData<typeof loader>();
  const t = useTranslate();
  const numeral = romanNumeral(theme.number);
  return (
    <>
      <Breadcrumbs
        items={[
          { to: "/", label: theme.plan.title.text, lang: theme.plan.title.lang },
          { to: `/thema/${theme.slug}`, label: theme.title.text, lang: theme.title.lang },
        ]}
      />
      <p className="utrecht-pre-heading">{t("theme.ofPlan", { numeral, plan: theme.plan.title.text })}</p>
      <Heading1>
        <Text value={theme.title} />
      </Heading1>
      <FollowButton subjectType="theme" subjectId={theme.themeId} following={theme.following} subject={theme.title.text} />
      <Text as="p" className="utrecht-paragraph utrecht-paragraph--lead" value={theme.description} />

      <section className="inspraak-section" aria-labelledby="actiepunten">
        <Heading2 id="actiepunten">{t("theme.actionPointsHeading")}</Heading2>
        {theme.actionPoints.length === 0 ? (
          <Paragraph>{t("theme.noActionPoints")}</Paragraph>
        ) : (
          <ul className="inspraak-stack" style={{ listStyle: "none", padding: 0 }}>
            {theme.actionPoints.map((point) => (
              <li key={point.slug} className="inspraak-card">
                <Heading3>
                  <Link to={`/actiepunt/${point.slug}`} className="utrecht-link utrecht-link--html-a">
                    {t("actionPoint.label", { number: point.number })}: <Text value={point.title} />
                  </Link>
                </Heading3>
                <Paragraph>
                  {t("actionPoint.holder")}: <Text value={point.holder} />
                </Paragraph>
                <Text as="p" className="utrecht-paragraph" value={point.summary} />
              </li>
            ))}
          </ul>
        )}
      </section>

      <nav className="inspraak-section" aria-labelledby="andere-themas">
        <Heading2 id="andere-themas">{t("theme.otherThemes")}</Heading2>
        <ul className="utrecht-unordered-list">
          {theme.otherThemes.map((other) => (
            <li key={other.slug} className="utrecht-unordered-list__item">
              <Link to={`/thema/${other.slug}`} className="utrecht-link utrecht-link--html-a">
                {romanNumeral(other.number)} <Text value={other.title} />
              </Link>
            </li>
          ))}
        </ul>
      </nav>
    </>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  pageMeta(matches, (t) =>
    data ? { title: `${t("theme.label", { numeral: romanNumeral(data.number) })}: ${data.title.text}`, description: data.description.text } : null,
  );
