import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { AdminNav } from "#app/components/AdminNav.tsx";
import { ContentForm, type ContentActionData } from "#app/components/ContentForm.tsx";
import { keepUnsavedForms, splitNotSaved } from "#app/forms/not-saved.ts";
import { Heading1, linkClass, Paragraph } from "#app/components/nlds.tsx";
import { Text } from "#app/components/Text.tsx";
import { localize } from "#app/content/localize.ts";
import { parentQuery, themeCreateSchema, themeFields } from "#app/forms/content-admin.ts";
import { actionWith, loaderWith } from "#app/guard.server.ts";
import { pageMeta } from "#app/i18n/meta.ts";
import { useTranslate } from "#app/i18n/use-translate.ts";
import { newSubmissionKey, submissionKeyOf } from "#app/submissions.server.ts";
import { createTheme, getPlanForNewTheme } from "#app/themes-admin.server.ts";

function notFound(): never {
  throw new Response("Not Found", { status: 404 });
}

/** `/beheer/themas/nieuw?plan=12`: a new theme always belongs to a plan. */
export const loader = loaderWith("plans.manage", async ({ request, locale }) => {
  const { plan: planId } = parentQuery.parse(Object.fromEntries(new URL(request.url).searchParams));
  const plan = (planId && (await getPlanForNewTheme({ planId }))) || notFound();
  return { plan: { id: plan.id, title: localize(plan, "title", locale), period: plan.period }, nextNumber: plan.nextNumber, submissionKey: newSubmissionKey() };
});

export const action = actionWith("plans.manage", async ({ request, actor }) => {
  const formData = await request.formData();
  const submission = parseWithZod(formData, { schema: themeCreateSchema });
  const failed = (errors: { formErrors?: string[]; fieldErrors?: Record<string, string[]> } = {}, status = 400) =>
    data({ result: submission.reply(errors), version: null, current: null } satisfies ContentActionData, { status });
  if (submission.status !== "success") return failed();
  const result = await createTheme({ actorId: actor!.id, ...submission.value, submissionKey: submissionKeyOf(formData) });
  if (result.ok) throw redirect(`/beheer/themas/${result.themeId}?gedaan=aangemaakt`);
  switch (result.reason) {
    case "slugTaken":
      return failed({ fieldErrors: { slug: ["contentAdmin.error.slugTaken"] } });
    case "numberTaken":
      return failed({ fieldErrors: { number: ["contentAdmin.error.themeNumberTaken"] } });
    case "keyReused":
      return failed({ formErrors: ["submission.keyReused"] }, 422);
    default:
      return failed({ formErrors: ["contentAdmin.error.unknownPlan"] });
  }
});

export const clientAction = keepUnsavedForms<typeof action>();

export default function NewTheme() {
  const { plan, nextNumber, submissionKey } = useLoaderData<typeof loader>();
  const { reply: actionData, notSaved } = splitNotSaved(useActionData<typeof clientAction>());
  const t = useTranslate();
  return (
    <>
      <AdminNav />
      <Paragraph>
        <Link to={`/beheer/plannen/${plan.id}`} className={linkClass}>
          <Text value={plan.title} />
        </Link>
      </Paragraph>
      <Heading1>{t("contentAdmin.themes.newFor", { plan: plan.title.text })}</Heading1>
      <Paragraph>{t("contentAdmin.themes.newIntro")}</Paragraph>
      <ContentForm
        id="nieuw-thema"
        schema={themeCreateSchema}
        specs={themeFields}
        defaultValue={{ number: String(nextNumber) }}
        hidden={{ planId: String(plan.id) }}
        actionData={actionData}
        notSaved={notSaved}
        submitLabel={t("contentAdmin.themes.create")}
        submissionKey={submissionKey}
      />
    </>
  );
}

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, (t) => ({ title: t("contentAdmin.themes.new") }));
