import type { ElementType, ReactNode } from "react";
import type { LocalizedText } from "#app/content/localize.ts";
import { useLocale } from "#app/i18n/use-translate.ts";

/**
 * Renders content that may be in another language than the page (a Dutch text
 * on an English page), marking it with `lang` so screen readers pronounce it right.
 */
export function Text({ value, as: Tag = "span", className, children }: { value: LocalizedText; as?: ElementType; className?: string; children?: ReactNode }) {
  const locale = useLocale();
  return (
    <Tag className={className} lang={value.lang === locale ? undefined : value.lang}>
      {value.text}
      {children}
    </Tag>
  );
}
