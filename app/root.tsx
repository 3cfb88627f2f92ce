import type { LinksFunction, MetaFunction } from "@remix-run/node";
import { Form, isRouteErrorResponse, Link, Links, Meta, NavLink, Outlet, Scripts, ScrollRestoration, useLocation, useRouteLoaderData } from "@remix-run/react";
import type { ReactNode } from "react";
import { ERROR_KINDS, ErrorPage } from "#app/components/ErrorPage.tsx";
import { skipReloadAfterRefusal } from "#app/forms/not-saved.ts";
import { useNonce } from "#app/components/nonce.tsx";
import { defaultLocale, MESSAGES_ELEMENT_ID, messagesJson, translator, type Locale } from "#app/i18n/index.ts";
import { loaderWith } from "#app/guard.server.ts";
import { can } from "#app/permissions.server.ts";
import { countUnread } from "#app/notifications.server.ts";
import { pageMeta } from "#app/i18n/meta.ts";
import stylesUrl from "#app/styles/app.css?url";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: stylesUrl }];

export const loader = loaderWith("public.read", async ({ actor, locale, context }) => ({
  locale,
  requestId: context.requestId ?? null,
  user: actor ? { displayName: actor.displayName, mayAdminister: can(actor, "users.manage"), mayModerate: can(actor, "moderation.queue"), unread: await countUnread({ userId: actor.id }) } : null,
}));

export const shouldRevalidate = skipReloadAfterRefusal;

export function Layout({ children }: { children: ReactNode }) {
  const nonce = useNonce();
  const data = useRouteLoaderData<typeof loader>("root");
  const locale = data?.locale ?? defaultLocale;
  const t = translator(locale);
  const location = useLocation();
  const here = `${location.pathname}${location.search}`;
  return (
    <html lang={locale} className="utrecht-root">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body className="utrecht-document utrecht-document--surface voorbeeld-theme">
        <div className="inspraak-page">
          <a className="utrecht-skip-link utrecht-skip-link--visible-on-focus" href="#inhoud">
            {t("skipLink")}
          </a>
          <header className="inspraak-header">
            <div className="inspraak-container inspraak-header__bar">
              <Link to="/" className="inspraak-header__brand utrecht-link utrecht-link--html-a">
                <span className="inspraak-header__name">{t("site.name")}</span>
                <span>{t("site.tagline")}</span>
              </Link>
              <nav aria-label={t("nav.label")} className="inspraak-header__nav">
                <ul>
                  <li>
                    <NavLink to="/" end className="utrecht-link utrecht-link--html-a">
                      {t("nav.plan")}
                    </NavLink>
                  </li>
                  <li>
                    <NavLink to="/voorstellen" className="utrecht-link utrecht-link--html-a">
                      {t("nav.proposals")}
                    </NavLink>
                  </li>
                  <li>
                    <NavLink to="/over-het-actieplan" className="utrecht-link utrecht-link--html-a">
                      {t("nav.about")}
                    </NavLink>
                  </li>
                  {data?.user ? (
                    <>
                      {data.user.mayAdminister ? (
                        <li>
                          <NavLink to="/beheer/gebruikers" className="utrecht-link utrecht-link--html-a">
                            {t("nav.admin")}
                          </NavLink>
                        </li>
                      ) : null}
                      {data.user.mayModerate ? (
                        <li>
                          <NavLink to="/moderatie" className="utrecht-link utrecht-link--html-a">
                            {t("moderation.nav")}
                          </NavLink>
                        </li>
                      ) : null}
                      <li>
                        <NavLink to="/meldingen" className="utrecht-link utrecht-link--html-a" aria-label={t("notifications.navLabel", { count: data.user.unread > 99 ? "99+" : data.user.unread })}>
                          {t("notifications.nav", { count: data.user.unread > 99 ? "99+" : data.user.unread })}
                        </NavLink>
                      </li>
                      <li>
                        <NavLink to="/account" className="utrecht-link utrecht-link--html-a" title={t("nav.signedInAs", { name: data.user.displayName })}>
                          {t("nav.account")}
                        </NavLink>
                      </li>
                      <li>
                        <Form method="post" action="/uitloggen" className="inspraak-inline-form">
                          <button type="submit" className="inspraak-link-button">
                            {t("nav.signOut")}
                          </button>
                        </Form>
                      </li>
                    </>
                  ) : (
                    <>
                      <li>
                        <NavLink to="/inloggen" className="utrecht-link utrecht-link--html-a">
                          {t("nav.signIn")}
                        </NavLink>
                      </li>
                      <li>
                        <NavLink to="/registreren" className="utrecht-link utrecht-link--html-a">
                          {t("nav.register")}
                        </NavLink>
                      </li>
                    </>
                  )}
                  <li>
                    {/* A full page load, so the browser gets the other language's messages (MessagesScript). */}
                    <Form method="post" action="/taal" reloadDocument className="inspraak-inline-form">
                      <input type="hidden" name="redirectTo" value={here} />
                      <button
                        type="submit"
                        name="locale"
                        value={t("language.switchLang")}
                        lang={t("language.switchLang")}
                        title={t("language.switchHint")}
                        className="inspraak-link-button"
                      >
                        {t("language.switch")}
                      </button>
                    </Form>
                  </li>
                </ul>
              </nav>
              <Form method="get" action="/zoeken" role="search" aria-label={t("search.header.label")} className="inspraak-header__search" style={{ display: "flex", flexWrap: "wrap", gap: "0.5rem", alignItems: "center" }}>
                <label htmlFor="site-zoek" className="utrecht-form-label">
                  {t("search.header.label")}
                </label>
                <input id="site-zoek" name="q" type="search" maxLength={200} className="utrecht-textbox utrecht-textbox--html-input" />
                <button type="submit" className="utrecht-button utrecht-button--secondary-action">
                  {t("search.header.button")}
                </button>
              </Form>
            </div>
          </header>
          <main id="inhoud" tabIndex={-1} className="inspraak-main">
            <div className="inspraak-container">{children}</div>
          </main>
          <footer className="inspraak-footer utrecht-page-footer">
            <div className="inspraak-container">
              <h2 className="utrecht-heading-2">{t("footer.label")}</h2>
              <p className="utrecht-paragraph">{t("footer.about")}</p>
              <ul className="utrecht-unordered-list">
                <li className="utrecht-unordered-list__item">
                  <Link to="/" className="utrecht-link utrecht-link--html-a">
                    {t("footer.plan")}
                  </Link>
                </li>
                <li className="utrecht-unordered-list__item">
                  <Link to="/over-het-actieplan" className="utrecht-link utrecht-link--html-a">
                    {t("footer.aboutPlan")}
                  </Link>
                </li>
                <li className="utrecht-unordered-list__item">
                  <Link to="/statistieken" className="utrecht-link utrecht-link--html-a">
                    {t("stats.footer")}
                  </Link>
                </li>
              </ul>
            </div>
          </footer>
        </div>
        <MessagesScript locale={locale} />
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

/**
 * The page's language's messages as JSON for the browser (app/i18n/dictionaries.browser.ts):
 * data, not script (it carries the nonce only so every inline script does). Written once by the server; the
 * browser reads it before hydrating and leaves it alone.
 */
function MessagesScript({ locale }: { locale: Locale }) {
  const json = typeof document === "undefined" ? messagesJson(locale) : "";
  return <script id={MESSAGES_ELEMENT_ID} type="application/json" nonce={useNonce()} suppressHydrationWarning dangerouslySetInnerHTML={{ __html: json }} />;
}

export default function App() {
  return <Outlet />;
}

/** The title when an error page replaces the route, or for routes without a meta of their own. */
export const meta: MetaFunction<typeof loader> = ({ error, matches }) =>
  pageMeta(matches, (t) => {
    if (!error) return { title: t("site.tagline") };
    const status = isRouteErrorResponse(error) ? error.status : 500;
    if (status === 404) return null;
    const kind = ERROR_KINDS[status as keyof typeof ERROR_KINDS] ?? "generic";
    return { title: t(`error.${kind}.title`) };
  });

export function ErrorBoundary() {
  return <ErrorPage />;
}
