import type { MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useLocation } from "@remix-run/react";
import { AdminNav } from "#app/components/AdminNav.tsx";
import { ContentForm } from "#app/components/ContentForm.tsx";
import { saveContentForm, type Refusal } from "#app/content-edit.server.ts";
import { StatusMessage } from "#app/components/forms.tsx";
import { Text } from "#app/components/Text.tsx";
import { DataTable, Heading1, Heading2, linkClass, Paragraph } from "#app/components/nlds.tsx";
import { romanNumeral } from "#app/content/format.ts";
import { localize } from "#app/content/localize.ts";
import { parentQuery, planEditSchema, planFields } from "#app/forms/content-admin.ts";
import { idParam } from "#app/forms/ids.ts";
import { actionWith, loaderWith } from "#app/guard.server.ts";
import { pageMeta } from "#app/i18n/meta.ts";
import { useTranslate } from "#app/i18n/use-translate.ts";
import { getPlanForEdit, updatePlan } from "#app/plans-admin.server.ts";

function notFound(): never {
  throw new Response("Not Found", { status: 404 });
}

const planId = (param: string | undefined) => idParam(param) ?? notFound();

export const loader = loaderWith("plans.manage", async ({ request, params, locale }) => {
  const plan = (await getPlanForEdit({ planId: planId(params.id) })) ?? notFound();
  const { gedaan } = parentQuery.parse(Object.fromEntries(new URL(request.url).searchParams));
  return {
    id: plan.id,
    slug: plan.slug,
    version: plan.version,
    title: plan.texts.title,
    values: Object.fromEntries(Object.entries(plan.texts).map(([name, value]) => [name, String(value)])),
    themes: plan.themes.map((theme) => ({ id: theme.id, number: theme.number, slug: theme.slug, title: localize(theme, "title", locale), actionPointCount: theme.actionPointCount })),
    done: gedaan ?? null,
  };
});

export const action = actionWith("plans.manage", async ({ request, params, actor, t }) => {
  const id = planId(params.id);
  return saveContentForm({
    formData: await request.formData(),
    schema: planEditSchema,
    save: (texts) => updatePlan({ actorId: actor!.id, planId: id, ...texts }),
    savedTo: `/beheer/plannen/${id}?gedaan=opgeslagen`,
    refusal: (result): Refusal | null => {
      if (result.reason === "slugTaken") return { fieldErrors: { slug: ["contentAdmin.error.slugTaken"] } };
      if (result.reason === "otherCurrent" || result.reason === "otherDrafting") return { fieldErrors: { status: [t(`contentAdmin.error.${result.reason}`, { plan: result.currentTitle })] } };
      return null;
    },
  });
});

export default function EditPlan() {
  const plan = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const location = useLocation();
  const t = useTranslate();
  return (
    <>
      <AdminNav />
      <Heading1>{t("contentAdmin.plans.edit", { title: plan.title })}</Heading1>
      {plan.done ? <StatusMessage>{t(plan.done === "aangemaakt" ? "contentAdmin.created" : "contentAdmin.saved")}</StatusMessage> : null}
      <Paragraph>{t("contentAdmin.plans.slugFixed", { slug: plan.slug })}</Paragraph>
      <Paragraph>
        <Link to={`/beheer/plannen#plan-${plan.id}`} className={linkClass}>
          {t("contentAdmin.plans.windowsLink")}
        </Link>
      </Paragraph>
      <ContentForm
        key={location.key}
        id={`plan-${plan.id}-teksten`}
        schema={planEditSchema}
        specs={planFields}
        defaultValue={plan.values}
        hidden={{ version: plan.version }}
        actionData={actionData}
        submitLabel={t("contentAdmin.save")}
      />

      <section className="inspraak-section" aria-labelledby="themas-van-plan">
        <Heading2 id="themas-van-plan">{t("contentAdmin.plans.themes")}</Heading2>
        {plan.themes.length === 0 ? (
          <Paragraph>{t("contentAdmin.plans.noThemes")}</Paragraph>
        ) : (
          <DataTable caption={t("contentAdmin.plans.themes")} columns={[t("contentAdmin.column.number"), t("contentAdmin.column.title"), t("contentAdmin.plans.actionPointCount")]}>
            {plan.themes.map((theme) => (
              <tr key={theme.id} className="utrecht-table__row">
                <td className="utrecht-table__cell">{romanNumeral(theme.number)}</td>
                <th scope="row" className="utrecht-table__header-cell">
                  <Link to={`/beheer/themas/${theme.id}`} className={linkClass}>
                    <Text value={theme.title} />
                  </Link>
                </th>
                <td className="utrecht-table__cell">{theme.actionPointCount}</td>
              </tr>
            ))}
          </DataTable>
        )}
        <Paragraph>
          <Link to={`/beheer/themas/nieuw?plan=${plan.id}`} className={linkClass}>
            {t("contentAdmin.themes.new")}
          </Link>
        </Paragraph>
      </section>
    </>
  );
}

export const meta: MetaFunction<typeof loader> = ({ matches, data: plan }) => pageMeta(matches, (t) => ({ title: t("contentAdmin.plans.edit", { title: plan?.title ?? "" }) }));
