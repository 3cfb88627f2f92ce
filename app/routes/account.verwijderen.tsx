import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData } from "@remix-run/react";
import { deleteAccount } from "#app/accounts.server.ts";
import { clearSessionCookie } from "#app/auth/session.server.ts";
import { FormErrors, SubmitButton, TextField } from "#app/components/forms.tsx";
import { Heading1, linkClass, Paragraph } from "#app/components/nlds.tsx";
import { deleteSchema } from "#app/forms/auth.ts";
import { actionWith, loaderWith } from "#app/guard.server.ts";
import { pageMeta } from "#app/i18n/meta.ts";
import { useTranslate } from "#app/i18n/use-translate.ts";

export const loader = loaderWith("account.manage", () => ({}));

export const action = actionWith("account.manage", async ({ request, actor }) => {
  const submission = parseWithZod(await request.formData(), { schema: deleteSchema });
  if (submission.status !== "success") return data(submission.reply({ hideFields: ["password"] }), { status: 400 });
  const result = await deleteAccount({ userId: actor!.id, password: submission.value.password });
  if (!result.ok && result.reason === "lastAdmin") return data(submission.reply({ formErrors: ["account.lastAdmin"], hideFields: ["password"] }), { status: 400 });
  if (!result.ok) return data(submission.reply({ fieldErrors: { password: ["account.wrongPassword"] }, hideFields: ["password"] }), { status: 400 });
  throw redirect("/account/verwijderd", { headers: { "Set-Cookie": clearSessionCookie(request) } });
});

export default function DeleteAccount() {
  const lastResult = useActionData<typeof action>();
  const t = useTranslate();
  const [form, fields] = useForm({
    lastResult,
    constraint: getZodConstraint(deleteSchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: deleteSchema }),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
  });
  return (
    <>
      <Heading1>{t("account.deleteHeading")}</Heading1>
      <Paragraph>{t("account.deleteText")}</Paragraph>
      <Form method="post" {...getFormProps(form)} className="inspraak-form">
        <FormErrors form={form} />
        <TextField meta={fields.password} label={t("account.deletePassword")} type="password" autoComplete="current-password" />
        <div className="inspraak-actions">
          <SubmitButton>{t("account.deleteSubmit")}</SubmitButton>
          <Link to="/account" className={linkClass}>
            {t("nav.account")}
          </Link>
        </div>
      </Form>
    </>
  );
}

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, (t) => ({ title: t("account.deleteHeading") }));
