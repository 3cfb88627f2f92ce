import type { MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import type { ReactNode } from "react";
import { Heading1, Heading2, linkClass, Paragraph } from "#app/components/nlds.tsx";
import { loaderWith } from "#app/guard.server.ts";
import type { Locale } from "#app/i18n/index.ts";
import { pageMeta } from "#app/i18n/meta.ts";
import { useLocale, useTranslate } from "#app/i18n/use-translate.ts";
import { listOutbox } from "#app/mail.server.ts";

const LIMIT = 50;

// The guard answers 404 for `dev.mail` in production: the page does not exist there.
export const loader = loaderWith("dev.mail", async ({ request }) => ({
  origin: new URL(request.url).origin,
  limit: LIMIT,
  messages: await listOutbox({ limit: LIMIT }),
}));

export default function DevMail() {
  const { origin, limit, messages } = useLoaderData<typeof loader>();
  const t = useTranslate();
  const locale = useLocale();
  return (
    <>
      <Heading1>{t("devMail.title")}</Heading1>
      <Paragraph>{t("devMail.intro", { limit })}</Paragraph>
      {messages.length === 0 ? <Paragraph>{t("devMail.empty")}</Paragraph> : null}
      <ol className="inspraak-stack inspraak-section" style={{ listStyle: "none", padding: 0 }}>
        {messages.map((message) => (
          <li key={message.id}>
            <article className="inspraak-card">
              <Heading2>{message.subject}</Heading2>
              <dl className="inspraak-facts">
                <dt>{t("devMail.to")}</dt>
                <dd>{message.to}</dd>
                <dt>{t("devMail.date")}</dt>
                <dd>
                  <time dateTime={new Date(message.createdAt).toISOString()}>{formatMoment(new Date(message.createdAt), locale)}</time>
                </dd>
                <dt>{t("devMail.status")}</dt>
                <dd>{t(`devMail.status.${message.status}`)}</dd>
              </dl>
              <MailText text={message.text} origin={origin} />
            </article>
          </li>
        ))}
      </ol>
    </>
  );
}

/** A fixed time zone, so the server and the browser render the same text. */
function formatMoment(moment: Date, locale: Locale): string {
  return new Intl.DateTimeFormat(locale === "nl" ? "nl-NL" : "en-GB", { dateStyle: "long", timeStyle: "medium", timeZone: "Europe/Amsterdam" }).format(moment);
}

const URL_PATTERN = /https?:\/\/[^\s<>"']+/g;

/**
 * The text of a message as plain text, with only links to this site itself
 * (verification and reset links) made clickable. Everything is a React text
 * node, so nothing in a message can become markup.
 */
export function MailText({ text, origin }: { text: string; origin: string }) {
  const parts: ReactNode[] = [];
  let rest = 0;
  for (const match of text.matchAll(URL_PATTERN)) {
    // A full stop or bracket right after a link belongs to the sentence, not to the link.
    const url = match[0].replace(/[.,;:!?)\]]+$/, "");
    const own = url.startsWith(origin) && ["", "/", "?", "#"].includes(url.charAt(origin.length));
    if (!own) continue;
    parts.push(
      text.slice(rest, match.index),
      <a key={match.index} href={url} className={linkClass}>
        {url}
      </a>,
    );
    rest = match.index + url.length;
  }
  parts.push(text.slice(rest));
  return <pre style={{ whiteSpace: "pre-wrap", overflowWrap: "anywhere" }}>{parts}</pre>;
}

export const meta: MetaFunction<typeof loader> = ({ matches }) => pageMeta(matches, (t) => ({ title: t("devMail.title") }));
