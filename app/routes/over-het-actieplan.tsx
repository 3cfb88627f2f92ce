import type { MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { Heading1 } from "#app/components/nlds.tsx";
import { Blocks } from "#app/components/Blocks.tsx";
import { loaderWith } from "#app/guard.server.ts";
import { pageMeta } from "#app/i18n/meta.ts";
import { useTranslate } from "#app/i18n/use-translate.ts";
import { getPlanAbout } from "#app/plans.server.ts";

export const loader = loaderWith("public.read", async ({ locale }) => {
  const about = await getPlanAbout({ locale: locale });
  if (!about) throw new Response("Not Found", { status: 404 });
  return about;
});

export default function AboutPlan() {
  const about = useLoaderData<typeof loader>();
  const t = useTranslate();
  return (
    <>
      <Heading1>{t("about.heading", { plan: about.title.text })}</Heading1>
      <Blocks value={about.about} headingLevel={2} />
    </>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  pageMeta(matches, (t) => (data ? { title: t("about.heading", { plan: data.title.text }) } : null));
