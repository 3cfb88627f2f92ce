import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { registerAccount } from "#app/accounts.server.ts";
import { checkNewPassword } from "#app/auth/password.server.ts";
import { FormErrors, StatusMessage, SubmitButton, TextField } from "#app/components/forms.tsx";
import { Heading1, linkClass, Paragraph } from "#app/components/nlds.tsx";
import { registerSchema } from "#app/forms/auth.ts";
import { actionWith, loaderWith } from "#app/guard.server.ts";
import { pageMeta } from "#app/i18n/meta.ts";
import { useTranslate } from "#app/i18n/use-translate.ts";
import { limitedHeaders, retryAfterHeaders } from "#app/retry-after.ts";

export const loader = loaderWith("account.signIn", ({ request, actor }) => {
  if (actor) throw redirect("/account");
  return { sent: new URL(request.url).searchParams.has("verstuurd") };
});

export const action = actionWith("account.signIn", async ({ request, clientIp, locale, t }) => {
  const submission = parseWithZod(await request.formData(), { schema: registerSchema });
  if (submission.status !== "success") return data(submission.reply({ hideFields: ["password"] }), { status: 400 });
  const { email, displayName, password } = submission.value;
  const problem = checkNewPassword(password, { email, displayName });
  if (problem) return data(submission.reply({ fieldErrors: { password: [problem] }, hideFields: ["password"] }), { status: 400 });
  const result = await registerAccount({ email, displayName, password, locale, origin: new URL(request.url).origin, ip: clientIp });
  if (!result.ok) {
    const message = t("form.rateLimited", { minutes: Math.ceil(result.retryAfter / 60) });
    return data(submission.reply({ formErrors: [message], hideFields: ["password"] }), { status: 429, headers: limitedHeaders(result.limit, result.retryAfter) });
  }
  // The same answer whether or not the address already had an account.
  throw redirect("/registreren?verstuurd");
});

export default function Register() {
  const { sent } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const t = useTranslate();
  const [form, fields] = useForm({
    lastResult,
    constraint: getZodConstraint(registerSchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: registerSchema }),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
  });
  if (sent) {
    return (
      <>
        <Heading1>{t("register.sent.title")}</Heading1>
        <StatusMessage>{t("register.sent.text")}</StatusMessage>
      </>
    );
  }
  return (
    <>
      <Heading1>{t("register.title")}</Heading1>
      <Paragraph>{t("register.intro")}</Paragraph>
      <Form method="post" {...getFormProps(form)} className="inspraak-form">
        <FormErrors form={form} />
        <TextField meta={fields.email} label={t("register.email")} description={t("register.emailHint")} type="email" autoComplete="email" />
        <TextField meta={fields.displayName} label={t("register.displayName")} description={t("register.displayNameHint")} autoComplete="nickname" maxLength={60} />
        <TextField meta={fields.password} label={t("register.password")} description={t("password.hint")} type="password" autoComplete="new-password" />
        <SubmitButton>{t("register.submit")}</SubmitButton>
      </Form>
      <Paragraph className="inspraak-section">
        {t("register.haveAccount")}{" "}
        <Link to="/inloggen" className={linkClass}>
          {t("nav.signIn")}
        </Link>
      </Paragraph>
    </>
  );
}

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, (t) => ({ title: t("register.title") }));

export const headers = retryAfterHeaders;
