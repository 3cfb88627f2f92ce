import type { MetaFunction } from "@remix-run/node";
import { StatusMessage } from "#app/components/forms.tsx";
import { Heading1 } from "#app/components/nlds.tsx";
import { loaderWith } from "#app/guard.server.ts";
import { pageMeta } from "#app/i18n/meta.ts";
import { useTranslate } from "#app/i18n/use-translate.ts";

export const loader = loaderWith("public.read", () => ({}));

export default function AccountDeleted() {
  const t = useTranslate();
  return (
    <>
      <Heading1>{t("account.deleteHeading")}</Heading1>
      <StatusMessage>{t("account.deleted")}</StatusMessage>
    </>
  );
}

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, (t) => ({ title: t("account.deleteHeading") }));
