import { data, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { Heading1, Heading2, linkClass, Paragraph } from "#app/components/nlds.tsx";
import { romanNumeral } from "#app/content/format.ts";
import { loaderWith } from "#app/guard.server.ts";
import { pageMeta } from "#app/i18n/meta.ts";
import { useTranslate } from "#app/i18n/use-translate.ts";
import { can } from "#app/permissions.server.ts";
import { getDraftingPlan, listProposals, PROPOSAL_SORTS, proposalChoices } from "#app/proposals.server.ts";
import { WindowNote } from "#app/components/WindowNote.tsx";
import { Text } from "#app/components/Text.tsx";
import { idField } from "#app/forms/ids.ts";

const querySchema = z.object({
  q: z.string().max(200).optional(),
  thema: idField.optional(),
  status: z.enum(["published", "under_consideration", "adopted", "not_adopted", "merged", "withdrawn"]).optional(),
  volgorde: z.enum(PROPOSAL_SORTS).optional(),
  na: z.string().max(300).optional(),
});

const SEED_COOKIE = "volgorde";

/** The visitor's seed for the random order: the same order on every visit, a different one for someone else. */
function visitorSeed(request: Request): { seed: string; cookie: string | null } {
  const match = (request.headers.get("Cookie") ?? "").match(/(?:^|;\s*)volgorde=([a-z0-9]{8,16})/);
  if (match) return { seed: match[1]!, cookie: null };
  const seed = crypto.randomUUID().replace(/-/g, "").slice(0, 12);
  return { seed, cookie: `${SEED_COOKIE}=${seed}; Path=/; Max-Age=${60 * 60 * 24 * 180}; SameSite=Lax` };
}

export const loader = loaderWith("public.read", async ({ request, locale, actor, t }) => {
  const url = new URL(request.url);
  const parsed = querySchema.safeParse(Object.fromEntries([...url.searchParams].filter(([, value]) => value !== "")));
  if (!parsed.success) throw new Response(t("proposals.badQuery"), { status: 400 });
  const plan = await getDraftingPlan({ locale });
  if (!plan) return { plan: null, proposals: [], next: null, choices: null, query: parsed.data, sort: "steun" as const, mayPropose: false };
  const sort = parsed.data.volgorde ?? (plan.supporting.state === "open" ? "willekeurig" : "steun");
  // Only the random order needs the visitor's seed (and its cookie); the other orders are the same for everyone.
  const { seed, cookie } = sort === "willekeurig" ? visitorSeed(request) : { seed: "", cookie: null };
  const [page, choices] = await Promise.all([
    listProposals({
      planId: plan.id,
      themeId: parsed.data.thema,
      status: parsed.data.status ?? null,
      query: parsed.data.q,
      sort,
      seed,
      after: parsed.data.na,
      locale,
    }),
    proposalChoices({ planId: plan.id, locale }),
  ]);
  if (!page) throw new Response(t("proposals.badQuery"), { status: 400 });
  const mayPropose = can(actor, "proposal.create", { kind: "plan", planId: plan.id, proposalsOpen: plan.proposing.state === "open", supportOpen: plan.supporting.state === "open" });
  const body = { plan, proposals: page.proposals, next: page.next, choices, query: parsed.data, sort, mayPropose };
  return cookie ? data(body, { headers: { "Set-Cookie": cookie } }) : body;
});

export default function Proposals() {
  const { plan, proposals, next, choices, query, sort, mayPropose } = useLoaderData<typeof loader>();
  const t = useTranslate();
  if (!plan || !choices) {
    return (
      <>
        <Heading1>{t("proposals.title")}</Heading1>
        <Paragraph>{t("proposals.noPlan")}</Paragraph>
      </>
    );
  }
  const params = (extra: Record<string, string | undefined>) => {
    const search = new URLSearchParams();
    for (const [key, value] of Object.entries({ q: query.q, thema: query.thema?.toString(), status: query.status, volgorde: query.volgorde, ...extra })) if (value) search.set(key, value);
    return `/voorstellen?${search}`;
  };
  return (
    <>
      <Heading1>{t("proposals.title")}</Heading1>
      <Paragraph>{t("proposals.intro", { plan: plan.title.text })}</Paragraph>
      <WindowNote kind="proposals" window={plan.proposing} />
      <div className="inspraak-actions">
        {mayPropose ? (
          <Link to="/voorstellen/nieuw" className="utrecht-button utrecht-button--primary-action">
            {t("proposals.new")}
          </Link>
        ) : null}
        <Link to="/voorstellen/uitslag" className={linkClass}>
          {t("proposals.tally")}
        </Link>
      </div>

      <section className="inspraak-section" aria-labelledby="filters">
        <Heading2 id="filters">{t("proposals.filters")}</Heading2>
        <Form method="get" className="inspraak-filters">
          <div className="utrecht-form-field">
            <label className="utrecht-form-label" htmlFor="zoek">
              {t("proposals.search")}
            </label>
            <input id="zoek" name="q" type="search" defaultValue={query.q ?? ""} maxLength={200} className="utrecht-textbox utrecht-textbox--html-input" />
          </div>
          <div className="utrecht-form-field">
            <label className="utrecht-form-label" htmlFor="thema">
              {t("proposals.theme")}
            </label>
            <select id="thema" name="thema" defaultValue={query.thema ?? ""} className="utrecht-select utrecht-select--html-select">
              <option value="">{t("proposals.allThemes")}</option>
              {choices.themes.map((theme) => (
                <option key={theme.id} value={theme.id}>
                  {romanNumeral(theme.number)} {theme.title.text}
                </option>
              ))}
            </select>
          </div>
          <div className="utrecht-form-field">
            <label className="utrecht-form-label" htmlFor="status">
              {t("proposals.status")}
            </label>
            <select id="status" name="status" defaultValue={query.status ?? ""} className="utrecht-select utrecht-select--html-select">
              <option value="">{t("proposals.allStatuses")}</option>
              {(["published", "under_consideration", "adopted", "not_adopted", "merged", "withdrawn"] as const).map((status) => (
                <option key={status} value={status}>
                  {t(`proposalStatus.${status}`)}
                </option>
              ))}
            </select>
          </div>
          <div className="utrecht-form-field">
            <label className="utrecht-form-label" htmlFor="volgorde">
              {t("proposals.sort")}
            </label>
            <select id="volgorde" name="volgorde" defaultValue={sort} className="utrecht-select utrecht-select--html-select">
              {(["willekeurig", "steun", "nieuw", "reacties"] as const).map((value) => (
                <option key={value} value={value}>
                  {t(`proposals.sort.${value}`)}
                </option>
              ))}
            </select>
          </div>
          <button type="submit" className="utrecht-button utrecht-button--secondary-action">
            {t("proposals.apply")}
          </button>
        </Form>
        {sort === "willekeurig" ? <Paragraph>{t("proposals.randomHint")}</Paragraph> : null}
      </section>

      <section className="inspraak-section" aria-label={t("proposals.title")}>
        {proposals.length === 0 ? <Paragraph>{t("proposals.none")}</Paragraph> : null}
        <ul className="inspraak-stack inspraak-proposal-list">
          {proposals.map((proposal) => (
            <li key={proposal.id} className="inspraak-card">
              <h2 className="utrecht-heading-3">
                <Link to={`/voorstel/${proposal.id}`} className={linkClass}>
                  {proposal.title}
                </Link>
              </h2>
              <p className="utrecht-paragraph inspraak-proposal-meta">
                <span className="inspraak-badge">{t(`proposalStatus.${proposal.status}`)}</span>{" "}
                {t("proposals.theme")}: {romanNumeral(proposal.theme.number)} <Text value={proposal.theme.title} /> · {proposal.authorName ? t("proposals.by", { name: proposal.authorName }) : t("deletedParticipant")}
              </p>
              <Paragraph>{proposal.summary}</Paragraph>
              <p className="utrecht-paragraph">
                <strong>{proposal.supportCount === 1 ? t("proposals.supportsOne") : t("proposals.supports", { count: proposal.supportCount })}</strong> ·{" "}
                {proposal.commentCount === 1 ? t("discussion.countOne") : t("discussion.count", { count: proposal.commentCount })}
              </p>
            </li>
          ))}
        </ul>
        <div className="inspraak-actions">
          {next ? (
            <Link to={params({ na: next })} className="utrecht-button utrecht-button--secondary-action">
              {t("proposals.more")}
            </Link>
          ) : null}
          {query.na ? (
            <Link to={params({})} className={linkClass}>
              {t("proposals.backToStart")}
            </Link>
          ) : null}
        </div>
      </section>
    </>
  );
}

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, (t) => ({ title: t("proposals.title") }));
