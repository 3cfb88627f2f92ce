/**
 * The one place that answers "may this person do this to that?". Every
 * loader and action asks `can` (through app/guard.server.ts); nothing else
 * looks at roles. Deny by default: an action not in the table is refused.
 */
import type { Role } from "#db/schema.ts";

export type Grant = { role: Role; themeId: number | null; actionPointId: number | null; organisation: string | null };

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
  | { kind: "actionPoint"; actionPointId: number; themeId: number };

const SITE: Target = { kind: "site" };

type Rule = (actor: Actor, target: Target) => boolean;

const anyone: Rule = () => true;
const signedIn: Rule = (actor) => actor !== null;
const verified: Rule = (actor) => actor !== null && actor.emailVerified;
const has = (actor: Actor, role: Role, match: (grant: Grant) => boolean = () => true) =>
  actor?.grants.some((grant) => grant.role === role && match(grant)) ?? false;
const admin: Rule = (actor) => has(actor, "admin");
const forumMember: Rule = (actor, target) => verified(actor, target) && has(actor, "forum_member");
const holderOfActionPoint: Rule = (actor, target) =>
  verified(actor, target) && target.kind === "actionPoint" && has(actor, "action_holder", (grant) => grant.actionPointId === target.actionPointId);
const holderInTheme: Rule = (actor, target) =>
  verified(actor, target) &&
  (target.kind === "theme" || target.kind === "actionPoint") &&
  has(actor, "action_holder", (grant) => grant.themeId === target.themeId);
const moderatorOfTheme: Rule = (actor, target) =>
  verified(actor, target) &&
  (target.kind === "theme" || target.kind === "actionPoint") &&
  has(actor, "moderator", (grant) => grant.themeId === target.themeId);
const moderatorOfAnyTheme: Rule = (actor) => has(actor, "moderator");
const developmentOnly: Rule = () => process.env.NODE_ENV !== "production";
const either =
  (...rules: Rule[]): Rule =>
  (actor, target) =>
    rules.some((rule) => rule(actor, target));

/** The access table: one row per action. */
export const rules = {
  "public.read": anyone,
  "account.signIn": anyone,
  "account.manage": signedIn,
  "contribution.create": verified,
  "forum.post": either(forumMember, admin),
  "progressUpdate.post": either(holderOfActionPoint, admin),
  "officialReply.post": either(holderOfActionPoint, admin),
  "proposal.respond": either(holderInTheme, admin),
  "moderation.queue": either(moderatorOfAnyTheme, admin),
  "moderation.act": either(moderatorOfTheme, admin),
  "users.manage": admin,
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
