import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type MetaFunction } from "@remix-run/node";
import { z } from "zod";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { changeDisplayName, changePassword, getOwnAccount, resendVerification } from "#app/accounts.server.ts";
import { checkNewPassword } from "#app/auth/password.server.ts";
import { FormErrors, StatusMessage, SubmitButton, TextField } from "#app/components/forms.tsx";
import { Heading1, Heading2, linkClass, Paragraph, UnorderedList, ListItem } from "#app/components/nlds.tsx";
import { romanNumeral } from "#app/content/format.ts";
import { accountSchema, displayNameSchema, passwordSchema } from "#app/forms/auth.ts";
import { actionWith, loaderWith } from "#app/guard.server.ts";
import { DELIVERIES } from "#app/notifications.ts";
import { getDelivery, setDelivery } from "#app/notifications.server.ts";
import type { MessageKey } from "#app/i18n/index.ts";
import { pageMeta } from "#app/i18n/meta.ts";
import { limitedHeaders, retryAfterHeaders } from "#app/retry-after.ts";
import { useLocale, useTranslate } from "#app/i18n/use-translate.ts";

const DONE = { naam: "account.nameSaved", wachtwoord: "account.passwordSaved", mail: "account.resent", bevestigd: "account.alreadyVerified", meldingen: "notifications.deliverySaved" } as const satisfies Record<string, MessageKey>;

export const loader = loaderWith("account.manage", async ({ request, actor }) => {
  const account = await getOwnAccount({ userId: actor!.id });
  if (!account) throw new Response("Not Found", { status: 404 });
  const done = new URL(request.url).searchParams.get("gedaan");
  return {
    account: { ...account, emailVerified: account.emailVerifiedAt !== null, createdAt: account.createdAt.toISOString(), emailVerifiedAt: undefined },
    done: done && Object.hasOwn(DONE, done) ? DONE[done as keyof typeof DONE] : null,
    delivery: await getDelivery({ userId: actor!.id }),
  };
});

const deliverySchema = z.enum(DELIVERIES);

type Reply = { intent: "name" | "password" | "resend"; result: SubmissionResult<string[]> };

export const action = actionWith("account.manage", async ({ request, actor, sessionToken, t }) => {
  const userId = actor!.id;
  const formData = await request.formData();
  if (formData.get("intent") === "delivery") {
    const delivery = deliverySchema.safeParse(formData.get("delivery"));
    if (!delivery.success) throw new Response("Bad Request", { status: 400 });
    await setDelivery({ userId, delivery: delivery.data });
    throw redirect("/account?gedaan=meldingen#meldingen");
  }
  const submission = parseWithZod(formData, { schema: accountSchema });
  if (submission.status !== "success") {
    const intent = (submission.payload.intent === "password" ? "password" : "name") as Reply["intent"];
    return data<Reply>({ intent, result: submission.reply({ hideFields: ["currentPassword", "newPassword"] }) }, { status: 400 });
  }
  const value = submission.value;
  if (value.intent === "name") {
    await changeDisplayName({ userId, displayName: value.displayName });
    throw redirect("/account?gedaan=naam");
  }
  if (value.intent === "password") {
    const problem = checkNewPassword(value.newPassword, { displayName: actor!.displayName });
    const result = problem ? ({ ok: false, reason: problem } as const) : await changePassword({ userId, currentPassword: value.currentPassword, newPassword: value.newPassword, currentSessionToken: sessionToken });
    if (result.ok) throw redirect("/account?gedaan=wachtwoord");
    const fieldErrors: Record<string, string[]> = result.reason === "wrongPassword" ? { currentPassword: ["account.wrongPassword"] } : { newPassword: [result.reason] };
    return data<Reply>({ intent: "password", result: submission.reply({ fieldErrors, hideFields: ["currentPassword", "newPassword"] }) }, { status: 400 });
  }
  const result = await resendVerification({ userId, origin: new URL(request.url).origin });
  if (result.ok) throw redirect("/account?gedaan=mail");
  if (result.reason === "alreadyVerified") throw redirect("/account?gedaan=bevestigd");
  const message = t("form.rateLimited", { minutes: Math.ceil(result.retryAfter / 60) });
  return data<Reply>({ intent: "resend", result: submission.reply({ formErrors: [message] }) }, { status: 429, headers: limitedHeaders(result.limit, result.retryAfter) });
});

export default function Account() {
  const { account, done, delivery } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>() as Reply | undefined;
  const t = useTranslate();
  const locale = useLocale();
  const lastResult = (intent: Reply["intent"]) => (reply?.intent === intent ? reply.result : undefined);
  const [nameForm, nameFields] = useForm({
    id: "naam",
    lastResult: lastResult("name"),
    defaultValue: { displayName: account.displayName ?? "" },
    constraint: getZodConstraint(displayNameSchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: displayNameSchema }),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
  });
  const [passwordForm, passwordFields] = useForm({
    id: "wachtwoord",
    lastResult: lastResult("password"),
    constraint: getZodConstraint(passwordSchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: passwordSchema }),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
  });
  const [resendForm] = useForm({ id: "bevestigingsmail", lastResult: lastResult("resend") });
  return (
    <>
      <Heading1>{t("account.title")}</Heading1>
      {done ? <StatusMessage>{t(done)}</StatusMessage> : null}
      <dl className="inspraak-facts inspraak-section">
        <dt>{t("account.displayName")}</dt>
        <dd>{account.displayName}</dd>
        <dt>{t("account.email")}</dt>
        <dd>{account.email}</dd>
        <dt>{t("account.memberSince")}</dt>
        <dd>{new Intl.DateTimeFormat(locale === "nl" ? "nl-NL" : "en-GB", { dateStyle: "long", timeZone: "Europe/Amsterdam" }).format(new Date(account.createdAt))}</dd>
      </dl>

      {account.emailVerified ? null : (
        <section className="inspraak-section" aria-labelledby="bevestigen">
          <Heading2 id="bevestigen">{t("verify.title")}</Heading2>
          <Paragraph>{t("account.notVerified")}</Paragraph>
          <Form method="post" {...getFormProps(resendForm)} className="inspraak-form">
            <FormErrors form={resendForm} />
            <input type="hidden" name="intent" value="resend" />
            <SubmitButton appearance="secondary">{t("account.resend")}</SubmitButton>
          </Form>
        </section>
      )}

      {account.roles.length > 0 ? (
        <section className="inspraak-section" aria-labelledby="rollen">
          <Heading2 id="rollen">{t("account.roles")}</Heading2>
          <UnorderedList>
            {account.roles.map((role, index) => (
              <ListItem key={index}>
                {t(`role.${role.role}`)}
                {role.themeNumber && !role.actionPointNumber ? `: ${romanNumeral(role.themeNumber)} ${role.themeTitle}` : ""}
                {role.actionPointNumber ? `: ${role.actionPointNumber}. ${role.actionPointTitle}` : ""}
                {role.organisation ? ` (${role.organisation})` : ""}
              </ListItem>
            ))}
          </UnorderedList>
        </section>
      ) : null}

      <section className="inspraak-section" aria-labelledby="naam">
        <Heading2 id="naam">{t("account.nameHeading")}</Heading2>
        <Form method="post" {...getFormProps(nameForm)} className="inspraak-form">
          <FormErrors form={nameForm} />
          <input type="hidden" name="intent" value="name" />
          <TextField meta={nameFields.displayName} label={t("account.displayName")} description={t("register.displayNameHint")} autoComplete="nickname" maxLength={60} />
          <SubmitButton>{t("account.saveName")}</SubmitButton>
        </Form>
      </section>

      <section className="inspraak-section" aria-labelledby="wachtwoord">
        <Heading2 id="wachtwoord">{t("account.passwordHeading")}</Heading2>
        <Form method="post" {...getFormProps(passwordForm)} className="inspraak-form">
          <FormErrors form={passwordForm} />
          <input type="hidden" name="intent" value="password" />
          <TextField meta={passwordFields.currentPassword} label={t("account.currentPassword")} type="password" autoComplete="current-password" />
          <TextField meta={passwordFields.newPassword} label={t("account.newPassword")} description={t("password.hint")} type="password" autoComplete="new-password" />
          <SubmitButton>{t("account.savePassword")}</SubmitButton>
        </Form>
      </section>

      <section className="inspraak-section" aria-labelledby="meldingen">
        <Heading2 id="meldingen">{t("notifications.deliveryHeading")}</Heading2>
        <Form method="post" className="inspraak-form">
          <input type="hidden" name="intent" value="delivery" />
          <fieldset className="utrecht-form-fieldset">
            <legend className="utrecht-form-fieldset__legend">{t("notifications.deliveryLegend")}</legend>
            {DELIVERIES.map((option) => (
              <div key={option} className="utrecht-form-field utrecht-form-field--radio">
                <input type="radio" id={`delivery-${option}`} name="delivery" value={option} defaultChecked={option === delivery} className="utrecht-radio-button" />{" "}
                <label htmlFor={`delivery-${option}`} className="utrecht-form-label utrecht-form-label--radio">
                  {t(`notifications.delivery.${option}`)}
                </label>
              </div>
            ))}
          </fieldset>
          <SubmitButton>{t("notifications.deliverySave")}</SubmitButton>
        </Form>
      </section>

      <section className="inspraak-section" aria-labelledby="gegevens">
        <Heading2 id="gegevens">{t("account.dataHeading")}</Heading2>
        <Paragraph>{t("account.dataText")}</Paragraph>
        <Paragraph>
          <a href="/account/gegevens.json" download className={linkClass}>
            {t("account.export")}
          </a>
        </Paragraph>
      </section>

      <section className="inspraak-section" aria-labelledby="verwijderen">
        <Heading2 id="verwijderen">{t("account.deleteHeading")}</Heading2>
        <Paragraph>{t("account.deleteText")}</Paragraph>
        <Paragraph>
          <Link to="/account/verwijderen" className={linkClass}>
            {t("account.deleteSubmit")}
          </Link>
        </Paragraph>
      </section>
    </>
  );
}

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, (t) => ({ title: t("account.title") }));

export const headers = retryAfterHeaders;
