import { data, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { StatusMessage, SubmitButton } from "#app/components/forms.tsx";
import { Heading1, linkClass, Paragraph } from "#app/components/nlds.tsx";
import { actionWith, loaderWith } from "#app/guard.server.ts";
import { pageMeta } from "#app/i18n/meta.ts";
import { useTranslate } from "#app/i18n/use-translate.ts";
import { setDelivery, verifyUnsubscribeToken } from "#app/notifications.server.ts";

/**
 * One-click unsubscribe from notification e-mail, without signing in: the
 * link carries a signed token (HMAC of the user id with SECRET). GET only
 * shows a button, so link scanners in mail filters change nothing; POST
 * unsubscribes. Mail clients post here themselves (RFC 8058, with the body
 * `List-Unsubscribe=One-Click`) without a same-site Origin: the guard lets
 * such a post through only with a valid token (`crossSite: "signed-token"`).
 * The token is the authority here, so a forged cross-site post cannot act.
 */
export const loader = loaderWith("notifications.unsubscribe", ({ request }) => {
  const token = new URL(request.url).searchParams.get("token") ?? "";
  if (verifyUnsubscribeToken(token) === null) return data({ valid: false, token: "" }, { status: 400 });
  return { valid: true, token };
});

export const action = actionWith(
  "notifications.unsubscribe",
  async ({ request }) => {
    const userId = verifyUnsubscribeToken(new URL(request.url).searchParams.get("token"));
    if (userId === null) return data({ done: false }, { status: 400 });
    await setDelivery({ userId, delivery: "none" });
    return { done: true };
  },
  { crossSite: "signed-token" },
);

export default function Unsubscribe() {
  const loaded = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const t = useTranslate();
  return (
    <>
      <Heading1>{t("notifications.unsubscribe.title")}</Heading1>
      {result?.done ? (
        <StatusMessage>{t("notifications.unsubscribe.done")}</StatusMessage>
      ) : loaded.valid && result?.done !== false ? (
        <>
          <Paragraph>{t("notifications.unsubscribe.confirm")}</Paragraph>
          <Form method="post" action={`/afmelden?token=${encodeURIComponent(loaded.token)}`} className="inspraak-form">
            <SubmitButton>{t("notifications.unsubscribe.submit")}</SubmitButton>
          </Form>
        </>
      ) : (
        <StatusMessage type="warning">{t("notifications.unsubscribe.invalid")}</StatusMessage>
      )}
      <Paragraph>
        <Link to="/account" className={linkClass}>
          {t("nav.account")}
        </Link>
      </Paragraph>
    </>
  );
}

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, (t) => ({ title: t("notifications.unsubscribe.title") }));
