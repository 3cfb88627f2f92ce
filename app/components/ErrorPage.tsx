import { isRouteErrorResponse, Link, useRouteError, useRouteLoaderData } from "@remix-run/react";
import { Heading1, Paragraph } from "#app/components/nlds.tsx";
import { useTranslate } from "#app/i18n/use-translate.ts";

/** The friendly page for a thrown 404 and for unexpected errors, inside the site's layout. */
export function ErrorPage() {
  const error = useRouteError();
  const t = useTranslate();
  const root = useRouteLoaderData<{ requestId?: string }>("root");
  const status = isRouteErrorResponse(error) ? error.status : 500;
  const kind = ({ 404: "notFound", 400: "badRequest", 403: "forbidden", 413: "tooLarge", 429: "tooMany" } as const)[status] ?? "generic";
  return (
    <div className="inspraak-stack">
      <Heading1>{t(`error.${kind}.title`)}</Heading1>
      <Paragraph>{t(`error.${kind}.text`)}</Paragraph>
      {status >= 500 && root?.requestId ? <Paragraph>{t("error.reference", { id: root.requestId })}</Paragraph> : null}
      <Paragraph>
        <Link to="/" className="utrecht-link">
          {t("error.backHome")}
        </Link>
      </Paragraph>
    </div>
  );
}
