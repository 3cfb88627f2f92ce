import { Heading3, ListItem, OrderedList, Paragraph, UnorderedList } from "./nlds.tsx";
import { parseBlocks } from "#app/content/blocks.ts";
import type { LocalizedText } from "#app/content/localize.ts";
import { useLocale, useTranslate } from "#app/i18n/use-translate.ts";

type ParagraphComments = {
  /** Anchors of the original text's paragraphs, in order; a translation with the same paragraphs shares them. */
  anchors: string[];
  counts: Record<string, number>;
  /** Where "comment on this paragraph" goes. */
  hrefFor: (anchor: string) => string;
};

/**
 * A text in the plan's block format, rendered with NL Design System
 * components; with `comments`, every paragraph gets its anchor and a link to
 * comment on it, with the number of comments it has.
 */
export function Blocks({ value, headingLevel = 3, comments }: { value: LocalizedText; headingLevel?: 2 | 3; comments?: ParagraphComments }) {
  const locale = useLocale();
  const t = useTranslate();
  const blocks = parseBlocks(value.text);
  const paragraphBlocks = blocks.filter((block) => block.type !== "heading");
  const anchorsFit = comments && comments.anchors.length === paragraphBlocks.length;
  const anchorOf = (block: (typeof blocks)[number]) => (anchorsFit && block.type !== "heading" ? comments.anchors[paragraphBlocks.indexOf(block)] : undefined);
  const commentLink = (anchor: string | undefined) => {
    if (!anchor || !comments) return null;
    const count = comments.counts[anchor] ?? 0;
    return (
      <p className="utrecht-paragraph inspraak-paragraph-comments">
        <a href={comments.hrefFor(anchor)} className="utrecht-link utrecht-link--html-a">
          {count > 0 ? t("discussion.paragraphCount", { count }) : t("discussion.paragraphComment")}
        </a>
      </p>
    );
  };
  const foreign = value.lang !== locale;
  return (
    <div className="inspraak-stack" lang={foreign ? value.lang : undefined}>
      {foreign && locale === "en" ? (
        <Paragraph lang="en">
          <em>{t("language.onlyDutch")}</em>
        </Paragraph>
      ) : null}
      {blocks.map((block, index) => {
        switch (block.type) {
          case "heading":
            return headingLevel === 2 ? (
              <h2 key={index} className="utrecht-heading-2">
                {block.text}
              </h2>
            ) : (
              <Heading3 key={index}>{block.text}</Heading3>
            );
          case "paragraph":
            return (
              <div key={index} id={anchorOf(block)} className="inspraak-paragraph">
                <Paragraph>{block.text}</Paragraph>
                {commentLink(anchorOf(block))}
              </div>
            );
          case "ordered":
            return (
              <div key={index} id={anchorOf(block)} className="inspraak-paragraph">
                <OrderedList>
                  {block.items.map((item, i) => (
                    <ListItem ordered key={i}>
                      {item}
                    </ListItem>
                  ))}
                </OrderedList>
                {commentLink(anchorOf(block))}
              </div>
            );
          case "bulleted":
            return (
              <div key={index} id={anchorOf(block)} className="inspraak-paragraph">
                <UnorderedList>
                  {block.items.map((item, i) => (
                    <ListItem key={i}>{item}</ListItem>
                  ))}
                </UnorderedList>
                {commentLink(anchorOf(block))}
              </div>
            );
        }
      })}
    </div>
  );
}
