import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { FormErrors, StatusMessage, SubmitButton } from "#app/components/forms.tsx";
import { IntentButton, ModerationField, ModerationResult, NoteField, ReasonSelect } from "#app/components/ModerationForms.tsx";
import { Heading1, Heading2, linkClass, Paragraph } from "#app/components/nlds.tsx";
import { QueueItemView } from "#app/components/QueueItem.tsx";
import { romanNumeral } from "#app/content/format.ts";
import { bulkSchema } from "#app/forms/moderation.ts";
import { actionWith, loaderWith } from "#app/guard.server.ts";
import type { MessageKey } from "#app/i18n/index.ts";
import { pageMeta } from "#app/i18n/meta.ts";
import { useTranslate } from "#app/i18n/use-translate.ts";
import { decideAndNotify, decodeQueueCursor, loadQueue, mayActOn, queueThemes } from "#app/moderation-queue.server.ts";
import { getItem, type Decision, type TargetType } from "#app/moderation.server.ts";

export const loader = loaderWith("moderation.queue", async ({ request, actor }) => {
  const url = new URL(request.url);
  const themes = await queueThemes({ actor: actor! });
  const chosen = Number(url.searchParams.get("thema"));
  const selected = themes.find((theme) => theme.id === chosen) ?? null;
  const { items, next } = await loadQueue({
    themeIds: selected ? [selected.id] : themes.map((theme) => theme.id),
    viewerId: actor!.id,
    after: decodeQueueCursor(url.searchParams.get("na")),
  });
  // "comment:12:approve,proposal:3:claimedByOther": what a bulk action did, item by item.
  const bulk = (url.searchParams.get("bulk") ?? "")
    .split(",")
    .map((part) => part.match(/^(comment|proposal):(\d{1,10}):([a-zA-Z]{1,30})$/))
    .filter((match) => match !== null)
    .map((match) => ({ type: match[1] as TargetType, id: Number(match[2]), code: match[3]! }));
  return {
    themes: themes.map((theme) => ({ id: theme.id, number: theme.number, title: theme.title, open: theme.open })),
    selected: selected?.id ?? null,
    items,
    next,
    outcome: url.searchParams.get("gemodereerd"),
    bulk,
  };
});

/**
 * A bulk action: every selected item is checked against the moderator's
 * themes first (one item of another theme refuses the whole request), then
 * decided one by one, each in its own transaction with its own record row.
 */
export const action = actionWith("moderation.queue", async ({ request, actor }) => {
  const formData = await request.formData();
  const submission = parseWithZod(formData, { schema: bulkSchema });
  if (submission.status !== "success") return data({ errors: Object.values(submission.error ?? {}).flat().filter((error): error is string => typeof error === "string") }, { status: 400 });
  const { action: chosen, reason, note, items } = submission.value;
  const keys = [...new Set(items)].map((key) => {
    const [type, id] = key.split(":");
    return { type: type as TargetType, id: Number(id) };
  });
  const stored = await Promise.all(keys.map((key) => getItem(key)));
  if (stored.some((item) => item && !mayActOn(actor, item))) throw new Response("Forbidden", { status: 403 });
  const decision: Decision = chosen === "hide" ? { action: "hide", reason: reason!, note } : { action: chosen };
  const origin = new URL(request.url).origin;
  const results: string[] = [];
  for (const [index, key] of keys.entries()) {
    if (!stored[index]) {
      results.push(`${key.type}:${key.id}:notFound`);
      continue;
    }
    const result = await decideAndNotify({ type: key.type, id: key.id, moderatorId: actor!.id, decision, origin });
    results.push(`${key.type}:${key.id}:${result.ok ? chosen : result.reason}`);
  }
  throw redirect(`/moderatie?bulk=${encodeURIComponent(results.join(","))}`);
});

export default function ModerationQueuePage() {
  const { themes, selected, items, next, outcome, bulk } = useLoaderData<typeof loader>();
  const failed = useActionData<typeof action>();
  const t = useTranslate();
  return (
    <>
      <Heading1>{t("moderation.title")}</Heading1>
      <Paragraph>{t("moderation.queue.intro")}</Paragraph>
      <ModerationResult code={outcome} />
      {bulk.length ? (
        <StatusMessage type="info">
          {t("moderation.bulk.summary")}{" "}
          {bulk.map((entry) => `${entry.type === "comment" ? t("moderation.item.kindComment") : t("moderation.item.kindProposal")} ${entry.id}: ${t(`moderation.result.${entry.code}` as MessageKey) ?? entry.code}`).join(" · ")}
        </StatusMessage>
      ) : null}
      <FormErrors form={{ errors: failed?.errors, errorId: "bulk-fout" }} />

      <nav aria-label={t("moderation.queue.themesLabel")} className="inspraak-sort">
        <ul>
          <li>
            <Link to="/moderatie" className={linkClass} aria-current={selected === null ? "page" : undefined}>
              {t("moderation.queue.allThemes", { count: themes.reduce((sum, theme) => sum + theme.open, 0) })}
            </Link>
          </li>
          {themes.map((theme) => (
            <li key={theme.id}>
              <Link to={`/moderatie?thema=${theme.id}`} className={linkClass} aria-current={selected === theme.id ? "page" : undefined}>
                {t("moderation.queue.theme", { numeral: romanNumeral(theme.number) })} <span lang="nl">{theme.title}</span> ({theme.open})
              </Link>
            </li>
          ))}
        </ul>
      </nav>

      {items.length === 0 ? <Paragraph>{t("moderation.queue.empty")}</Paragraph> : null}
      {items.length ? (
        <section className="inspraak-section" aria-labelledby="bulk-kop">
          <Heading2 id="bulk-kop">{t("moderation.bulk.heading")}</Heading2>
          <Paragraph>{t("moderation.bulk.intro")}</Paragraph>
          <Form method="post" id="bulk" className="inspraak-form">
            <ModerationField id="bulk-actie" label={t("moderation.bulk.action")} kind="select">
              <select id="bulk-actie" name="action" required className="utrecht-select utrecht-select--html-select" defaultValue="approve">
                <option value="approve">{t("moderation.action.approve")}</option>
                <option value="hide">{t("moderation.action.hide")}</option>
                <option value="dismiss">{t("moderation.action.dismiss")}</option>
              </select>
            </ModerationField>
            <ReasonSelect id="bulk-reden" required={false} />
            <NoteField id="bulk-toelichting" label={t("moderation.form.publicNote")} />
            <SubmitButton>{t("moderation.bulk.submit")}</SubmitButton>
          </Form>
        </section>
      ) : null}

      <ol className="inspraak-queue">
        {items.map((item) => (
          <li key={item.key}>
            <QueueItemView item={item} headingLevel={2}>
              <div className="utrecht-form-field utrecht-form-field--checkbox">
                <label className="utrecht-form-label utrecht-form-label--checkbox">
                  {/* Part of the bulk form above through the form attribute, so every item keeps its own forms too. */}
                  <input type="checkbox" name="items" value={item.key} form="bulk" className="utrecht-checkbox utrecht-checkbox--html-input" />{" "}
                  {t("moderation.bulk.select", { id: item.id })}
                </label>
              </div>
              <div className="inspraak-actions">
                {!item.claim ? <IntentButton action={item.path} back="/moderatie" intent="claim" label={t("moderation.action.claim")} /> : null}
                <IntentButton action={item.path} back="/moderatie" intent="approve" label={t("moderation.action.approve")} appearance="primary" />
                <IntentButton action={item.path} back="/moderatie" intent="dismiss" label={t("moderation.action.dismiss")} />
                <Link to={item.path} className={linkClass}>
                  {t("moderation.queue.allActions", { id: item.id })}
                </Link>
              </div>
            </QueueItemView>
          </li>
        ))}
      </ol>
      {next ? (
        <Link to={`/moderatie?${new URLSearchParams({ ...(selected ? { thema: String(selected) } : {}), na: next })}`} className={linkClass}>
          {t("moderation.queue.more")}
        </Link>
      ) : null}
    </>
  );
}

export const meta: MetaFunction<typeof loader> = ({ matches }) => pageMeta(matches, (t) => ({ title: t("moderation.title") }));
