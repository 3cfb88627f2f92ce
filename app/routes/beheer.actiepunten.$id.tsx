import type { MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useLocation } from "@remix-run/react";
import { updateActionPoint, getActionPointForEdit } from "#app/actionPoints-admin.server.ts";
import { AdminNav } from "#app/components/AdminNav.tsx";
import { ContentForm } from "#app/components/ContentForm.tsx";
import { saveContentForm, type Refusal } from "#app/content-edit.server.ts";
import { StatusMessage } from "#app/components/forms.tsx";
import { Heading1, linkClass, Paragraph } from "#app/components/nlds.tsx";
import { Text } from "#app/components/Text.tsx";
import { romanNumeral } from "#app/content/format.ts";
import { localize } from "#app/content/localize.ts";
import { actionPointEditSchema, actionPointFields, parentQuery } from "#app/forms/content-admin.ts";
import { idParam } from "#app/forms/ids.ts";
import { actionWith, loaderWith } from "#app/guard.server.ts";
import { pageMeta } from "#app/i18n/meta.ts";
import { useTranslate } from "#app/i18n/use-translate.ts";

function notFound(): never {
  throw new Response("Not Found", { status: 404 });
}

const actionPointId = (param: string | undefined) => idParam(param) ?? notFound();

export const loader = loaderWith("plans.manage", async ({ request, params, locale }) => {
  const point = (await getActionPointForEdit({ actionPointId: actionPointId(params.id) })) ?? notFound();
  const { gedaan } = parentQuery.parse(Object.fromEntries(new URL(request.url).searchParams));
  return {
    id: point.id,
    version: point.version,
    number: point.texts.number,
    slug: point.texts.slug,
    title: point.texts.title,
    values: Object.fromEntries(Object.entries(point.texts).map(([name, value]) => [name, String(value)])),
    theme: { id: point.theme.id, numeral: romanNumeral(point.theme.number), title: localize(point.theme, "title", locale) },
    done: gedaan ?? null,
  };
});

export const action = actionWith("plans.manage", async ({ request, params, actor }) => {
  const id = actionPointId(params.id);
  return saveContentForm({
    formData: await request.formData(),
    schema: actionPointEditSchema,
    save: (texts) => updateActionPoint({ actorId: actor!.id, actionPointId: id, ...texts }),
    savedTo: `/beheer/actiepunten/${id}?gedaan=opgeslagen`,
    refusal: (result): Refusal | null => {
      if (result.reason === "slugTaken") return { fieldErrors: { slug: ["contentAdmin.error.slugTaken"] } };
      if (result.reason === "numberTaken") return { fieldErrors: { number: ["contentAdmin.error.actionPointNumberTaken"] } };
      return null;
    },
  });
});

export default function EditActionPoint() {
  const point = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const location = useLocation();
  const t = useTranslate();
  return (
    <>
      <AdminNav />
      <Paragraph>
        <Link to={`/beheer/themas/${point.theme.id}`} className={linkClass}>
          {point.theme.numeral} <Text value={point.theme.title} />
        </Link>
      </Paragraph>
      <Heading1>{t("contentAdmin.actionPoints.edit", { number: point.number, title: point.title })}</Heading1>
      {point.done ? <StatusMessage>{t(point.done === "aangemaakt" ? "contentAdmin.created" : "contentAdmin.saved")}</StatusMessage> : null}
      <Paragraph>
        <Link to={`/actiepunt/${point.slug}`} className={linkClass}>
          {t("contentAdmin.actionPoints.view")}
        </Link>
      </Paragraph>
      <ContentForm
        key={location.key}
        id={`actiepunt-${point.id}-teksten`}
        schema={actionPointEditSchema}
        specs={actionPointFields}
        defaultValue={point.values}
        hidden={{ version: point.version }}
        actionData={actionData}
        submitLabel={t("contentAdmin.save")}
      />
    </>
  );
}

export const meta: MetaFunction<typeof loader> = ({ matches, data: point }) =>
  pageMeta(matches, (t) => ({ title: t("contentAdmin.actionPoints.edit", { number: point?.number ?? "", title: point?.title ?? "" }) }));
