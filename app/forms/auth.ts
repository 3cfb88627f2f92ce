/**
 * The zod schemas of the account forms, shared by browser and server. Error
 * messages are translation keys; the form components translate them.
 */
import { z } from "zod";
import { PASSWORD_MAX, PASSWORD_MIN } from "#app/auth/password-rules.ts";

const required = { error: "form.required" } as const;

export const email = z
  .string(required)
  .trim()
  .max(254, { error: "form.emailTooLong" })
  .pipe(z.email({ error: "form.email" }));

// Visible characters only: no line breaks, control or zero-width characters, no direction overrides.
const HIDDEN = /[\p{Cc}\p{Cf}\u2028\u2029]/u;
export const displayName = z
  .string(required)
  .trim()
  .min(1, required)
  .max(60, { error: "form.nameTooLong" })
  .refine((value) => !HIDDEN.test(value), { error: "form.nameInvalid" });

/** A new password: length only here; the server also checks the blocklist. */
export const newPassword = z
  .string(required)
  .refine((value) => [...value].length >= PASSWORD_MIN, { error: "password.tooShort" })
  .refine((value) => [...value].length <= PASSWORD_MAX, { error: "password.tooLong" });

/** A password being checked, not chosen: any length the form allows. */
export const currentPassword = z.string(required).max(1000, { error: "password.tooLong" });

export const signInSchema = z.object({ email, password: currentPassword, redirectTo: z.string().optional() });
export const registerSchema = z.object({ email, displayName, password: newPassword });
export const forgotSchema = z.object({ email });
export const resetSchema = z.object({ password: newPassword });
export const displayNameSchema = z.object({ intent: z.literal("name"), displayName });
export const passwordSchema = z.object({ intent: z.literal("password"), currentPassword, newPassword });
export const resendSchema = z.object({ intent: z.literal("resend") });
export const deleteSchema = z.object({ password: currentPassword });
export const accountSchema = z.discriminatedUnion("intent", [displayNameSchema, passwordSchema, resendSchema]);
