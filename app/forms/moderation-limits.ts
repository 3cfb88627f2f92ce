/**
 * The moderation forms' reason codes and limits, without zod: the forms on
 * reader pages (app/components/ModerationForms.tsx) import these, and zod stays
 * out of those pages' JavaScript (docs/performance.md). The schemas are in moderation.ts.
 */
import type { HideReason } from "#app/moderation.server.ts";

/** The reason codes for hiding (the same list as HIDE_REASONS, which lives in a server-only module). */
export const HIDE_REASON_CODES = ["spam", "offensive", "off_topic", "personal_data", "illegal", "other"] as const satisfies readonly HideReason[];
// Fails to compile when the server's list gains a reason this one lacks.
const sameReasons: Exclude<HideReason, (typeof HIDE_REASON_CODES)[number]> extends never ? true : false = true;
void sameReasons;

export const NOTE_MAX = 500;
