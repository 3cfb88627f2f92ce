import { data, redirect } from "@remix-run/node";
import { z } from "zod";
import { actionWith } from "#app/guard.server.ts";
import { FOLLOW_SUBJECTS, follow, followable, unfollow } from "#app/notifications.server.ts";
import { safeRedirect } from "#app/safe-redirect.ts";
import { idField } from "#app/forms/ids.ts";

const followSchema = z.object({
  intent: z.enum(["follow", "unfollow"]),
  subjectType: z.enum(FOLLOW_SUBJECTS),
  subjectId: idField,
  redirectTo: z.string().optional(),
  respond: z.literal("data").optional(),
});

/**
 * Follow and unfollow, for the button on action point, theme and proposal
 * pages: one resource route instead of an intent in each page's action.
 * Without JavaScript it sends the person back to the page; with it (a
 * fetcher) it answers with the new state.
 */
export const action = actionWith("account.manage", async ({ request, actor }) => {
  const parsed = followSchema.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success) return data({ following: null as boolean | null }, { status: 400 });
  const { intent, subjectType, subjectId, redirectTo, respond } = parsed.data;
  const ref = { userId: actor!.id, subjectType, subjectId };
  if (intent === "follow") {
    if (!(await followable({ subjectType, subjectId }))) throw new Response("Not Found", { status: 404 });
    await follow(ref);
  } else {
    await unfollow(ref);
  }
  if (respond === "data") return { following: intent === "follow" };
  throw redirect(safeRedirect(redirectTo, "/"));
});
