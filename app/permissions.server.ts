/**
 * The one place that answers "may this person do this to that?". Every
 * loader and action asks `can` (through app/guard.server.ts); nothing else
 * looks at roles. Deny by default: an action not in the table is refused.
 */
import type { CommentStatus, ProposalStatus, Role } from "#db/schema.ts";

/** A role with its scope; `themeNumber` is the theme's number (I–VII), which stays the same from plan to plan. */
export type Grant = { role: Role; themeId: number | null; themeNumber?: number | null; actionPointId: number | null; organisation: string | null };

/** The signed-in person as the permission rules see them; null is an anonymous visitor. */
export type Actor = {
  id: number;
  displayName: string;
  emailVerified: boolean;
  grants: Grant[];
} | null;

/** What an action is done to. Scoped rules read the theme or action point from here, never from the form. */
export type Target =
  | { kind: "site" }
  | { kind: "theme"; themeId: number }
  | { kind: "actionPoint"; actionPointId: number; themeId: number }
  | { kind: "thread"; threadKind: "public" | "forum"; themeId: number; actionPointId: number | null; locked: boolean }
  | { kind: "comment"; authorId: number; status: CommentStatus; themeId: number; actionPointId: number | null; threadLocked: boolean }
  /** A plan, with whether its windows are open now (see app/windows.ts). */
  | { kind: "plan"; planId: number; proposalsOpen: boolean; supportOpen: boolean }
  | { kind: "proposal"; authorId: number; status: ProposalStatus; themeId: number; themeNumber: number; supportCount: number; supportOpen: boolean };

const SITE: Target = { kind: "site" };

type Rule = (actor: Actor, target: Target) => boolean;

const anyone: Rule = () => true;
const signedIn: Rule = (actor) => actor !== null;
const verified: Rule = (actor) => actor !== null && actor.emailVerified;
const has = (actor: Actor, role: Role, match: (grant: Grant) => boolean = () => true) =>
  actor?.grants.some((grant) => grant.role === role && match(grant)) ?? false;
const admin: Rule = (actor) => has(actor, "admin");
const forumMember: Rule = (actor, target) => verified(actor, target) && has(actor, "forum_member");
const themeOf = (target: Target) => ("themeId" in target ? target.themeId : null);
const actionPointOf = (target: Target) => ("actionPointId" in target ? target.actionPointId : null);
const holderOfActionPoint: Rule = (actor, target) =>
  verified(actor, target) && actionPointOf(target) !== null && has(actor, "action_holder", (grant) => grant.actionPointId === actionPointOf(target));
const holderInTheme: Rule = (actor, target) =>
  verified(actor, target) && themeOf(target) !== null && has(actor, "action_holder", (grant) => grant.themeId === themeOf(target));
const moderatorOfTheme: Rule = (actor, target) =>
  verified(actor, target) && themeOf(target) !== null && has(actor, "moderator", (grant) => grant.themeId === themeOf(target));
/** Writing in a thread: not while it is locked; the forum only for its members (and admins). */
const mayWriteIn: Rule = (actor, target) =>
  target.kind === "thread" && !target.locked && (target.threadKind === "public" ? verified(actor, target) : either(forumMember, admin)(actor, target));
const author: Rule = (actor, target) => actor !== null && target.kind === "comment" && target.authorId === actor.id;
const visibleComment = (target: Target) => target.kind === "comment" && target.status === "published";
const likeable: Rule = (actor, target) => verified(actor, target) && visibleComment(target) && !author(actor, target);
const editable: Rule = (actor, target) =>
  verified(actor, target) && author(actor, target) && target.kind === "comment" && (target.status === "published" || target.status === "pending") && !target.threadLocked;
const deletable: Rule = (actor, target) => author(actor, target) && target.kind === "comment" && target.status !== "deleted";
const proposalAuthor = (actor: Actor, target: Target) => actor !== null && target.kind === "proposal" && target.authorId === actor.id;
const mayPropose: Rule = (actor, target) => verified(actor, target) && target.kind === "plan" && target.proposalsOpen;
/** Authors edit until the first support; after that people supported this text. */
const proposalEditable: Rule = (actor, target) =>
  verified(actor, target) && proposalAuthor(actor, target) && target.kind === "proposal" && target.supportCount === 0 && (target.status === "pending" || target.status === "published");
const proposalWithdrawable: Rule = (actor, target) =>
  proposalAuthor(actor, target) && target.kind === "proposal" && (target.status === "pending" || target.status === "published" || target.status === "under_consideration");
/** Action holders answer proposals for the next plan in their own theme: the theme with the same number. */
const holderOfProposalTheme: Rule = (actor, target) =>
  verified(actor, target) && target.kind === "proposal" && has(actor, "action_holder", (grant) => grant.themeNumber === target.themeNumber);
const maySupport: Rule = (actor, target) =>
  verified(actor, target) && target.kind === "proposal" && target.supportOpen && (target.status === "published" || target.status === "under_consideration");
const moderatorOfAnyTheme: Rule = (actor) => has(actor, "moderator");
const developmentOnly: Rule = () => process.env.NODE_ENV !== "production";
function either(...rules: Rule[]): Rule {
  return (actor, target) => rules.some((rule) => rule(actor, target));
}

/** The access table: one row per action. */
export const rules = {
  "public.read": anyone,
  "account.signIn": anyone,
  "account.manage": signedIn,
  /** One-click unsubscribe from a notification e-mail: the signed token in the link is the authority, not a session. */
  "notifications.unsubscribe": anyone,
  "contribution.create": verified,
  "forum.post": either(forumMember, admin),
  "comment.create": mayWriteIn,
  "comment.like": likeable,
  "comment.edit": editable,
  "comment.delete": deletable,
  "progressUpdate.post": either(holderOfActionPoint, admin),
  "officialReply.post": either(holderOfActionPoint, admin),
  "proposal.create": mayPropose,
  "proposal.edit": proposalEditable,
  "proposal.withdraw": proposalWithdrawable,
  "proposal.support": maySupport,
  "proposal.respond": either(holderInTheme, holderOfProposalTheme, admin),
  "moderation.queue": either(moderatorOfAnyTheme, admin),
  "moderation.act": either(moderatorOfTheme, admin),
  "users.manage": admin,
  "plans.manage": admin,
  "audit.read": admin,
  "dev.mail": developmentOnly,
} satisfies Record<string, Rule>;

export type Permission = keyof typeof rules;

export function isPermission(value: unknown): value is Permission {
  return typeof value === "string" && Object.hasOwn(rules, value);
}

export function can(actor: Actor, permission: Permission, target: Target = SITE): boolean {
  const rule: Rule | undefined = rules[permission];
  return rule ? rule(actor, target) : false;
}

/** Roles as people read them, e.g. for the header and the admin pages. */
export function isAdmin(actor: Actor): boolean {
  return has(actor, "admin");
}
