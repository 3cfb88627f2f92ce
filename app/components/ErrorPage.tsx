import { isRouteErrorResponse, Link, useLocation, useRouteError, useRouteLoaderData } from "@remix-run/react";
import { Heading1, Paragraph } from "#app/components/nlds.tsx";
import { useTranslate } from "#app/i18n/use-translate.ts";

export const ERROR_KINDS = { 404: "notFound", 400: "badRequest", 403: "forbidden", 413: "tooLarge", 429: "tooMany", 503: "unavailable" } as const;

/**
 * The friendly page for a thrown 404 and for unexpected errors, inside the site's layout. A 503 (the
 * database is briefly unavailable) offers to try the same address again, after a page load or a client-side
 * navigation or form post alike.
 */
export function ErrorPage() {
  const error = useRouteError();
  const t = useTranslate();
  const location = useLocation();
  const root = useRouteLoaderData<{ requestId?: string }>("root");
  const status = isRouteErrorResponse(error) ? error.status : 500;
  const kind = ERROR_KINDS[status as keyof typeof ERROR_KINDS] ?? "generic";
  return (
    <div className="inspraak-stack">
      <Heading1>{t(`error.${kind}.title`)}</Heading1>
      <Paragraph>{t(`error.${kind}.text`)}</Paragraph>
      {status >= 500 && status !== 503 && root?.requestId ? <Paragraph>{t("error.reference", { id: root.requestId })}</Paragraph> : null}
      {status === 503 ? (
        <Paragraph>
          <Link to={`${location.pathname}${location.search}`} className="utrecht-link" reloadDocument>
            {t("error.tryAgain")}
          </Link>
        </Paragraph>
      ) : null}
      <Paragraph>
        <Link to="/" className="utrecht-link">
          {t("error.backHome")}
        </Link>
      </Paragraph>
    </div>
  );
}
