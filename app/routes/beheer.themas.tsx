import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useLocation } from "@remix-run/react";
import { z } from "zod";
import { AdminNav } from "#app/components/AdminNav.tsx";
import { FormErrors, StatusMessage, TextField, useErrorText } from "#app/components/forms.tsx";
import { DataTable, Heading1, Heading2, Heading3, linkClass, Paragraph } from "#app/components/nlds.tsx";
import { Text } from "#app/components/Text.tsx";
import { romanNumeral } from "#app/content/format.ts";
import { localize } from "#app/content/localize.ts";
import { actionWith, loaderWith } from "#app/guard.server.ts";
import type { MessageKey } from "#app/i18n/index.ts";
import { pageMeta } from "#app/i18n/meta.ts";
import { useTranslate } from "#app/i18n/use-translate.ts";
import { listThemesForAdmin, updateThemeModeration } from "#app/themes-admin.server.ts";

/** The same modes and ranges as app/themes-admin.server.ts, here because the form also checks them in the browser. */
const MODES = ["off", "new_accounts", "all"] as const;
const COUNT_MAX = 50;
const THRESHOLD_MAX = 20;
const unknownTheme = { error: "themeAdmin.error.unknownTheme" };
const countError = { error: "themeAdmin.error.count" };
const thresholdError = { error: "themeAdmin.error.threshold" };

const themeSettingsSchema = z.object({
  themeId: z.number(unknownTheme).int(unknownTheme).min(1, unknownTheme).max(2_147_483_647, unknownTheme),
  premoderation: z.enum(MODES, { error: "themeAdmin.error.mode" }),
  premoderationCount: z.number(countError).int(countError).min(1, countError).max(COUNT_MAX, countError),
  flagThreshold: z.number(thresholdError).int(thresholdError).min(1, thresholdError).max(THRESHOLD_MAX, thresholdError),
});

/** `?gedaan=thema-12` after saving theme 12: an unknown value is simply ignored. */
const pageQuery = z.object({
  gedaan: z
    .string()
    .regex(/^thema-[1-9][0-9]{0,9}$/)
    .transform((value) => Number(value.slice("thema-".length)))
    .optional()
    .catch(undefined),
});

export const loader = loaderWith("plans.manage", async ({ request, locale }) => {
  const rows = await listThemesForAdmin();
  const { gedaan } = pageQuery.parse(Object.fromEntries(new URL(request.url).searchParams));
  const themes = rows.map((row) => ({
    id: row.id,
    number: row.number,
    title: localize(row, "title", locale),
    plan: { id: row.plan.id, title: localize(row.plan, "title", locale), period: row.plan.period },
    premoderation: row.premoderation,
    premoderationCount: row.premoderationCount,
    flagThreshold: row.flagThreshold,
  }));
  const done = themes.find((theme) => theme.id === gedaan);
  return { themes, done: done ? { title: done.title.text } : null };
});

/** Values this long are never sent back into the form: they cannot be right. */
const ECHO_MAX = 100;

export const action = actionWith("plans.manage", async ({ request, actor }) => {
  const formData = await request.formData();
  const submission = parseWithZod(formData, { schema: themeSettingsSchema });
  const hideFields = [...formData.entries()].filter(([, value]) => typeof value !== "string" || value.length > ECHO_MAX).map(([name]) => name);
  const themeId = themeSettingsSchema.shape.themeId.safeParse(Number(formData.get("themeId"))).data ?? null;
  if (submission.status !== "success") return data({ themeId, result: submission.reply({ hideFields }) }, { status: 400 });
  const { value } = submission;
  const result = await updateThemeModeration({ actorId: actor!.id, ...value });
  if (result.ok) throw redirect(`/beheer/themas?gedaan=thema-${value.themeId}`);
  const failure = result.reason === "unknownTheme" ? { themeId: null, message: "themeAdmin.error.unknownTheme", status: 404 } : { themeId: value.themeId, message: "themeAdmin.error.invalid", status: 400 };
  return data({ themeId: failure.themeId, result: submission.reply({ formErrors: [failure.message], hideFields }) }, { status: failure.status });
});

type ThemeView = ReturnType<typeof useLoaderData<typeof loader>>["themes"][number];

const modeLabels: Record<(typeof MODES)[number], { label: MessageKey; summary: MessageKey }> = {
  off: { label: "themeAdmin.mode.off", summary: "themeAdmin.summary.off" },
  new_accounts: { label: "themeAdmin.mode.newAccounts", summary: "themeAdmin.summary.newAccounts" },
  all: { label: "themeAdmin.mode.all", summary: "themeAdmin.summary.all" },
};


function SettingsForm({ theme, lastResult }: { theme: ThemeView; lastResult: SubmissionResult<string[]> | undefined }) {
  const t = useTranslate();
  const errorText = useErrorText();
  const [form, fields] = useForm({
    id: `thema-${theme.id}-form`,
    lastResult,
    defaultValue: { themeId: String(theme.id), premoderation: theme.premoderation, premoderationCount: String(theme.premoderationCount), flagThreshold: String(theme.flagThreshold) },
    constraint: getZodConstraint(themeSettingsSchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: themeSettingsSchema }),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
  });
  const modeErrors = fields.premoderation.errors ?? [];
  return (
    <Form method="post" action="/beheer/themas" {...getFormProps(form)} className="inspraak-form">
      <FormErrors form={form} />
      <input type="hidden" name="themeId" value={theme.id} />
      <fieldset
        className="utrecht-form-fieldset utrecht-form-fieldset--html-fieldset"
        aria-describedby={modeErrors.length ? fields.premoderation.errorId : undefined}
        aria-invalid={modeErrors.length ? true : undefined}
      >
        <legend className="utrecht-form-fieldset__legend utrecht-form-fieldset__legend--html-legend">
          <Heading3>{t("themeAdmin.mode.question")}</Heading3>
        </legend>
        <Paragraph>{t("themeAdmin.mode.explanation")}</Paragraph>
        {modeErrors.length ? (
          <div className="utrecht-form-field-error-message" id={fields.premoderation.errorId}>
            {modeErrors.map((error) => errorText(error)).join(" ")}
          </div>
        ) : null}
        {MODES.map((mode) => (
          <div key={mode} className="utrecht-form-field utrecht-form-field--radio">
            <label className="utrecht-form-label utrecht-form-label--radio">
              <input
                type="radio"
                name={fields.premoderation.name}
                value={mode}
                defaultChecked={fields.premoderation.initialValue === mode}
                className="utrecht-radio-button utrecht-radio-button--html-input"
              />{" "}
              {t(modeLabels[mode].label)}
            </label>
          </div>
        ))}
        <TextField meta={fields.premoderationCount} label={t("themeAdmin.count.label")} description={t("themeAdmin.count.hint", { max: COUNT_MAX })} type="number" autoComplete="off" />
      </fieldset>
      <fieldset className="utrecht-form-fieldset utrecht-form-fieldset--html-fieldset">
        <legend className="utrecht-form-fieldset__legend utrecht-form-fieldset__legend--html-legend">
          <Heading3>{t("themeAdmin.threshold.question")}</Heading3>
        </legend>
        <Paragraph>{t("themeAdmin.threshold.explanation")}</Paragraph>
        <TextField meta={fields.flagThreshold} label={t("themeAdmin.threshold.label")} description={t("themeAdmin.threshold.hint", { max: THRESHOLD_MAX })} type="number" autoComplete="off" />
      </fieldset>
      <button type="submit" className="utrecht-button utrecht-button--primary-action utrecht-button--html-button" aria-describedby={`thema-${theme.id}-titel`}>
        {t("themeAdmin.submit")}
      </button>
    </Form>
  );
}

export default function AdminThemes() {
  const { themes, done } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useTranslate();
  const location = useLocation();
  // Errors that belong to no theme's form: a theme that no longer exists.
  const pageErrors = actionData && actionData.themeId === null ? Object.values(actionData.result.error ?? {}).flatMap((messages) => messages ?? []) : [];
  const summary = (theme: ThemeView) => t(modeLabels[theme.premoderation].summary, { count: theme.premoderationCount });
  return (
    <>
      <AdminNav />
      <Heading1>{t("themeAdmin.title")}</Heading1>
      <Paragraph>{t("themeAdmin.intro")}</Paragraph>
      {done ? <StatusMessage>{t("themeAdmin.done", { theme: done.title })}</StatusMessage> : null}
      <FormErrors form={{ errors: pageErrors.length ? pageErrors : undefined, errorId: "themas-fout" }} />

      {themes.length === 0 ? (
        <Paragraph>{t("themeAdmin.empty")}</Paragraph>
      ) : (
        <section className="inspraak-section">
          <DataTable caption={t("themeAdmin.caption")} columns={[t("themeAdmin.theme"), t("themeAdmin.plan"), t("themeAdmin.premoderation"), t("themeAdmin.threshold")]}>
            {themes.map((theme) => (
              <tr key={theme.id} className="utrecht-table__row">
                <th scope="row" className="utrecht-table__header-cell">
                  <a href={`#thema-${theme.id}`} className={linkClass}>
                    {romanNumeral(theme.number)} <Text value={theme.title} />
                  </a>
                </th>
                <td className="utrecht-table__cell">{theme.plan.period}</td>
                <td className="utrecht-table__cell">{summary(theme)}</td>
                <td className="utrecht-table__cell">{theme.flagThreshold}</td>
              </tr>
            ))}
          </DataTable>
        </section>
      )}

      {themes.map((theme) => (
        <section key={theme.id} id={`thema-${theme.id}`} className="inspraak-section" aria-labelledby={`thema-${theme.id}-titel`}>
          <Heading2 id={`thema-${theme.id}-titel`}>
            {t("themeAdmin.themeHeading", { numeral: romanNumeral(theme.number), period: theme.plan.period })} <Text value={theme.title} />
          </Heading2>
          <Paragraph>{t("themeAdmin.now", { summary: summary(theme), threshold: theme.flagThreshold })}</Paragraph>
          <Paragraph>
            <Link to={`/beheer/themas/${theme.id}`} className={linkClass} aria-describedby={`thema-${theme.id}-titel`}>
              {t("contentAdmin.themes.editTexts")}
            </Link>
          </Paragraph>
          <SettingsForm key={`${theme.id}-${location.key}`} theme={theme} lastResult={actionData && actionData.themeId === theme.id ? actionData.result : undefined} />
        </section>
      ))}
    </>
  );
}

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, (t) => ({ title: t("themeAdmin.title") }));
