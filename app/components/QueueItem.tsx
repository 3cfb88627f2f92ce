/**
 * One moderation item as a moderator reads it: why it waits and for how
 * long, the reports, spam signals, a claim by someone else, and the item
 * itself in its context (what it replies to, what it is about).
 */
import type { ReactNode } from "react";
import { Heading2, Heading3, linkClass, Paragraph } from "#app/components/nlds.tsx";
import { formatDateTime } from "#app/content/dates.ts";
import { romanNumeral } from "#app/content/format.ts";
import type { MessageKey } from "#app/i18n/index.ts";
import { useLocale, useTranslate } from "#app/i18n/use-translate.ts";
import type { QueueItem } from "#app/moderation-queue.server.ts";

export function QueueItemView({ item, headingLevel, children }: { item: QueueItem; headingLevel: 2 | 3; children?: ReactNode }) {
  const t = useTranslate();
  const locale = useLocale();
  const Heading = headingLevel === 2 ? Heading2 : Heading3;
  const headingId = `item-${item.type}-${item.id}`;
  return (
    <article className={`inspraak-section inspraak-queue-item${item.overdue ? " inspraak-queue-item--overdue" : ""}`} aria-labelledby={headingId}>
      <Heading id={headingId}>
        {item.type === "comment" ? t("moderation.item.kindComment") : t("moderation.item.kindProposal")} · {t("moderation.queue.theme", { numeral: romanNumeral(item.theme.number) })}{" "}
        <span lang="nl">{item.theme.title}</span>
      </Heading>
      <p className="utrecht-paragraph">
        {item.overdue ? (
          // Marked in words as well as colour.
          <strong className="inspraak-badge" style={{ background: "#a4000c", color: "#ffffff" }}>
            {t("moderation.queue.overdue")}
          </strong>
        ) : null}{" "}
        {item.openedAt ? (
          <>
            {t("moderation.queue.waiting", { hours: item.waitedHours })} (<time dateTime={item.openedAt}>{formatDateTime(item.openedAt, locale)}</time>)
          </>
        ) : (
          t("moderation.queue.notInQueue")
        )}{" "}
        <span className="inspraak-badge">{t(`moderation.status.${item.status}` as MessageKey)}</span>
      </p>
      {item.claimedByOther && item.claim ? (
        <p className="utrecht-paragraph">
          <strong>{t("moderation.queue.claimedByOther", { until: formatDateTime(item.claim.until, locale) })}</strong>
        </p>
      ) : item.claim?.mine ? (
        <p className="utrecht-paragraph">{t("moderation.queue.claimedByYou", { until: formatDateTime(item.claim.until, locale) })}</p>
      ) : null}
      <dl className="inspraak-facts">
        {item.reasons.length ? (
          <>
            <dt>{t("moderation.queue.reasons")}</dt>
            <dd>{item.reasons.map((reason) => t(`moderation.queueReason.${reason}` as MessageKey)).join(", ")}</dd>
          </>
        ) : null}
        {item.reports.length ? (
          <>
            <dt>{t("moderation.queue.reports", { count: item.reports.length })}</dt>
            <dd>
              <ul className="utrecht-unordered-list">
                {item.reports.map((report, index) => (
                  <li key={index} className="utrecht-unordered-list__item">
                    {t(`moderation.reason.${report.reason}` as MessageKey)}
                    {report.note ? <span className="inspraak-pre-line">: {report.note}</span> : null}
                  </li>
                ))}
              </ul>
            </dd>
          </>
        ) : null}
        {item.spam.signals.length ? (
          <>
            <dt>{t("moderation.queue.spam", { score: item.spam.score })}</dt>
            <dd>{item.spam.signals.map((signal) => t(`moderation.spamSignal.${signal}` as MessageKey)).join(", ")}</dd>
          </>
        ) : null}
        {item.hidden ? (
          <>
            <dt>{t("moderation.queue.hiddenFact")}</dt>
            <dd>
              {formatDateTime(item.hidden.at, locale)} — {t(`moderation.reason.${item.hidden.reason ?? "other"}` as MessageKey)}
              {item.hidden.note ? <span className="inspraak-pre-line">: {item.hidden.note}</span> : null}
            </dd>
          </>
        ) : null}
        {item.appeal ? (
          <>
            <dt>{t("moderation.queue.appeal")}</dt>
            <dd className="inspraak-pre-line">{item.appeal.text}</dd>
          </>
        ) : null}
        <dt>{t("moderation.queue.author")}</dt>
        <dd>{item.author.name ?? t("deletedParticipant")}</dd>
        {item.subject ? (
          <>
            <dt>{item.subject.kind === "proposal" ? t("moderation.queue.aboutProposal") : t("moderation.queue.aboutActionPoint")}</dt>
            <dd>
              <a href={item.subject.href} className={linkClass}>
                <span lang="nl">{item.subject.title}</span>
              </a>
            </dd>
          </>
        ) : null}
      </dl>
      {item.parent ? (
        <blockquote className="inspraak-comment__quote">
          <p className="utrecht-paragraph">{t("moderation.queue.repliesTo", { name: item.parent.author ?? t("deletedParticipant") })}</p>
          {/* Server-rendered rich text. */}
          <div className="utrecht-rich-text" dangerouslySetInnerHTML={{ __html: item.parent.html }} />
        </blockquote>
      ) : null}
      <div className="inspraak-queue-item__text">
        <p className="utrecht-paragraph">
          <strong>{t("moderation.queue.text")}</strong>
        </p>
        {item.proposal ? (
          <>
            <p className="utrecht-paragraph">
              <strong>{item.proposal.title}</strong>
            </p>
            <Paragraph className="inspraak-pre-line">{item.proposal.summary}</Paragraph>
          </>
        ) : null}
        {/* Rendered by the server from validated rich text; moderators see it whatever its state. */}
        <div className="utrecht-rich-text" dangerouslySetInnerHTML={{ __html: item.html }} />
      </div>
      {children}
    </article>
  );
}
