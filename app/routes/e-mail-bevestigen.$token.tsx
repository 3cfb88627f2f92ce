import { data, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { verifyEmail } from "#app/accounts.server.ts";
import { StatusMessage } from "#app/components/forms.tsx";
import { Heading1, linkClass, Paragraph } from "#app/components/nlds.tsx";
import { loaderWith } from "#app/guard.server.ts";
import { pageMeta } from "#app/i18n/meta.ts";
import { useTranslate } from "#app/i18n/use-translate.ts";

/** Following the link from the e-mail verifies the address; following it again says it already is. */
export const loader = loaderWith("public.read", async ({ params, actor }) => {
  const result = await verifyEmail({ token: params.token ?? "" });
  return data({ result, signedIn: actor !== null }, { status: result === "invalid" ? 400 : 200 });
});

export default function VerifyEmail() {
  const { result, signedIn } = useLoaderData<typeof loader>();
  const t = useTranslate();
  return (
    <>
      <Heading1>{t("verify.title")}</Heading1>
      {result === "invalid" ? (
        <StatusMessage type="warning">{t("verify.invalid")}</StatusMessage>
      ) : (
        <StatusMessage>{t(result === "verified" ? "verify.verified" : "verify.alreadyVerified")}</StatusMessage>
      )}
      <Paragraph>
        <Link to={signedIn ? "/account" : "/inloggen"} className={linkClass}>
          {signedIn ? t("nav.account") : t("nav.signIn")}
        </Link>
      </Paragraph>
    </>
  );
}

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, (t) => ({ title: t("verify.title") }));
