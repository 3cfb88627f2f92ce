import { Heading3, ListItem, OrderedList, Paragraph, UnorderedList } from "./nlds.tsx";
import { parseBlocks } from "#app/content/blocks.ts";
import type { LocalizedText } from "#app/content/localize.ts";
import { useLocale, useTranslate } from "#app/i18n/use-translate.ts";

/** A text in the plan's block format, rendered with NL Design System components. */
export function Blocks({ value, headingLevel = 3 }: { value: LocalizedText; headingLevel?: 2 | 3 }) {
  const locale = useLocale();
  const t = useTranslate();
  const blocks = parseBlocks(value.text);
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
            return <Paragraph key={index}>{block.text}</Paragraph>;
          case "ordered":
            return (
              <OrderedList key={index}>
                {block.items.map((item, i) => (
                  <ListItem ordered key={i}>{item}</ListItem>
                ))}
              </OrderedList>
            );
          case "bulleted":
            return (
              <UnorderedList key={index}>
                {block.items.map((item, i) => (
                  <ListItem key={i}>{item}</ListItem>
                ))}
              </UnorderedList>
            );
        }
      })}
    </div>
  );
}
