import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { AdminNav } from "#app/components/AdminNav.tsx";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useLocation } from "@remix-run/react";
import { FormErrors, StatusMessage, TextField } from "#app/components/forms.tsx";
import { DataTable, Heading1, Heading2, Heading3, linkClass, Paragraph } from "#app/components/nlds.tsx";
import { Text } from "#app/components/Text.tsx";
import { formatDateTime } from "#app/content/dates.ts";
import { localize } from "#app/content/localize.ts";
import { BUDGET_MAX, planAdminIntents, planAdminSchema, planIdSchema, planPageQuery, planWindowsSchema, toDutchTime, windowPairs } from "#app/forms/plans-admin.ts";
import { actionWith, loaderWith } from "#app/guard.server.ts";
import type { Locale, MessageKey } from "#app/i18n/index.ts";
import { pageMeta } from "#app/i18n/meta.ts";
import { useTranslate } from "#app/i18n/use-translate.ts";
import { listPlansForAdmin, updatePlanWindows } from "#app/plans-admin.server.ts";
import { windowState } from "#app/windows.ts";

type WindowView = { state: "notYet"; opensAt: string | null } | { state: "open"; closesAt: string | null } | { state: "closed"; closedAt: string };

// Formatted on the server, in Dutch time, so the page reads the same after hydration.
function windowView(openAt: Date | null, closeAt: Date | null, locale: Locale, now: Date): WindowView {
  const state = windowState(openAt, closeAt, now);
  const format = (iso: string | null) => (iso ? formatDateTime(iso, locale) : null);
  switch (state.state) {
    case "notYet":
      return { state: "notYet", opensAt: format(state.opensAt) };
    case "open":
      return { state: "open", closesAt: format(state.closesAt) };
    case "closed":
      return { state: "closed", closedAt: format(state.closedAt)! };
  }
}

const inputValue = (moment: Date | null) => (moment ? toDutchTime(moment) : "");

export const loader = loaderWith("plans.manage", async ({ request, locale }) => {
  const rows = await listPlansForAdmin();
  const { gedaan } = planPageQuery.parse(Object.fromEntries(new URL(request.url).searchParams));
  const now = new Date();
  const plans = rows.map((plan) => ({
    id: plan.id,
    title: localize(plan, "title", locale),
    period: plan.period,
    status: plan.status,
    proposalCount: plan.proposalCount,
    supportCount: plan.supportCount,
    mostSupportsByOnePerson: plan.mostSupportsByOnePerson,
    // What the form starts with: moments in Dutch time, empty when not set.
    values: {
      proposalsOpenAt: inputValue(plan.proposalsOpenAt),
      proposalsCloseAt: inputValue(plan.proposalsCloseAt),
      supportOpenAt: inputValue(plan.supportOpenAt),
      supportCloseAt: inputValue(plan.supportCloseAt),
      supportBudget: plan.supportBudget === null ? "" : String(plan.supportBudget),
    },
    windows: {
      proposals: windowView(plan.proposalsOpenAt, plan.proposalsCloseAt, locale, now),
      support: windowView(plan.supportOpenAt, plan.supportCloseAt, locale, now),
    },
  }));
  const donePlan = plans.find((plan) => plan.id === gedaan);
  return { plans, done: donePlan ? { title: donePlan.title.text } : null };
});

/** Values this long are never sent back into the form: they cannot be right, and would make the page huge. */
const ECHO_MAX = 100;

/** The failed form says which plan it was for, so the page shows the messages at that form. */
function failed(planId: number | null, result: SubmissionResult<string[]>, status: 400 | 404) {
  return data({ planId, result }, { status });
}

export const action = actionWith("plans.manage", async ({ request, actor, t }) => {
  const formData = await request.formData();
  const submission = parseWithZod(formData, { schema: planAdminSchema });
  const hideFields = [...formData.entries()].filter(([, value]) => typeof value !== "string" || value.length > ECHO_MAX).map(([name]) => name);
  const reply = (errors: { formErrors?: string[]; fieldErrors?: Record<string, string[]> } = {}) => submission.reply({ ...errors, hideFields });
  const planId = planIdSchema.safeParse(Number(formData.get("planId"))).data ?? null;
  if (submission.status !== "success") {
    // An unknown intent is a broken form, not a mistake in a field: say so above the forms.
    const intent = formData.get("intent");
    if (typeof intent !== "string" || !planAdminIntents.includes(intent)) {
      return failed(null, reply({ formErrors: ["admin.error.invalid"] }), 400);
    }
    return failed(planId, reply(), 400);
  }
  const value = submission.value;
  const result = await updatePlanWindows({
    actorId: actor!.id,
    planId: value.planId,
    proposalsOpenAt: value.proposalsOpenAt ?? null,
    proposalsCloseAt: value.proposalsCloseAt ?? null,
    supportOpenAt: value.supportOpenAt ?? null,
    supportCloseAt: value.supportCloseAt ?? null,
    supportBudget: value.supportBudget ?? null,
  });
  if (result.ok) throw redirect(`/beheer/plannen?gedaan=plan-${value.planId}`);
  switch (result.reason) {
    case "unknownPlan":
      return failed(null, reply({ formErrors: ["planAdmin.error.unknownPlan"] }), 404);
    case "closesBeforeOpens":
      return failed(value.planId, reply({ fieldErrors: { [result.field]: ["planAdmin.error.closeBeforeOpen"] } }), 400);
    case "budgetBelowUsed":
      return failed(value.planId, reply({ fieldErrors: { supportBudget: [t("planAdmin.error.budgetBelowUsed", { used: result.used })] } }), 400);
  }
});



function WindowStateText({ view }: { view: WindowView }) {
  const t = useTranslate();
  switch (view.state) {
    case "notYet":
      return <>{view.opensAt ? t("planAdmin.state.opensOn", { date: view.opensAt }) : t("planAdmin.state.notPlanned")}</>;
    case "open":
      return <>{view.closesAt ? t("planAdmin.state.openUntil", { date: view.closesAt }) : t("planAdmin.state.openNoEnd")}</>;
    case "closed":
      return <>{t("planAdmin.state.closedSince", { date: view.closedAt })}</>;
  }
}

type PlanView = ReturnType<typeof useLoaderData<typeof loader>>["plans"][number];

const windowTexts = {
  proposals: { question: "planAdmin.proposalsWindow.question", explanation: "planAdmin.proposalsWindow.explanation" },
  support: { question: "planAdmin.supportWindow.question", explanation: "planAdmin.supportWindow.explanation" },
} as const satisfies Record<(typeof windowPairs)[number]["window"], { question: MessageKey; explanation: MessageKey }>;

function WindowsForm({ plan, lastResult }: { plan: PlanView; lastResult: SubmissionResult<string[]> | undefined }) {
  const t = useTranslate();
  const [form, fields] = useForm({
    id: `plan-${plan.id}-form`,
    lastResult,
    defaultValue: plan.values,
    constraint: getZodConstraint(planWindowsSchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: planWindowsSchema }),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
  });
  const headingId = `plan-${plan.id}-titel`;
  return (
    <Form method="post" action="/beheer/plannen" {...getFormProps(form)} className="inspraak-form">
      <FormErrors form={form} />
      <input type="hidden" name="intent" value="windows" />
      <input type="hidden" name="planId" value={plan.id} />
      {windowPairs.map(({ window, open, close }) => (
        <fieldset key={window} className="utrecht-form-fieldset utrecht-form-fieldset--html-fieldset" aria-describedby={`plan-${plan.id}-${window}-nu`}>
          <legend className="utrecht-form-fieldset__legend utrecht-form-fieldset__legend--html-legend">
            <Heading3>{t(windowTexts[window].question)}</Heading3>
          </legend>
          <Paragraph>{t(windowTexts[window].explanation)}</Paragraph>
          <Paragraph id={`plan-${plan.id}-${window}-nu`}>
            <WindowStateText view={plan.windows[window]} />
          </Paragraph>
          <TextField meta={fields[open]} label={t("planAdmin.opensAt")} description={t("planAdmin.opensAtHint")} type="datetime-local" autoComplete="off" />
          <TextField meta={fields[close]} label={t("planAdmin.closesAt")} description={t("planAdmin.closesAtHint")} type="datetime-local" autoComplete="off" />
        </fieldset>
      ))}
      <fieldset className="utrecht-form-fieldset utrecht-form-fieldset--html-fieldset">
        <legend className="utrecht-form-fieldset__legend utrecht-form-fieldset__legend--html-legend">
          <Heading3>{t("planAdmin.budget.question")}</Heading3>
        </legend>
        <Paragraph>{t("planAdmin.budget.explanation")}</Paragraph>
        {plan.mostSupportsByOnePerson > 0 ? <Paragraph>{t("planAdmin.budget.used", { used: plan.mostSupportsByOnePerson })}</Paragraph> : null}
        <TextField meta={fields.supportBudget} label={t("planAdmin.budget.label")} description={t("planAdmin.budget.hint", { max: BUDGET_MAX })} type="number" autoComplete="off" />
      </fieldset>
      <button type="submit" className="utrecht-button utrecht-button--primary-action utrecht-button--html-button" aria-describedby={headingId}>
        {t("planAdmin.submit")}
      </button>
    </Form>
  );
}

export default function AdminPlans() {
  const { plans, done } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useTranslate();
  const location = useLocation();
  // Errors that belong to no plan's form: a broken form or a plan that no longer exists.
  const pageErrors = actionData && actionData.planId === null ? Object.values(actionData.result.error ?? {}).flatMap((messages) => messages ?? []) : [];
  return (
    <>
      <AdminNav />
      <Heading1>{t("planAdmin.title")}</Heading1>
      <Paragraph>{t("planAdmin.intro")}</Paragraph>
      <Paragraph>
        <Link to="/beheer/plannen/nieuw" className={linkClass}>
          {t("contentAdmin.plans.new")}
        </Link>
      </Paragraph>
      {done ? <StatusMessage>{t("planAdmin.done", { plan: done.title })}</StatusMessage> : null}
      <FormErrors form={{ errors: pageErrors.length ? pageErrors : undefined, errorId: "plannen-fout" }} />

      {plans.length === 0 ? (
        <Paragraph>{t("planAdmin.empty")}</Paragraph>
      ) : (
        <section className="inspraak-section">
          <DataTable caption={t("planAdmin.caption")} columns={[t("planAdmin.plan"), t("planAdmin.period"), t("planAdmin.status"), t("planAdmin.proposals"), t("planAdmin.supports")]}>
            {plans.map((plan) => (
              <tr key={plan.id} className="utrecht-table__row">
                <th scope="row" className="utrecht-table__header-cell">
                  <a href={`#plan-${plan.id}`} className={linkClass}>
                    <Text value={plan.title} />
                  </a>
                </th>
                <td className="utrecht-table__cell">{plan.period}</td>
                <td className="utrecht-table__cell">{t(`planAdmin.status.${plan.status}`)}</td>
                <td className="utrecht-table__cell">{plan.proposalCount}</td>
                <td className="utrecht-table__cell">{plan.supportCount}</td>
              </tr>
            ))}
          </DataTable>
        </section>
      )}

      {plans.map((plan) => (
        <section key={plan.id} id={`plan-${plan.id}`} className="inspraak-section" aria-labelledby={`plan-${plan.id}-titel`}>
          <Heading2 id={`plan-${plan.id}-titel`}>
            <Text value={plan.title} /> ({plan.period})
          </Heading2>
          <Paragraph>{t("planAdmin.statusLine", { status: t(`planAdmin.status.${plan.status}`) })}</Paragraph>
          <Paragraph>
            <Link to={`/beheer/plannen/${plan.id}`} className={linkClass}>
              {t("contentAdmin.plans.editLink", { title: plan.title.text })}
            </Link>
          </Paragraph>
          <WindowsForm key={`${plan.id}-${location.key}`} plan={plan} lastResult={actionData && actionData.planId === plan.id ? actionData.result : undefined} />
        </section>
      ))}
    </>
  );
}

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, (t) => ({ title: t("planAdmin.title") }));
