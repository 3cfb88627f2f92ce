import type { WindowState } from "#app/windows.ts";
import { formatDateTime } from "#app/content/dates.ts";
import { useLocale, useTranslate } from "#app/i18n/use-translate.ts";

/** When a consultation window opens or closes, in words. */
export function WindowNote({ kind, window }: { kind: "proposals" | "support"; window: WindowState }) {
  const t = useTranslate();
  const locale = useLocale();
  const date = (iso: string) => formatDateTime(iso, locale);
  let text: string;
  if (window.state === "open") text = window.closesAt ? t(`${kind}.window.open`, { date: date(window.closesAt) }) : t(`${kind}.window.openNoEnd`);
  else if (window.state === "notYet") text = window.opensAt ? t(`${kind}.window.notYet`, { date: date(window.opensAt) }) : t(`${kind}.window.notYetNoDate`);
  else text = t(`${kind}.window.closed`, { date: date(window.closedAt) });
  return <p className="utrecht-paragraph">{text}</p>;
}
