/** The zod schemas of the moderation forms, shared by browser and server; messages are translation keys. */
import { z } from "zod";
import { HIDE_REASON_CODES, NOTE_MAX } from "./moderation-limits.ts";
import { idParam } from "#app/forms/ids.ts";

export { HIDE_REASON_CODES, NOTE_MAX };
const note = z
  .string()
  .trim()
  .max(NOTE_MAX, { error: "moderation.error.noteTooLong" })
  .optional()
  .transform((value) => value ?? "");
const reason = z.enum(HIDE_REASON_CODES, { error: "moderation.error.reason" });

export const decisionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("claim") }),
  z.object({ intent: z.literal("approve") }),
  z.object({ intent: z.literal("dismiss") }),
  z.object({ intent: z.literal("hide"), reason, note }),
  z.object({ intent: z.literal("restore"), note }),
  // The new text itself is read with readRichText (body / bodyText).
  z.object({ intent: z.literal("redact"), note, body: z.string().optional(), bodyText: z.string().optional() }),
  z.object({ intent: z.literal("lock"), lockReason: z.string({ error: "moderation.error.lockReason" }).trim().min(1, { error: "moderation.error.lockReason" }).max(NOTE_MAX, { error: "moderation.error.noteTooLong" }) }),
  z.object({ intent: z.literal("unlock") }),
  z.object({ intent: z.literal("timeout"), days: z.coerce.number({ error: "moderation.error.days" }).int({ error: "moderation.error.days" }).min(1, { error: "moderation.error.days" }).max(30, { error: "moderation.error.days" }), note }),
  z.object({ intent: z.literal("appealGrant"), note }),
  z.object({ intent: z.literal("appealUphold"), note }),
]);
export type DecisionForm = z.infer<typeof decisionSchema>;

export const BULK_MAX = 50;
const itemKey = z
  .string()
  .regex(/^(comment|proposal):\d{1,10}$/, { error: "moderation.error.items" })
  .refine((key) => idParam(key.slice(key.indexOf(":") + 1)) !== null, { error: "moderation.error.items" });

export const bulkSchema = z
  .object({
    action: z.enum(["approve", "hide", "dismiss"], { error: "moderation.error.bulkAction" }),
    reason: reason.optional(),
    note,
    items: z.array(itemKey, { error: "moderation.error.items" }).min(1, { error: "moderation.error.items" }).max(BULK_MAX, { error: "moderation.error.items" }),
  })
  .superRefine((value, ctx) => {
    if (value.action === "hide" && !value.reason) ctx.addIssue({ code: "custom", message: "moderation.error.reason", path: ["reason"] });
  });

export const APPEAL_MIN = 10;
export const APPEAL_MAX = 1000;
export const appealSchema = z.object({
  text: z
    .string({ error: "moderation.error.appealShort" })
    .trim()
    .min(APPEAL_MIN, { error: "moderation.error.appealShort" })
    .max(APPEAL_MAX, { error: "moderation.error.appealLong" }),
});
