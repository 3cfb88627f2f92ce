import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { requestPasswordReset } from "#app/accounts.server.ts";
import { FormErrors, StatusMessage, SubmitButton, TextField } from "#app/components/forms.tsx";
import { Heading1, Paragraph } from "#app/components/nlds.tsx";
import { forgotSchema } from "#app/forms/auth.ts";
import { actionWith, loaderWith } from "#app/guard.server.ts";
import { pageMeta } from "#app/i18n/meta.ts";
import { useTranslate } from "#app/i18n/use-translate.ts";
import { limitedHeaders, retryAfterHeaders } from "#app/retry-after.ts";

export const loader = loaderWith("account.signIn", ({ request }) => ({ sent: new URL(request.url).searchParams.has("verstuurd") }));

export const action = actionWith("account.signIn", async ({ request, clientIp, locale, t }) => {
  const submission = parseWithZod(await request.formData(), { schema: forgotSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const result = await requestPasswordReset({ email: submission.value.email, locale, origin: new URL(request.url).origin, ip: clientIp });
  if (!result.ok) {
    const message = t("form.rateLimited", { minutes: Math.ceil(result.retryAfter / 60) });
    return data(submission.reply({ formErrors: [message] }), { status: 429, headers: limitedHeaders(result.limit, result.retryAfter) });
  }
  throw redirect("/wachtwoord-vergeten?verstuurd");
});

export default function ForgotPassword() {
  const { sent } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const t = useTranslate();
  const [form, fields] = useForm({
    lastResult,
    constraint: getZodConstraint(forgotSchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: forgotSchema }),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
  });
  return (
    <>
      <Heading1>{t("forgot.title")}</Heading1>
      {sent ? (
        <StatusMessage>{t("forgot.sent")}</StatusMessage>
      ) : (
        <>
          <Paragraph>{t("forgot.intro")}</Paragraph>
          <Form method="post" {...getFormProps(form)} className="inspraak-form">
            <FormErrors form={form} />
            <TextField meta={fields.email} label={t("signIn.email")} type="email" autoComplete="email" />
            <SubmitButton>{t("forgot.submit")}</SubmitButton>
          </Form>
        </>
      )}
    </>
  );
}

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, (t) => ({ title: t("forgot.title") }));

export const headers = retryAfterHeaders;
