import { Heading3, Heading4, Paragraph } from "./nlds.tsx";
import { formatDate } from "#app/content/format.ts";
import type { ProgressUpdateView } from "#app/plans.server.ts";
import { useLocale, useTranslate } from "#app/i18n/use-translate.ts";
import { Blocks } from "./Blocks.tsx";
import { Text } from "./Text.tsx";

/** Progress reports, each with its date (or that it has not appeared yet). */
export function UpdateList({ updates, headingLevel }: { updates: ProgressUpdateView[]; headingLevel: 3 | 4 }) {
  const t = useTranslate();
  const locale = useLocale();
  const Heading = headingLevel === 3 ? Heading3 : Heading4;
  return (
    <ol className="inspraak-stack" style={{ listStyle: "none", padding: 0 }}>
      {updates.map((update) => (
        <li key={update.id}>
          <article className="inspraak-card">
            <Heading>
              <Text value={update.title} />
            </Heading>
            <Paragraph>
              {update.publishedOn ? (
                <time dateTime={update.publishedOn}>{t("update.published", { date: formatDate(update.publishedOn, locale) })}</time>
              ) : (
                t("update.expected")
              )}
            </Paragraph>
            <Blocks value={update.body} />
          </article>
        </li>
      ))}
    </ol>
  );
}
