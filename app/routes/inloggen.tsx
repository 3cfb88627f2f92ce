import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { signIn } from "#app/accounts.server.ts";
import { sessionCookie } from "#app/auth/session.server.ts";
import { FormErrors, SubmitButton, TextField } from "#app/components/forms.tsx";
import { Heading1, linkClass, Paragraph } from "#app/components/nlds.tsx";
import { signInSchema } from "#app/forms/auth.ts";
import { actionWith, loaderWith } from "#app/guard.server.ts";
import { pageMeta } from "#app/i18n/meta.ts";
import { useTranslate } from "#app/i18n/use-translate.ts";
import { safeRedirect } from "#app/safe-redirect.ts";
import { limitedHeaders, retryAfterHeaders } from "#app/retry-after.ts";

export const loader = loaderWith("account.signIn", ({ request, actor }) => {
  const redirectTo = safeRedirect(new URL(request.url).searchParams.get("redirectTo"), "/");
  if (actor) throw redirect(redirectTo);
  return { redirectTo };
});

export const action = actionWith("account.signIn", async ({ request, clientIp, t }) => {
  const submission = parseWithZod(await request.formData(), { schema: signInSchema });
  if (submission.status !== "success") return data(submission.reply({ hideFields: ["password"] }), { status: 400 });
  const result = await signIn({ email: submission.value.email, password: submission.value.password, ip: clientIp });
  if (result.ok) {
    // A new session on every sign-in, so a session id planted before it is worthless.
    throw redirect(safeRedirect(submission.value.redirectTo), {
      headers: { "Set-Cookie": sessionCookie(request, result.token, result.expiresAt) },
    });
  }
  if (result.reason === "rateLimited") {
    const message = t("form.rateLimited", { minutes: Math.ceil(result.retryAfter / 60) });
    return data(submission.reply({ formErrors: [message], hideFields: ["password"] }), {
      status: 429,
      headers: limitedHeaders(result.limit, result.retryAfter),
    });
  }
  const message = result.reason === "blocked" ? "signIn.blocked" : "signIn.invalid";
  return data(submission.reply({ formErrors: [message], hideFields: ["password"] }), { status: result.reason === "blocked" ? 403 : 401 });
});

export default function SignIn() {
  const { redirectTo } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const t = useTranslate();
  const [form, fields] = useForm({
    lastResult,
    constraint: getZodConstraint(signInSchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: signInSchema }),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
  });
  return (
    <>
      <Heading1>{t("signIn.title")}</Heading1>
      <Form method="post" {...getFormProps(form)} className="inspraak-form">
        <FormErrors form={form} />
        <input type="hidden" name="redirectTo" value={redirectTo} />
        <TextField meta={fields.email} label={t("signIn.email")} type="email" autoComplete="username" />
        <TextField meta={fields.password} label={t("signIn.password")} type="password" autoComplete="current-password" />
        <div className="inspraak-actions">
          <SubmitButton>{t("signIn.submit")}</SubmitButton>
          <Link to="/wachtwoord-vergeten" className={linkClass}>
            {t("signIn.forgot")}
          </Link>
        </div>
      </Form>
      <Paragraph className="inspraak-section">
        <Link to="/registreren" className={linkClass}>
          {t("signIn.noAccount")}
        </Link>
      </Paragraph>
    </>
  );
}

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, (t) => ({ title: t("signIn.title") }));

export const headers = retryAfterHeaders;
