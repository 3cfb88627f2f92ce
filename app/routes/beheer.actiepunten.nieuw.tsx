import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { createActionPoint, getThemeForNewActionPoint } from "#app/actionPoints-admin.server.ts";
import { AdminNav } from "#app/components/AdminNav.tsx";
import { ContentForm, type ContentActionData } from "#app/components/ContentForm.tsx";
import { keepUnsavedForms, splitNotSaved } from "#app/forms/not-saved.ts";
import { Heading1, linkClass, Paragraph } from "#app/components/nlds.tsx";
import { Text } from "#app/components/Text.tsx";
import { romanNumeral } from "#app/content/format.ts";
import { localize } from "#app/content/localize.ts";
import { actionPointCreateSchema, actionPointFields, parentQuery } from "#app/forms/content-admin.ts";
import { actionWith, loaderWith } from "#app/guard.server.ts";
import { pageMeta } from "#app/i18n/meta.ts";
import { newSubmissionKey, submissionKeyOf } from "#app/submissions.server.ts";
import { useTranslate } from "#app/i18n/use-translate.ts";

function notFound(): never {
  throw new Response("Not Found", { status: 404 });
}

/** `/beheer/actiepunten/nieuw?thema=12`: a new action point always belongs to a theme. */
export const loader = loaderWith("plans.manage", async ({ request, locale }) => {
  const { thema } = parentQuery.parse(Object.fromEntries(new URL(request.url).searchParams));
  const theme = (thema && (await getThemeForNewActionPoint({ themeId: thema }))) || notFound();
  return { theme: { id: theme.id, numeral: romanNumeral(theme.number), title: localize(theme, "title", locale) }, nextNumber: theme.nextNumber, submissionKey: newSubmissionKey() };
});

export const action = actionWith("plans.manage", async ({ request, actor }) => {
  const formData = await request.formData();
  const submission = parseWithZod(formData, { schema: actionPointCreateSchema });
  const failed = (errors: { formErrors?: string[]; fieldErrors?: Record<string, string[]> } = {}, status = 400) =>
    data({ result: submission.reply(errors), version: null, current: null } satisfies ContentActionData, { status });
  if (submission.status !== "success") return failed();
  const result = await createActionPoint({ actorId: actor!.id, ...submission.value, submissionKey: submissionKeyOf(formData) });
  if (result.ok) throw redirect(`/beheer/actiepunten/${result.actionPointId}?gedaan=aangemaakt`);
  switch (result.reason) {
    case "slugTaken":
      return failed({ fieldErrors: { slug: ["contentAdmin.error.slugTaken"] } });
    case "numberTaken":
      return failed({ fieldErrors: { number: ["contentAdmin.error.actionPointNumberTaken"] } });
    case "keyReused":
      return failed({ formErrors: ["submission.keyReused"] }, 422);
    default:
      return failed({ formErrors: ["contentAdmin.error.unknownTheme"] });
  }
});

export const clientAction = keepUnsavedForms<typeof action>();

export default function NewActionPoint() {
  const { theme, nextNumber, submissionKey } = useLoaderData<typeof loader>();
  const { reply: actionData, notSaved } = splitNotSaved(useActionData<typeof clientAction>());
  const t = useTranslate();
  return (
    <>
      <AdminNav />
      <Paragraph>
        <Link to={`/beheer/themas/${theme.id}`} className={linkClass}>
          {theme.numeral} <Text value={theme.title} />
        </Link>
      </Paragraph>
      <Heading1>{t("contentAdmin.actionPoints.newFor", { numeral: theme.numeral, theme: theme.title.text })}</Heading1>
      <Paragraph>{t("contentAdmin.actionPoints.newIntro")}</Paragraph>
      <ContentForm
        id="nieuw-actiepunt"
        schema={actionPointCreateSchema}
        specs={actionPointFields}
        defaultValue={{ number: String(nextNumber) }}
        hidden={{ themeId: String(theme.id) }}
        actionData={actionData}
        notSaved={notSaved}
        submitLabel={t("contentAdmin.actionPoints.create")}
        submissionKey={submissionKey}
      />
    </>
  );
}

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, (t) => ({ title: t("contentAdmin.actionPoints.new") }));
