import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { isResetTokenValid, resetPassword } from "#app/accounts.server.ts";
import { sessionCookie } from "#app/auth/session.server.ts";
import { FormErrors, StatusMessage, SubmitButton, TextField } from "#app/components/forms.tsx";
import { Heading1, linkClass, Paragraph } from "#app/components/nlds.tsx";
import { resetSchema } from "#app/forms/auth.ts";
import { actionWith, loaderWith } from "#app/guard.server.ts";
import { pageMeta } from "#app/i18n/meta.ts";
import { useTranslate } from "#app/i18n/use-translate.ts";

export const loader = loaderWith("account.signIn", async ({ params }) => {
  const valid = await isResetTokenValid({ token: params.token ?? "" });
  return data({ valid }, { status: valid ? 200 : 400, headers: { "Referrer-Policy": "no-referrer" } });
});

export const action = actionWith("account.signIn", async ({ request, params }) => {
  const submission = parseWithZod(await request.formData(), { schema: resetSchema });
  if (submission.status !== "success") return data(submission.reply({ hideFields: ["password"] }), { status: 400 });
  const result = await resetPassword({ token: params.token ?? "", password: submission.value.password });
  if (result.ok) {
    throw redirect("/account?gedaan=wachtwoord", { headers: { "Set-Cookie": sessionCookie(request, result.token, result.expiresAt) } });
  }
  if (result.reason === "invalidToken" || result.reason === "blocked") {
    return data(submission.reply({ formErrors: [result.reason === "blocked" ? "reset.blocked" : "reset.invalid"], hideFields: ["password"] }), { status: 400 });
  }
  return data(submission.reply({ fieldErrors: { password: [result.reason] }, hideFields: ["password"] }), { status: 400 });
});

export default function ResetPassword() {
  const { valid } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const t = useTranslate();
  const [form, fields] = useForm({
    lastResult,
    constraint: getZodConstraint(resetSchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: resetSchema }),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
  });
  return (
    <>
      <Heading1>{t("reset.title")}</Heading1>
      {valid ? (
        <Form method="post" {...getFormProps(form)} className="inspraak-form">
          <FormErrors form={form} />
          <TextField meta={fields.password} label={t("reset.password")} description={t("password.hint")} type="password" autoComplete="new-password" />
          <SubmitButton>{t("reset.submit")}</SubmitButton>
        </Form>
      ) : (
        <>
          <StatusMessage type="warning">{t("reset.invalid")}</StatusMessage>
          <Paragraph>
            <Link to="/wachtwoord-vergeten" className={linkClass}>
              {t("reset.again")}
            </Link>
          </Paragraph>
        </>
      )}
    </>
  );
}

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, (t) => ({ title: t("reset.title") }));
