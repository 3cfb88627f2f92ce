import { Link } from "@remix-run/react";
import { useTranslate } from "#app/i18n/use-translate.ts";

export type Crumb = { to: string; label: string; lang?: string };

/** Where this page sits in the plan; the last crumb is the page itself. */
export function Breadcrumbs({ items }: { items: Crumb[] }) {
  const t = useTranslate();
  return (
    <nav aria-label={t("breadcrumb.label")} className="utrecht-breadcrumb-nav">
      <ol className="utrecht-breadcrumb-nav__list utrecht-breadcrumb-nav__list--html-ol">
        {items.map((item, index) => {
          const current = index === items.length - 1;
          return (
            <li key={item.to} className="utrecht-breadcrumb-nav__item">
              <Link
                to={item.to}
                lang={item.lang}
                className={`utrecht-breadcrumb-nav__link${current ? " utrecht-breadcrumb-nav__link--current" : ""}`}
                aria-current={current ? "page" : undefined}
              >
                {item.label}
              </Link>
              {current ? null : (
                <span className="utrecht-breadcrumb-nav__separator" aria-hidden="true">
                  {" › "}
                </span>
              )}
            </li>
          );
        })}
      </ol>
    </nav>
  );
}
