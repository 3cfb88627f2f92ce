import { Text } from "#app/components/Text.tsx";
import { romanNumeral } from "#app/content/format.ts";
import { useTranslate } from "#app/i18n/use-translate.ts";
import type { Scope } from "#app/users.server.ts";

/** What a role applies to, e.g. "Thema III: Open Informatie (2020-2022)", the title marked when it is in another language than the page. */
export function ScopeText({ scope }: { scope: Scope }) {
  const t = useTranslate();
  switch (scope.kind) {
    case "site":
      return <>{t("admin.scope.site")}</>;
    case "organisation":
      return <>{scope.name}</>;
    case "theme":
      return (
        <>
          {t("theme.label", { numeral: romanNumeral(scope.number) })}: <Text value={scope.title} />
          {scope.period ? ` (${scope.period})` : null}
        </>
      );
    case "actionPoint":
      return (
        <>
          {t("actionPoint.label", { number: scope.number })}: <Text value={scope.title} />
        </>
      );
  }
}
