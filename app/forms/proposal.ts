/** The zod schemas of the proposal forms, shared by browser and server; messages are translation keys. */
import { z } from "zod";

const required = { error: "form.required" } as const;
const id = z.coerce.number({ error: "proposal.unknownTheme" }).int().positive().max(2_147_483_647);
const HIDDEN = /[\p{Cc}\p{Cf}\u2028\u2029]/u;

export const proposalSchema = z.object({
  title: z
    .string(required)
    .trim()
    .min(1, required)
    .max(120, { error: "proposal.titleTooLong" })
    .refine((value) => !HIDDEN.test(value), { error: "form.nameInvalid" }),
  summary: z.string(required).trim().min(1, required).max(500, { error: "proposal.summaryTooLong" }),
  themeId: id,
  actionPointId: z.coerce.number({ error: "proposal.unknownActionPoint" }).int().positive().max(2_147_483_647).optional(),
});

export const RESPONSE_STATUSES = ["under_consideration", "adopted", "not_adopted", "merged"] as const;

export const respondSchema = z.object({
  intent: z.literal("respond"),
  to: z.enum(RESPONSE_STATUSES, { error: "proposal.respond.notAllowed" }),
  explanation: z.string(required).trim().min(10, { error: "proposal.explanationRequired" }).max(2000, { error: "proposal.explanationTooLong" }),
  mergedIntoId: z.coerce.number().int().positive().max(2_147_483_647).optional(),
});
