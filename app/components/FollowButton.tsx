import { useFetcher, useLocation, useRouteLoaderData } from "@remix-run/react";
import { useTranslate } from "#app/i18n/use-translate.ts";
import { useHydrated } from "./useHydrated.ts";

type Props = { subjectType: "action_point" | "theme" | "proposal"; subjectId: number; following: boolean; subject: string };

/**
 * "Volgen" / "Niet meer volgen": a small form to /volgen. Without JavaScript
 * it posts and comes back to this page; with it, a fetcher changes the
 * button in place. Only for signed-in people.
 */
export function FollowButton({ subjectType, subjectId, following, subject }: Props) {
  const root = useRouteLoaderData<{ user: unknown }>("root");
  const fetcher = useFetcher<{ following: boolean | null }>();
  const hydrated = useHydrated();
  const location = useLocation();
  const t = useTranslate();
  if (!root?.user) return null;
  const pending = fetcher.formData?.get("intent");
  const now = pending ? pending === "follow" : (fetcher.data?.following ?? following);
  return (
    <fetcher.Form method="post" action="/volgen" className="inspraak-inline-form inspraak-follow">
      <input type="hidden" name="subjectType" value={subjectType} />
      <input type="hidden" name="subjectId" value={subjectId} />
      <input type="hidden" name="redirectTo" value={`${location.pathname}${location.search}`} />
      {hydrated ? <input type="hidden" name="respond" value="data" /> : null}
      <button
        type="submit"
        name="intent"
        value={now ? "unfollow" : "follow"}
        aria-label={t(now ? "follow.unfollowLabel" : "follow.followLabel", { subject })}
        className={`utrecht-button utrecht-button--${now ? "secondary" : "primary"}-action utrecht-button--html-button`}
      >
        {t(now ? "follow.unfollow" : "follow.follow")}
      </button>
      <span role="status">{now ? ` ${t("follow.following")}` : ""}</span>
    </fetcher.Form>
  );
}
