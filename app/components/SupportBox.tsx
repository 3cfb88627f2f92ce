/**
 * Supporting a proposal: the count, the button (in place with JavaScript,
 * counted at once; a plain form post without), the person's remaining
 * budget and when supporting is open.
 */
import { Link, useFetcher, useLocation } from "@remix-run/react";
import { Heading2, linkClass, Paragraph } from "#app/components/nlds.tsx";
import { useHydrated } from "#app/components/useHydrated.ts";
import { WindowNote } from "#app/components/WindowNote.tsx";
import type { MessageKey } from "#app/i18n/index.ts";
import { useTranslate } from "#app/i18n/use-translate.ts";
import type { WindowState } from "#app/windows.ts";

type Answer = { ok: true; supported: boolean; supportCount: number } | { ok: false; reason: string };

export function SupportBox({
  supportCount,
  supported,
  maySupport,
  signedIn,
  window,
  budget,
  failure,
}: {
  supportCount: number;
  supported: boolean;
  maySupport: boolean;
  signedIn: boolean;
  window: WindowState;
  budget: { budget: number | null; used: number; left: number | null } | null;
  failure: string | null;
}) {
  const t = useTranslate();
  const location = useLocation();
  const hydrated = useHydrated();
  const fetcher = useFetcher<Answer>();
  const pending = fetcher.formData?.get("intent");
  const answer = fetcher.data;
  const isSupported = pending ? pending === "support" : answer?.ok ? answer.supported : supported;
  const count = pending ? supportCount + (isSupported === supported ? 0 : isSupported ? 1 : -1) : answer?.ok ? answer.supportCount : supportCount;
  const error = answer && !answer.ok ? answer.reason : failure;
  const left = budget?.left === null || budget === null ? null : budget.left + (isSupported === supported ? 0 : isSupported ? -1 : 1);
  const canAct = (maySupport && !isSupported) || (isSupported && window.state === "open");
  return (
    <section className="inspraak-section inspraak-card inspraak-support" aria-labelledby="steun" id="steun-vak">
      <Heading2 id="steun">{count === 1 ? t("proposals.supportsOne") : t("proposals.supports", { count })}</Heading2>
      <WindowNote kind="support" window={window} />
      {error ? (
        <div className="utrecht-alert utrecht-alert--error" role="alert">
          <p className="utrecht-paragraph">{t(`support.error.${error}` as MessageKey)}</p>
        </div>
      ) : null}
      {isSupported ? (
        <p className="utrecht-paragraph" role="status">
          <strong>{t("support.supported")}</strong>
        </p>
      ) : null}
      {canAct ? (
        <fetcher.Form method="post" className="inspraak-inline-form">
          <input type="hidden" name="intent" value={isSupported ? "unsupport" : "support"} />
          {hydrated ? <input type="hidden" name="respond" value="data" /> : null}
          <button
            type="submit"
            className={`utrecht-button utrecht-button--${isSupported ? "secondary" : "primary"}-action utrecht-button--html-button`}
            aria-pressed={isSupported}
          >
            {isSupported ? t("support.withdraw") : t("support.button")}
          </button>
        </fetcher.Form>
      ) : null}
      {!signedIn && window.state === "open" ? (
        <Paragraph>
          <Link to={`/inloggen?redirectTo=${encodeURIComponent(location.pathname)}`} className={linkClass}>
            {t("support.signIn")}
          </Link>
        </Paragraph>
      ) : null}
      {budget && signedIn && window.state === "open" ? (
        <Paragraph>{left === null ? t("support.budgetUnlimited") : left === 1 ? t("support.budgetLeftOne") : t("support.budgetLeft", { count: left })}</Paragraph>
      ) : null}
    </section>
  );
}
