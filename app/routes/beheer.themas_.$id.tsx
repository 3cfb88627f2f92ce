import type { MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useLocation } from "@remix-run/react";
import { AdminNav } from "#app/components/AdminNav.tsx";
import { ContentForm } from "#app/components/ContentForm.tsx";
import { saveContentForm, type Refusal } from "#app/content-edit.server.ts";
import { StatusMessage } from "#app/components/forms.tsx";
import { DataTable, Heading1, Heading2, linkClass, Paragraph } from "#app/components/nlds.tsx";
import { Text } from "#app/components/Text.tsx";
import { romanNumeral } from "#app/content/format.ts";
import { localize } from "#app/content/localize.ts";
import { parentQuery, themeEditSchema, themeFields } from "#app/forms/content-admin.ts";
import { idParam } from "#app/forms/ids.ts";
import { actionWith, loaderWith } from "#app/guard.server.ts";
import type { MessageKey } from "#app/i18n/index.ts";
import { pageMeta } from "#app/i18n/meta.ts";
import { useTranslate } from "#app/i18n/use-translate.ts";
import { getThemeForEdit, updateTheme } from "#app/themes-admin.server.ts";

function notFound(): never {
  throw new Response("Not Found", { status: 404 });
}

const themeId = (param: string | undefined) => idParam(param) ?? notFound();

export const loader = loaderWith("plans.manage", async ({ request, params, locale }) => {
  const theme = (await getThemeForEdit({ themeId: themeId(params.id) })) ?? notFound();
  const { gedaan } = parentQuery.parse(Object.fromEntries(new URL(request.url).searchParams));
  return {
    id: theme.id,
    version: theme.version,
    number: theme.texts.number,
    slug: theme.texts.slug,
    title: theme.texts.title,
    values: Object.fromEntries(Object.entries(theme.texts).map(([name, value]) => [name, String(value)])),
    moderation: theme.moderation,
    plan: { id: theme.plan.id, title: localize(theme.plan, "title", locale) },
    actionPoints: theme.actionPoints.map((point) => ({ id: point.id, number: point.number, title: localize(point, "title", locale), holder: localize(point, "holder", locale) })),
    done: gedaan ?? null,
  };
});

export const action = actionWith("plans.manage", async ({ request, params, actor }) => {
  const id = themeId(params.id);
  return saveContentForm({
    formData: await request.formData(),
    schema: themeEditSchema,
    save: (texts) => updateTheme({ actorId: actor!.id, themeId: id, ...texts }),
    savedTo: `/beheer/themas/${id}?gedaan=opgeslagen`,
    refusal: (result): Refusal | null => {
      if (result.reason === "slugTaken") return { fieldErrors: { slug: ["contentAdmin.error.slugTaken"] } };
      if (result.reason === "numberTaken") return { fieldErrors: { number: ["contentAdmin.error.themeNumberTaken"] } };
      return null;
    },
  });
});

const moderationSummary: Record<"off" | "new_accounts" | "all", MessageKey> = {
  off: "themeAdmin.summary.off",
  new_accounts: "themeAdmin.summary.newAccounts",
  all: "themeAdmin.summary.all",
};

export default function EditTheme() {
  const theme = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const location = useLocation();
  const t = useTranslate();
  return (
    <>
      <AdminNav />
      <Paragraph>
        <Link to={`/beheer/plannen/${theme.plan.id}`} className={linkClass}>
          <Text value={theme.plan.title} />
        </Link>
      </Paragraph>
      <Heading1>{t("contentAdmin.themes.edit", { numeral: romanNumeral(theme.number), title: theme.title })}</Heading1>
      {theme.done ? <StatusMessage>{t(theme.done === "aangemaakt" ? "contentAdmin.created" : "contentAdmin.saved")}</StatusMessage> : null}
      <Paragraph>
        <Link to={`/thema/${theme.slug}`} className={linkClass}>
          {t("contentAdmin.themes.view")}
        </Link>
      </Paragraph>

      <section className="inspraak-section" aria-labelledby="thema-teksten">
        <Heading2 id="thema-teksten">{t("contentAdmin.themes.texts")}</Heading2>
        <ContentForm
          key={location.key}
          id={`thema-${theme.id}-teksten`}
          schema={themeEditSchema}
          specs={themeFields}
          defaultValue={theme.values}
          hidden={{ version: theme.version }}
          actionData={actionData}
          submitLabel={t("contentAdmin.save")}
        />
      </section>

      <section className="inspraak-section" aria-labelledby="thema-moderatie">
        <Heading2 id="thema-moderatie">{t("contentAdmin.themes.moderation")}</Heading2>
        <Paragraph>
          {t("contentAdmin.themes.moderationNow", {
            summary: t(moderationSummary[theme.moderation.premoderation], { count: theme.moderation.premoderationCount }),
            threshold: theme.moderation.flagThreshold,
          })}
        </Paragraph>
        <Paragraph>
          <Link to={`/beheer/themas#thema-${theme.id}`} className={linkClass}>
            {t("contentAdmin.themes.moderationLink")}
          </Link>
        </Paragraph>
      </section>

      <section className="inspraak-section" aria-labelledby="actiepunten-van-thema">
        <Heading2 id="actiepunten-van-thema">{t("contentAdmin.themes.actionPoints")}</Heading2>
        {theme.actionPoints.length === 0 ? (
          <Paragraph>{t("contentAdmin.themes.noActionPoints")}</Paragraph>
        ) : (
          <DataTable caption={t("contentAdmin.themes.actionPoints")} columns={[t("contentAdmin.column.number"), t("contentAdmin.column.title"), t("contentAdmin.column.holder")]}>
            {theme.actionPoints.map((point) => (
              <tr key={point.id} className="utrecht-table__row">
                <td className="utrecht-table__cell">{point.number}</td>
                <th scope="row" className="utrecht-table__header-cell">
                  <Link to={`/beheer/actiepunten/${point.id}`} className={linkClass}>
                    <Text value={point.title} />
                  </Link>
                </th>
                <td className="utrecht-table__cell">
                  <Text value={point.holder} />
                </td>
              </tr>
            ))}
          </DataTable>
        )}
        <Paragraph>
          <Link to={`/beheer/actiepunten/nieuw?thema=${theme.id}`} className={linkClass}>
            {t("contentAdmin.actionPoints.new")}
          </Link>
        </Paragraph>
      </section>
    </>
  );
}

export const meta: MetaFunction<typeof loader> = ({ matches, data: theme }) =>
  pageMeta(matches, (t) => ({ title: t("contentAdmin.themes.edit", { numeral: theme ? romanNumeral(theme.number) : "", title: theme?.title ?? "" }) }));
