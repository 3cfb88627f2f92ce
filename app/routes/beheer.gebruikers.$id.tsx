import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { ScopeText } from "#app/components/ScopeText.tsx";
import { AdminNav } from "#app/components/AdminNav.tsx";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useLocation } from "@remix-run/react";
import { Breadcrumbs } from "#app/components/Breadcrumbs.tsx";
import { FormErrors, SelectField, StatusMessage, SubmitButton, TextField } from "#app/components/forms.tsx";
import { Heading1, Heading2, Paragraph, DataTable } from "#app/components/nlds.tsx";
import { romanNumeral } from "#app/content/format.ts";
import { localize } from "#app/content/localize.ts";
import { adminUserSchema, grantSchema, ORGANISATION_MAX, roles, userIdParam, userPageQuery, type AdminUserIntent, type Done } from "#app/forms/admin.ts";
import { actionWith, loaderWith } from "#app/guard.server.ts";
import type { Locale, Translate } from "#app/i18n/index.ts";
import { pageMeta } from "#app/i18n/meta.ts";
import { useTranslate } from "#app/i18n/use-translate.ts";
import { blockUser, getUserForAdmin, grantRole, listRoleScopes, revokeRole, scopeOf, unblockUser, type GrantInput } from "#app/users.server.ts";

function notFound(): never {
  throw new Response("Not Found", { status: 404 });
}

/** The person of `/beheer/gebruikers/:id`, or a 404 for an id that is not a number or not a person. */
async function findPerson(id: string | undefined) {
  const userId = userIdParam.safeParse(id ?? "");
  if (!userId.success) notFound();
  return (await getUserForAdmin({ userId: userId.data })) ?? notFound();
}

// Formatted on the server, in the Netherlands' time zone, so the page reads the same after hydration.
function formatMoment(moment: Date, locale: Locale): string {
  return new Intl.DateTimeFormat(locale === "nl" ? "nl-NL" : "en-GB", { dateStyle: "long", timeStyle: "short", timeZone: "Europe/Amsterdam" }).format(moment);
}

export const loader = loaderWith("users.manage", async ({ request, params, actor, locale }) => {
  const [person, scopes] = await Promise.all([findPerson(params.id), listRoleScopes()]);
  const { gedaan } = userPageQuery.parse(Object.fromEntries(new URL(request.url).searchParams));
  return {
    person: {
      id: person.id,
      displayName: person.displayName,
      email: person.email,
      emailVerified: person.emailVerifiedAt !== null,
      blockedSince: person.blockedAt ? formatMoment(person.blockedAt, locale) : null,
      deleted: person.deletedAt !== null,
      memberSince: formatMoment(person.createdAt, locale),
      grants: person.grants.map((grant) => ({ id: grant.id, role: grant.role, since: formatMoment(grant.grantedAt, locale), scope: scopeOf(grant, locale) })),
    },
    isSelf: actor?.id === person.id,
    done: gedaan ?? null,
    themes: scopes.themes.map((theme) => ({ id: theme.id, number: theme.number, title: localize(theme, "title", locale).text, period: theme.period })),
    actionPoints: scopes.actionPoints.map((point) => ({ id: point.id, number: point.number, title: localize(point, "title", locale).text, period: point.period })),
  };
});

/** The failed form says which it was, so the page shows the message at that form. */
function failed(intent: string, result: SubmissionResult<string[]>, status: 400 | 404) {
  return data({ intent, result }, { status });
}

export const action = actionWith("users.manage", async ({ request, params, actor }) => {
  const person = await findPerson(params.id);
  const formData = await request.formData();
  const submission = parseWithZod(formData, { schema: adminUserSchema });
  if (submission.status !== "success") return failed(String(formData.get("intent") ?? ""), submission.reply(), 400);
  const actorId = actor!.id;
  const value = submission.value;
  const done = (what: Done, to = `/beheer/gebruikers/${person.id}`) => redirect(`${to}?gedaan=${what}`);

  if (value.intent === "grant") {
    const grant: GrantInput =
      value.role === "moderator"
        ? { role: "moderator", themeId: value.themeId }
        : value.role === "action_holder"
          ? { role: "action_holder", actionPointId: value.actionPointId }
          : value.role === "forum_member"
            ? { role: "forum_member", organisation: value.organisation }
            : { role: "admin" };
    const result = await grantRole({ actorId, userId: person.id, grant });
    if (result.ok) throw done("granted");
    if (result.reason === "unknownScope") {
      const fieldErrors: Record<string, string[]> =
        grant.role === "moderator" ? { themeId: ["admin.grant.unknownTheme"] } : { actionPointId: ["admin.grant.unknownActionPoint"] };
      return failed("grant", submission.reply({ fieldErrors }), 400);
    }
    const message = result.reason === "alreadyGranted" ? "admin.grant.already" : "admin.error.deleted";
    return failed("grant", submission.reply({ formErrors: [message] }), 400);
  }

  if (value.intent === "revoke") {
    // Only a grant of the person whose page this is: the form cannot reach into someone else's roles.
    const grant = person.grants.find((candidate) => candidate.id === value.grantId);
    if (!grant) return failed("revoke", submission.reply({ formErrors: ["admin.revoke.unknown"] }), 404);
    const result = await revokeRole({ actorId, grantId: grant.id });
    if (result.ok) {
      // An admin who gave up their own admin role may no longer see this page.
      throw grant.role === "admin" && person.id === actorId ? redirect("/") : done("revoked");
    }
    if (result.reason === "lastAdmin") return failed("revoke", submission.reply({ formErrors: ["admin.revoke.lastAdmin"] }), 400);
    return failed("revoke", submission.reply({ formErrors: ["admin.revoke.unknown"] }), 404);
  }

  if (value.intent === "block") {
    const result = await blockUser({ actorId, userId: person.id });
    if (result.ok) throw done("blocked");
    return failed("block", submission.reply({ formErrors: [result.reason === "self" ? "admin.block.self" : "admin.error.deleted"] }), 400);
  }

  const result = await unblockUser({ actorId, userId: person.id });
  if (result.ok) throw done("unblocked");
  return failed("unblock", submission.reply({ formErrors: ["admin.error.deleted"] }), 400);
});


function GrantForm({ personId, lastResult }: { personId: number; lastResult: SubmissionResult<string[]> | undefined }) {
  const { themes, actionPoints } = useLoaderData<typeof loader>();
  const t = useTranslate();
  const [form, fields] = useForm({
    lastResult,
    constraint: getZodConstraint(grantSchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: grantSchema }),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
  });
  // Without JavaScript (or before a role is chosen) every scope field shows; each says which role needs it.
  const role = typeof fields.role.value === "string" && fields.role.value !== "" ? fields.role.value : null;
  return (
    <Form method="post" action={`/beheer/gebruikers/${personId}`} {...getFormProps(form)} className="inspraak-form">
      <FormErrors form={form} />
      <input type="hidden" name="intent" value="grant" />
      <SelectField
        meta={fields.role}
        label={t("admin.grant.role")}
        placeholder={t("admin.grant.chooseRole")}
        options={roles.map((value) => ({ value, label: t(`role.${value}`) }))}
        required
      />
      {role === null || role === "moderator" ? (
        <SelectField
          meta={fields.themeId}
          label={t("admin.grant.theme")}
          description={t("admin.grant.themeHint")}
          placeholder={t("admin.grant.chooseTheme")}
          options={themes.map((theme) => ({
            value: String(theme.id),
            label: `${t("theme.label", { numeral: romanNumeral(theme.number) })}: ${theme.title} (${theme.period})`,
          }))}
        />
      ) : null}
      {role === null || role === "action_holder" ? (
        <SelectField
          meta={fields.actionPointId}
          label={t("admin.grant.actionPoint")}
          description={t("admin.grant.actionPointHint")}
          placeholder={t("admin.grant.chooseActionPoint")}
          options={actionPoints.map((point) => ({
            value: String(point.id),
            label: `${t("actionPoint.label", { number: point.number })}: ${point.title} (${point.period})`,
          }))}
        />
      ) : null}
      {role === null || role === "forum_member" ? (
        <TextField meta={fields.organisation} label={t("admin.grant.organisation")} description={t("admin.grant.organisationHint")} maxLength={ORGANISATION_MAX} />
      ) : null}
      <SubmitButton>{t("admin.grant.submit")}</SubmitButton>
    </Form>
  );
}

const doneMessages = {
  granted: "admin.done.granted",
  revoked: "admin.done.revoked",
  blocked: "admin.done.blocked",
  unblocked: "admin.done.unblocked",
} as const satisfies Record<Done, string>;

function messagesFor(actionData: { intent: string; result: SubmissionResult<string[]> } | undefined, intents: AdminUserIntent[]) {
  if (!actionData || !(intents as string[]).includes(actionData.intent)) return undefined;
  // Conform keeps the errors of the whole form under the empty name; a tampered id shows as a field error.
  const errors = Object.values(actionData.result.error ?? {}).flatMap((messages) => messages ?? []);
  return errors.length ? errors : undefined;
}

function personName(t: Translate, displayName: string | null) {
  return displayName ?? t("deletedParticipant");
}

export default function AdminUser() {
  const { person, isSelf, done } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useTranslate();
  const location = useLocation();
  const name = personName(t, person.displayName);
  const formAction = `/beheer/gebruikers/${person.id}`;
  const unknownIntent = actionData && !(["grant", "revoke", "block", "unblock"] as string[]).includes(actionData.intent) ? ["admin.error.invalid"] : undefined;
  return (
    <>
      <Breadcrumbs
        items={[
          { to: "/beheer/gebruikers", label: t("admin.users.title") },
          { to: formAction, label: name },
        ]}
      />
      <Heading1>{name}</Heading1>
      <AdminNav />
      {done ? <StatusMessage>{t(doneMessages[done])}</StatusMessage> : null}
      <FormErrors form={{ errors: unknownIntent, errorId: "fout" }} />

      <section className="inspraak-section" aria-labelledby="gegevens">
        <Heading2 id="gegevens">{t("admin.user.details")}</Heading2>
        <dl className="inspraak-facts">
          <dt>{t("admin.users.email")}</dt>
          <dd>{person.email ?? t("admin.none")}</dd>
          <dt>{t("admin.users.verified")}</dt>
          <dd>{person.emailVerified ? t("admin.yes") : t("admin.no")}</dd>
          <dt>{t("admin.user.memberSince")}</dt>
          <dd>{person.memberSince}</dd>
          <dt>{t("admin.user.state")}</dt>
          <dd>
            {person.deleted
              ? t("admin.user.stateDeleted")
              : person.blockedSince
                ? t("admin.user.stateBlocked", { date: person.blockedSince })
                : t("admin.user.stateActive")}
          </dd>
        </dl>
      </section>

      <section className="inspraak-section" aria-labelledby="rollen">
        <Heading2 id="rollen">{t("admin.user.roles")}</Heading2>
        <FormErrors form={{ errors: messagesFor(actionData, ["revoke"]), errorId: "rollen-fout" }} />
        {person.grants.length === 0 ? (
          <Paragraph>{t("admin.user.noRoles")}</Paragraph>
        ) : (
          <DataTable caption={t("admin.user.rolesCaption", { name })} columns={[t("admin.user.role"), t("admin.user.scope"), t("admin.user.since"), t("admin.user.change")]}>
            {person.grants.map((grant) => (
              <tr key={grant.id} className="utrecht-table__row">
                <th scope="row" className="utrecht-table__header-cell" id={`rol-${grant.id}`}>
                  {t(`role.${grant.role}`)}
                </th>
                <td className="utrecht-table__cell" id={`bereik-${grant.id}`}>
                  <ScopeText scope={grant.scope} />
                </td>
                <td className="utrecht-table__cell">{grant.since}</td>
                <td className="utrecht-table__cell">
                  <Form method="post" action={formAction} className="inspraak-inline-form">
                    <input type="hidden" name="intent" value="revoke" />
                    <input type="hidden" name="grantId" value={grant.id} />
                    <button
                      type="submit"
                      className="utrecht-button utrecht-button--secondary-action utrecht-button--html-button"
                      aria-describedby={`rol-${grant.id} bereik-${grant.id}`}
                    >
                      {t("admin.revoke.submit")}
                    </button>
                  </Form>
                </td>
              </tr>
            ))}
          </DataTable>
        )}
      </section>

      {person.deleted ? (
        <section className="inspraak-section" aria-labelledby="verwijderd">
          <Heading2 id="verwijderd">{t("admin.user.deletedHeading")}</Heading2>
          <Paragraph>{t("admin.user.deletedText")}</Paragraph>
        </section>
      ) : (
        <>
          <section className="inspraak-section" aria-labelledby="rol-geven">
            <Heading2 id="rol-geven">{t("admin.grant.heading")}</Heading2>
            <GrantForm key={location.key} personId={person.id} lastResult={actionData?.intent === "grant" ? actionData.result : undefined} />
          </section>

          <section className="inspraak-section" aria-labelledby="blokkeren">
            <Heading2 id="blokkeren">{t("admin.block.heading")}</Heading2>
            <FormErrors form={{ errors: messagesFor(actionData, ["block", "unblock"]), errorId: "blokkeren-fout" }} />
            {person.blockedSince ? (
              <>
                <Paragraph>{t("admin.block.blockedText", { date: person.blockedSince })}</Paragraph>
                <Form method="post" action={formAction}>
                  <input type="hidden" name="intent" value="unblock" />
                  <SubmitButton appearance="secondary">{t("admin.block.unblockSubmit")}</SubmitButton>
                </Form>
              </>
            ) : isSelf ? (
              <Paragraph>{t("admin.block.selfText")}</Paragraph>
            ) : (
              <>
                <Paragraph>{t("admin.block.text")}</Paragraph>
                <Form method="post" action={formAction}>
                  <input type="hidden" name="intent" value="block" />
                  <SubmitButton appearance="secondary">{t("admin.block.submit")}</SubmitButton>
                </Form>
              </>
            )}
          </section>
        </>
      )}
    </>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  pageMeta(matches, (t) => (data ? { title: t("admin.user.title", { name: personName(t, data.person.displayName) }) } : null));
