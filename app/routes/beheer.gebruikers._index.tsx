import { data, type MetaFunction } from "@remix-run/node";
import { AdminNav } from "#app/components/AdminNav.tsx";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { FormErrors, SubmitButton } from "#app/components/forms.tsx";
import { Heading1, linkClass, Paragraph, DataTable } from "#app/components/nlds.tsx";
import { SEARCH_MAX, userSearchQuery } from "#app/forms/admin.ts";
import { loaderWith } from "#app/guard.server.ts";
import { isMessageKey } from "#app/i18n/index.ts";
import { pageMeta } from "#app/i18n/meta.ts";
import { useTranslate } from "#app/i18n/use-translate.ts";
import { searchUsers } from "#app/users.server.ts";

export const loader = loaderWith("users.manage", async ({ request, t }) => {
  const params = new URL(request.url).searchParams;
  const parsed = userSearchQuery.safeParse(Object.fromEntries(params));
  if (!parsed.success) {
    const key = parsed.error.issues[0]?.message ?? "";
    const error = isMessageKey(key) ? t(key) : t("admin.query.invalid");
    return data({ query: params.get("q") ?? "", error, users: [], nextBefore: null, paged: false }, { status: 400 });
  }
  const { q = "", voor } = parsed.data;
  const page = await searchUsers({ query: q, before: voor });
  // searchUsers masks every address; `createdAt` is left out because the table does not show it.
  const users = page.users.map(({ id, displayName, email, emailVerified, blocked, deleted, roles }) => ({
    id,
    displayName,
    email,
    emailVerified,
    blocked,
    deleted,
    roles,
  }));
  return { query: q, error: null, users, nextBefore: page.nextBefore, paged: voor !== undefined };
});

export default function AdminUsers() {
  const { query, error, users, nextBefore, paged } = useLoaderData<typeof loader>();
  const t = useTranslate();
  const older = new URLSearchParams(query ? { q: query } : {});
  if (nextBefore !== null) older.set("voor", String(nextBefore));
  const newest = query ? `/beheer/gebruikers?${new URLSearchParams({ q: query })}` : "/beheer/gebruikers";
  return (
    <>
      <Heading1>{t("admin.users.title")}</Heading1>
      <AdminNav />
      <Paragraph>
        {t("admin.users.intro")}{" "}
        <Link to="/beheer/auditlog" className={linkClass}>
          {t("admin.audit.link")}
        </Link>
      </Paragraph>

      <Form method="get" role="search" aria-label={t("admin.users.searchRegion")} className="inspraak-form inspraak-section">
        <FormErrors form={{ errors: error ? [error] : undefined, errorId: "zoeken-fout" }} />
        <div className="utrecht-form-field utrecht-form-field--text">
          <div className="utrecht-form-field__label">
            <label className="utrecht-form-label" htmlFor="zoeken-q">
              {t("admin.users.searchLabel")}
            </label>
          </div>
          <div className="utrecht-form-field-description" id="zoeken-q-uitleg">
            {t("admin.users.searchHint", { max: SEARCH_MAX })}
          </div>
          <div className="utrecht-form-field__input">
            <input
              key={query}
              className="utrecht-textbox utrecht-textbox--html-input"
              id="zoeken-q"
              name="q"
              type="search"
              autoComplete="off"
              defaultValue={query}
              aria-describedby={error ? "zoeken-q-uitleg zoeken-fout" : "zoeken-q-uitleg"}
            />
          </div>
        </div>
        <SubmitButton>{t("admin.users.searchSubmit")}</SubmitButton>
      </Form>

      <section className="inspraak-section">
        {error ? null : users.length === 0 ? (
          <Paragraph>{query ? t("admin.users.noneFound", { query }) : t("admin.users.none")}</Paragraph>
        ) : (
          <DataTable caption={query ? t("admin.users.captionSearch", { query }) : t("admin.users.caption")} columns={[t("admin.users.name"), t("admin.users.email"), t("admin.users.verified"), t("admin.users.blocked"), t("admin.users.roles")]}>
            {users.map((user) => (
              <tr key={user.id} className="utrecht-table__row">
                <th scope="row" className="utrecht-table__header-cell">
                  <Link to={`/beheer/gebruikers/${user.id}`} className={linkClass}>
                    {user.displayName ?? t("deletedParticipant")}
                  </Link>
                </th>
                <td className="utrecht-table__cell">{user.email ?? t("admin.none")}</td>
                <td className="utrecht-table__cell">{user.emailVerified ? t("admin.yes") : t("admin.no")}</td>
                <td className="utrecht-table__cell">{user.blocked ? t("admin.yes") : t("admin.no")}</td>
                <td className="utrecht-table__cell">{user.roles.length ? user.roles.map((role) => t(`role.${role}`)).join(", ") : t("admin.none")}</td>
              </tr>
            ))}
          </DataTable>
        )}
        {nextBefore !== null || paged ? (
          <nav aria-label={t("admin.pagination")} className="inspraak-actions inspraak-section">
            {nextBefore !== null ? (
              <Link to={`/beheer/gebruikers?${older}`} className={linkClass}>
                {t("admin.users.older")}
              </Link>
            ) : null}
            {paged ? (
              <Link to={newest} className={linkClass}>
                {t("admin.users.newest")}
              </Link>
            ) : null}
          </nav>
        ) : null}
      </section>
    </>
  );
}

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, (t) => ({ title: t("admin.users.title") }));
