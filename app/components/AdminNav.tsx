import { Link, useLocation } from "@remix-run/react";
import { linkClass } from "#app/components/nlds.tsx";
import type { MessageKey } from "#app/i18n/index.ts";
import { useTranslate } from "#app/i18n/use-translate.ts";

const PAGES: { to: string; label: MessageKey }[] = [
  { to: "/beheer/gebruikers", label: "admin.users.title" },
  { to: "/beheer/plannen", label: "planAdmin.title" },
  { to: "/beheer/themas", label: "themeAdmin.title" },
  { to: "/beheer/auditlog", label: "admin.audit.title" },
];

/** The admin pages, linked to each other. */
export function AdminNav() {
  const t = useTranslate();
  const { pathname } = useLocation();
  return (
    <nav aria-label={t("planAdmin.nav.label")} className="inspraak-sort">
      <ul>
        {PAGES.map((page) => (
          <li key={page.to}>
            <Link to={page.to} className={linkClass} aria-current={pathname.startsWith(page.to) ? "page" : undefined}>
              {t(page.label)}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
