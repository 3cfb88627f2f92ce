import { data, redirect, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useLocation } from "@remix-run/react";
import { z } from "zod";
import { StatusMessage, SubmitButton } from "#app/components/forms.tsx";
import { Heading1, linkClass, Paragraph } from "#app/components/nlds.tsx";
import { formatDateTime } from "#app/content/dates.ts";
import { actionWith, loaderWith } from "#app/guard.server.ts";
import { pageMeta } from "#app/i18n/meta.ts";
import { useLocale, useTranslate } from "#app/i18n/use-translate.ts";
import { decodeNotificationCursor, listNotifications, markAllRead, markRead } from "#app/notifications.server.ts";
import { safeRedirect } from "#app/safe-redirect.ts";
import { idField } from "#app/forms/ids.ts";

export const loader = loaderWith("account.manage", async ({ request, actor, t, locale }) => {
  const url = new URL(request.url);
  const raw = url.searchParams.get("na");
  const after = raw ? decodeNotificationCursor(raw) : null;
  if (raw && !after) throw new Response(t("error.badRequest.title"), { status: 400 });
  const page = await listNotifications({ userId: actor!.id, after, t, locale });
  return { ...page, allRead: url.searchParams.get("gedaan") === "alles" };
});

const markSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("read"), id: idField, redirectTo: z.string().optional() }),
  z.object({ intent: z.literal("readAll") }),
]);

export const action = actionWith("account.manage", async ({ request, actor }) => {
  const parsed = markSchema.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success) return data({ error: "Bad Request" }, { status: 400 });
  if (parsed.data.intent === "readAll") {
    await markAllRead({ userId: actor!.id });
    throw redirect("/meldingen?gedaan=alles");
  }
  await markRead({ userId: actor!.id, notificationId: parsed.data.id });
  throw redirect(safeRedirect(parsed.data.redirectTo, "/meldingen"));
});

export default function Notifications() {
  const { items, next, allRead } = useLoaderData<typeof loader>();
  const t = useTranslate();
  const locale = useLocale();
  const location = useLocation();
  // Back to the same page after marking one as read, without the "all read" notice.
  const here = `${location.pathname}${location.search.replace(/[?&]gedaan=alles/, "")}`;
  return (
    <>
      <Heading1>{t("notifications.title")}</Heading1>
      {allRead ? <StatusMessage>{t("notifications.allRead")}</StatusMessage> : null}
      <Paragraph>{t("notifications.intro")}</Paragraph>
      {items.length === 0 ? (
        <Paragraph>{t("notifications.empty")}</Paragraph>
      ) : (
        <>
          {items.some((item) => !item.read) ? (
            <Form method="post" className="inspraak-form">
              <input type="hidden" name="intent" value="readAll" />
              <SubmitButton appearance="secondary">{t("notifications.markAllRead")}</SubmitButton>
            </Form>
          ) : null}
          <ol className="inspraak-section" aria-label={t("notifications.title")}>
            {items.map((item) => (
              <li key={item.id} id={`melding-${item.id}`} data-unread={item.read ? undefined : "true"}>
                <p className="utrecht-paragraph">
                  {/* Unread is said in words and weight, not by colour alone. */}
                  {item.read ? null : <strong>{t("notifications.unread")}: </strong>}
                  <Link to={item.link} className={linkClass}>
                    {item.read ? item.text : <strong>{item.text}</strong>}
                  </Link>{" "}
                  <time dateTime={item.createdAt}>{formatDateTime(item.createdAt, locale)}</time>
                </p>
                {item.read ? null : (
                  <Form method="post" className="inspraak-inline-form">
                    <input type="hidden" name="intent" value="read" />
                    <input type="hidden" name="id" value={item.id} />
                    <input type="hidden" name="redirectTo" value={`${here}#melding-${item.id}`} />
                    <button type="submit" className="inspraak-link-button" aria-label={t("notifications.markReadLabel", { text: item.text })}>
                      {t("notifications.markRead")}
                    </button>
                  </Form>
                )}
              </li>
            ))}
          </ol>
          {next ? (
            <Paragraph>
              <Link to={`/meldingen?na=${encodeURIComponent(next)}`} className={linkClass}>
                {t("notifications.more")}
              </Link>
            </Paragraph>
          ) : null}
        </>
      )}
    </>
  );
}

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, (t) => ({ title: t("notifications.title") }));
