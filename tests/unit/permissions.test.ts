import { describe, expect, test } from "vitest";
import { can, rules, type Actor, type Grant, type Permission, type Target } from "#app/permissions.server.ts";

// Theme A has action point 1; theme B has action point 5.
const THEME_A = 1;
const THEME_B = 2;
const onSite: Target = { kind: "site" };
const onThemeA: Target = { kind: "theme", themeId: THEME_A };
const onThemeB: Target = { kind: "theme", themeId: THEME_B };
const onPointA: Target = { kind: "actionPoint", actionPointId: 1, themeId: THEME_A };
const onPointB: Target = { kind: "actionPoint", actionPointId: 5, themeId: THEME_B };
const thread = (threadKind: "public" | "forum", locked = false): Target => ({ kind: "thread", threadKind, themeId: THEME_A, actionPointId: 1, locked });
// Comments by "citizen" (id 3) in theme A, and by someone else (id 99).
const comment = (authorId: number, status: "published" | "pending" | "hidden" | "deleted" = "published", threadLocked = false): Target => ({
  kind: "comment",
  authorId,
  status,
  themeId: THEME_A,
  actionPointId: 1,
  threadLocked,
});

const person = (grants: Grant[] = [], emailVerified = true, id = 1): Actor => ({ id, displayName: "Iemand", emailVerified, grants });
const grant = (role: Grant["role"], scope: Partial<Grant> = {}): Grant => ({ role, themeId: null, actionPointId: null, organisation: null, ...scope });

const proposal = (authorId: number, status: "pending" | "published" | "under_consideration" | "adopted" | "withdrawn" = "published", supportCount = 0, supportOpen = true): Target => ({
  kind: "proposal",
  authorId,
  status,
  themeId: 70,
  themeNumber: 1,
  supportCount,
  supportOpen,
});

const ACTORS = {
  anonymous: null,
  unverified: person([], false),
  citizen: person([], true, 3),
  forumMember: person([grant("forum_member", { organisation: "Open State Foundation" })]),
  holderOfPointA: person([grant("action_holder", { actionPointId: 1, themeId: THEME_A, themeNumber: 1 })]),
  moderatorOfA: person([grant("moderator", { themeId: THEME_A })]),
  unverifiedModeratorOfA: person([grant("moderator", { themeId: THEME_A })], false),
  admin: person([grant("admin")]),
} satisfies Record<string, Actor>;
type Who = keyof typeof ACTORS;

// The access matrix: who may do what, to what. Everyone not listed is refused.
const MATRIX: [Permission, Target, Who[]][] = [
  ["public.read", onSite, ["anonymous", "unverified", "citizen", "forumMember", "holderOfPointA", "moderatorOfA", "unverifiedModeratorOfA", "admin"]],
  ["account.signIn", onSite, ["anonymous", "unverified", "citizen", "forumMember", "holderOfPointA", "moderatorOfA", "unverifiedModeratorOfA", "admin"]],
  ["account.manage", onSite, ["unverified", "citizen", "forumMember", "holderOfPointA", "moderatorOfA", "unverifiedModeratorOfA", "admin"]],
  ["notifications.unsubscribe", onSite, ["anonymous", "unverified", "citizen", "forumMember", "holderOfPointA", "moderatorOfA", "unverifiedModeratorOfA", "admin"]],
  ["contribution.create", onSite, ["citizen", "forumMember", "holderOfPointA", "moderatorOfA", "admin"]],
  ["forum.post", onPointA, ["forumMember", "admin"]],
  ["progressUpdate.post", onPointA, ["holderOfPointA", "admin"]],
  ["progressUpdate.post", onPointB, ["admin"]],
  ["officialReply.post", onPointA, ["holderOfPointA", "admin"]],
  ["officialReply.post", onPointB, ["admin"]],
  ["proposal.respond", onThemeA, ["holderOfPointA", "admin"]],
  ["proposal.respond", onThemeB, ["admin"]],
  ["moderation.queue", onSite, ["moderatorOfA", "unverifiedModeratorOfA", "admin"]],
  ["moderation.act", onThemeA, ["moderatorOfA", "admin"]],
  ["moderation.act", onPointA, ["moderatorOfA", "admin"]],
  ["moderation.act", onThemeB, ["admin"]],
  ["moderation.act", onPointB, ["admin"]],
  ["moderation.act", onSite, ["admin"]],
  ["comment.create", thread("public"), ["citizen", "forumMember", "holderOfPointA", "moderatorOfA", "admin"]],
  ["comment.create", thread("forum"), ["forumMember", "admin"]],
  ["comment.create", thread("public", true), []],
  ["comment.create", thread("forum", true), []],
  ["officialReply.post", thread("public"), ["holderOfPointA", "admin"]],
  ["comment.like", comment(99), ["citizen", "forumMember", "holderOfPointA", "moderatorOfA", "admin"]],
  ["comment.like", comment(3), ["forumMember", "holderOfPointA", "moderatorOfA", "admin"]],
  ["comment.like", comment(99, "deleted"), []],
  ["comment.like", comment(99, "hidden"), []],
  ["comment.edit", comment(3), ["citizen"]],
  ["comment.edit", comment(3, "pending"), ["citizen"]],
  ["comment.edit", comment(3, "hidden"), []],
  ["comment.edit", comment(3, "published", true), []],
  ["comment.edit", comment(99), []],
  ["comment.delete", comment(3), ["citizen"]],
  ["comment.delete", comment(3, "hidden"), ["citizen"]],
  ["comment.delete", comment(3, "deleted"), []],
  ["moderation.act", comment(99), ["moderatorOfA", "admin"]],
  ["proposal.create", { kind: "plan", planId: 2, proposalsOpen: true, supportOpen: true }, ["citizen", "forumMember", "holderOfPointA", "moderatorOfA", "admin"]],
  ["proposal.create", { kind: "plan", planId: 2, proposalsOpen: false, supportOpen: true }, []],
  ["proposal.edit", proposal(3), ["citizen"]],
  ["proposal.edit", proposal(3, "published", 1), []],
  ["proposal.edit", proposal(3, "withdrawn"), []],
  ["proposal.edit", proposal(99), []],
  ["proposal.withdraw", proposal(3, "under_consideration", 5), ["citizen"]],
  ["proposal.withdraw", proposal(3, "adopted", 5), []],
  ["proposal.withdraw", proposal(99), []],
  ["proposal.support", proposal(99), ["citizen", "forumMember", "holderOfPointA", "moderatorOfA", "admin"]],
  ["proposal.support", proposal(3), ["citizen", "forumMember", "holderOfPointA", "moderatorOfA", "admin"]],
  ["proposal.support", proposal(99, "published", 0, false), []],
  ["proposal.support", proposal(99, "withdrawn"), []],
  ["proposal.support", proposal(99, "pending"), []],
  ["proposal.respond", proposal(99), ["holderOfPointA", "admin"]],
  ["proposal.respond", { ...proposal(99), themeNumber: 2 } as Target, ["admin"]],
  ["plans.manage", onSite, ["admin"]],
  ["users.manage", onSite, ["admin"]],
  ["audit.read", onSite, ["admin"]],
];

describe("the access matrix", () => {
  for (const [permission, target, allowed] of MATRIX) {
    const where = target.kind === "site" ? "the site" : `${JSON.stringify(target).replace(/"/g, "")}`;
    test(`${permission} on ${where}: only ${allowed.join(", ")}`, () => {
      for (const who of Object.keys(ACTORS) as Who[]) {
        expect(can(ACTORS[who], permission, target), who).toBe(allowed.includes(who));
      }
    });
  }

  test("every rule in the table has a row in this matrix", () => {
    expect(new Set(MATRIX.map(([permission]) => permission))).toEqual(new Set([...Object.keys(rules)].filter((p) => p !== "dev.mail")));
  });

  test("an unknown permission is refused, even for an admin", () => {
    expect(can(ACTORS.admin, "no.such.thing" as Permission)).toBe(false);
  });

  test("the development mailbox exists only outside production", () => {
    const previous = process.env.NODE_ENV;
    try {
      process.env.NODE_ENV = "production";
      expect(can(ACTORS.admin, "dev.mail")).toBe(false);
      process.env.NODE_ENV = "development";
      expect(can(ACTORS.anonymous, "dev.mail")).toBe(true);
    } finally {
      process.env.NODE_ENV = previous;
    }
  });
});
