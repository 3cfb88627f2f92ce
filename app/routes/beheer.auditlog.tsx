import { data, type MetaFunction } from "@remix-run/node";
import { ScopeText } from "#app/components/ScopeText.tsx";
import { Text } from "#app/components/Text.tsx";
import { AdminNav } from "#app/components/AdminNav.tsx";
import { Link, useLoaderData } from "@remix-run/react";
import { FormErrors } from "#app/components/forms.tsx";
import { Heading1, linkClass, Paragraph, DataTable } from "#app/components/nlds.tsx";
import { auditLogQuery, roles } from "#app/forms/admin.ts";
import { loaderWith } from "#app/guard.server.ts";
import { isMessageKey, type Locale, type MessageKey, type Translate } from "#app/i18n/index.ts";
import { localize } from "#app/content/localize.ts";
import { pageMeta } from "#app/i18n/meta.ts";
import { useTranslate } from "#app/i18n/use-translate.ts";
import { listAuditLog, scopeOf } from "#app/users.server.ts";
import type { Role } from "#db/schema.ts";

const actionLabels: Record<string, MessageKey> = {
  "role.granted": "admin.audit.action.roleGranted",
  "role.revoked": "admin.audit.action.roleRevoked",
  "user.blocked": "admin.audit.action.userBlocked",
  "user.unblocked": "admin.audit.action.userUnblocked",
  "account.deleted": "admin.audit.action.accountDeleted",
  "plan.updated": "admin.audit.action.planUpdated",
  "theme.updated": "themeAdmin.auditAction",
  "plan.created": "contentAdmin.audit.planCreated",
  "theme.created": "contentAdmin.audit.themeCreated",
  "actionPoint.created": "contentAdmin.audit.actionPointCreated",
  "actionPoint.updated": "contentAdmin.audit.actionPointUpdated",
};

/** Entries about plans, themes and action points, whose details say what changed (see app/content-admin.server.ts). */
const contentActions = new Set(["plan.created", "plan.updated", "theme.created", "theme.updated", "actionPoint.created", "actionPoint.updated"]);

/** One line per changed field: "Titel: ‘old’ → ‘new’", or for a long text how many paragraphs stayed. */
function describeChanges(details: Record<string, string | number | null>, t: Translate): string[] {
  const fields = [...new Set(Object.keys(details).filter((key) => key.includes(".")).map((key) => key.slice(0, key.indexOf("."))))];
  return fields.map((field) => {
    const english = field.endsWith("En") && isMessageKey(`contentAdmin.field.${field.slice(0, -2)}`);
    const base = english ? field.slice(0, -2) : field;
    const known = isMessageKey(`contentAdmin.field.${base}`);
    const name = known ? t(`contentAdmin.field.${base}` as MessageKey) : field;
    const label = english ? t("contentAdmin.field.english", { label: name }) : name;
    const value = (key: string) => details[`${field}.${key}`];
    if (value("kept") !== undefined) return t("contentAdmin.audit.textChange", { field: label, kept: value("kept") ?? 0, added: value("added") ?? 0, removed: value("removed") ?? 0 });
    const shown = (moment: string | number | null | undefined) => (moment === null || moment === undefined || moment === "" ? t("contentAdmin.stale.empty") : String(moment));
    return t("contentAdmin.audit.change", { field: label, from: shown(value("from")), to: shown(value("to")) });
  });
}

const isRole = (value: unknown): value is Role => (roles as readonly unknown[]).includes(value);

// Formatted on the server, in the Netherlands' time zone, so the page reads the same after hydration.
function formatMoment(moment: Date, locale: Locale): string {
  return new Intl.DateTimeFormat(locale === "nl" ? "nl-NL" : "en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "Europe/Amsterdam" }).format(moment);
}

export const loader = loaderWith("audit.read", async ({ request, t, locale }) => {
  const parsed = auditLogQuery.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!parsed.success) {
    const key = parsed.error.issues[0]?.message ?? "";
    const error = isMessageKey(key) ? t(key) : t("admin.query.invalid");
    return data({ error, entries: [], nextBefore: null, paged: false }, { status: 400 });
  }
  const { voor } = parsed.data;
  const page = await listAuditLog({ before: voor });
  const entries = page.entries.map((entry) => {
    const role = isRole(entry.details.role) ? entry.details.role : null;
    const organisation = typeof entry.details.organisation === "string" ? entry.details.organisation : null;
    return {
      id: entry.id,
      action: entry.action,
      at: entry.createdAt.toISOString(),
      when: formatMoment(entry.createdAt, locale),
      // No actor: the change was made on the command line (`npm run admin:create`).
      actor: entry.actor ? { id: entry.actor.id, displayName: entry.actor.displayName } : null,
      subject: entry.subject ? { id: entry.subject.id, displayName: entry.subject.displayName } : null,
      role,
      scope: role ? scopeOf({ ...entry, organisation }, locale) : null,
      content: contentActions.has(entry.action)
        ? {
            about: entry.action.startsWith("plan.") ? (entry.plan ? { kind: "plan" as const, title: localize(entry.plan, "title", locale) } : null) : scopeOf(entry, locale),
            changes: describeChanges(entry.details, t),
          }
        : null,
    };
  });
  return { error: null, entries, nextBefore: page.nextBefore, paged: voor !== undefined };
});


function Person({ person }: { person: { id: number; displayName: string | null } }) {
  const t = useTranslate();
  return (
    <Link to={`/beheer/gebruikers/${person.id}`} className={linkClass}>
      {person.displayName ?? t("deletedParticipant")}
    </Link>
  );
}

export default function AuditLog() {
  const { error, entries, nextBefore, paged } = useLoaderData<typeof loader>();
  const t = useTranslate();
  return (
    <>
      <Heading1>{t("admin.audit.title")}</Heading1>
      <AdminNav />
      <Paragraph>
        {t("admin.audit.intro")}{" "}
        <Link to="/beheer/gebruikers" className={linkClass}>
          {t("admin.audit.usersLink")}
        </Link>
      </Paragraph>
      <FormErrors form={{ errors: error ? [error] : undefined, errorId: "logboek-fout" }} />

      <section className="inspraak-section">
        {error ? null : entries.length === 0 ? (
          <Paragraph>{t("admin.audit.empty")}</Paragraph>
        ) : (
          <DataTable caption={t("admin.audit.caption")} columns={[t("admin.audit.when"), t("admin.audit.who"), t("admin.audit.what"), t("admin.audit.subject"), t("admin.audit.details")]}>
            {entries.map((entry) => {
              const label = actionLabels[entry.action];
              return (
                <tr key={entry.id} className="utrecht-table__row">
                  <td className="utrecht-table__cell">
                    <time dateTime={entry.at}>{entry.when}</time>
                  </td>
                  <td className="utrecht-table__cell">{entry.actor ? <Person person={entry.actor} /> : t("admin.audit.commandLine")}</td>
                  <td className="utrecht-table__cell">{label ? t(label) : entry.action}</td>
                  <td className="utrecht-table__cell">{entry.subject ? <Person person={entry.subject} /> : t("admin.none")}</td>
                  <td className="utrecht-table__cell">
                    {entry.content ? (
                      <>
                        {entry.content.about === null ? null : entry.content.about.kind === "plan" ? (
                          <Text value={entry.content.about.title} />
                        ) : entry.content.about.kind !== "site" ? (
                          <ScopeText scope={entry.content.about} />
                        ) : null}
                        <ul>
                          {entry.content.changes.map((change, index) => (
                            <li key={index}>{change}</li>
                          ))}
                        </ul>
                      </>
                    ) : entry.role ? (
                      <>
                        {t(`role.${entry.role}`)}
                        {entry.scope && entry.scope.kind !== "site" ? (
                          <>
                            {": "}
                            <ScopeText scope={entry.scope} />
                          </>
                        ) : null}
                      </>
                    ) : (
                      t("admin.none")
                    )}
                  </td>
                </tr>
              );
            })}
          </DataTable>
        )}
        {nextBefore !== null || paged ? (
          <nav aria-label={t("admin.pagination")} className="inspraak-actions inspraak-section">
            {nextBefore !== null ? (
              <Link to={`/beheer/auditlog?voor=${nextBefore}`} className={linkClass}>
                {t("admin.audit.older")}
              </Link>
            ) : null}
            {paged ? (
              <Link to="/beheer/auditlog" className={linkClass}>
                {t("admin.audit.newest")}
              </Link>
            ) : null}
          </nav>
        ) : null}
      </section>
    </>
  );
}

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, (t) => ({ title: t("admin.audit.title") }));
