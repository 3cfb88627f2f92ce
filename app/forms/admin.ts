/**
 * The zod schemas of the admin pages (beheer), shared by browser and server.
 * Error messages are translation keys; the pages translate them.
 */
import { z } from "zod";

/** Ids are PostgreSQL `integer`s: anything larger would make the query fail instead of finding nothing. */
const MAX_ID = 2_147_483_647;

const idNumber = (error: string) => z.number({ error }).int({ error }).min(1, { error }).max(MAX_ID, { error });

/** An id in a URL (`?voor=12`, `/beheer/gebruikers/12`): digits only, no sign, exponent or spaces. */
const idText = (error: string) =>
  z
    .string({ error })
    .regex(/^[1-9][0-9]{0,9}$/, { error })
    .transform(Number)
    .pipe(z.number().max(MAX_ID, { error }));

/** An absent or empty query parameter counts as not given. */
const optionalParam = <T extends z.ZodType>(schema: T) => z.preprocess((value) => (value === "" || value === null ? undefined : value), schema.optional());

export const SEARCH_MAX = 100;

/** `/beheer/gebruikers?q=…&voor=…` */
export const userSearchQuery = z.object({
  q: optionalParam(z.string({ error: "admin.query.invalid" }).trim().max(SEARCH_MAX, { error: "admin.users.queryTooLong" })),
  voor: optionalParam(idText("admin.query.invalidCursor")),
});

/** `/beheer/auditlog?voor=…` */
export const auditLogQuery = z.object({
  voor: optionalParam(idText("admin.query.invalidCursor")),
});

/** The `:id` of `/beheer/gebruikers/:id`; anything else is a 404. */
export const userIdParam = idText("admin.query.invalid");

export const doneValues = ["granted", "revoked", "blocked", "unblocked"] as const;
export type Done = (typeof doneValues)[number];

/** `?gedaan=granted` after a change: an unknown value is simply ignored. */
export const userPageQuery = z.object({
  gedaan: z.enum(doneValues).optional().catch(undefined),
});

// Visible characters only: no line breaks, control or zero-width characters, no direction overrides.
const HIDDEN = /[\p{Cc}\p{Cf}\u2028\u2029]/u;
export const ORGANISATION_MAX = 120;

const organisation = z
  .string({ error: "admin.grant.organisationRequired" })
  .trim()
  .min(1, { error: "admin.grant.organisationRequired" })
  .max(ORGANISATION_MAX, { error: "admin.grant.organisationTooLong" })
  .refine((value) => !HIDDEN.test(value), { error: "admin.grant.organisationInvalid" });

/** The roles in the order the grant form offers them. */
export const roles = ["admin", "moderator", "action_holder", "forum_member"] as const;

const grant = z.literal("grant");

/** Granting a role: which scope field is needed depends on the role. */
export const grantSchema = z.discriminatedUnion(
  "role",
  [
    z.object({ intent: grant, role: z.literal("admin") }),
    z.object({ intent: grant, role: z.literal("moderator"), themeId: idNumber("admin.grant.themeRequired") }),
    z.object({ intent: grant, role: z.literal("action_holder"), actionPointId: idNumber("admin.grant.actionPointRequired") }),
    z.object({ intent: grant, role: z.literal("forum_member"), organisation }),
  ],
  { error: "admin.grant.roleRequired" },
);

export const revokeSchema = z.object({ intent: z.literal("revoke"), grantId: idNumber("admin.revoke.unknown") });
export const blockSchema = z.object({ intent: z.literal("block") });
export const unblockSchema = z.object({ intent: z.literal("unblock") });

/** Every form of a person's admin page, told apart by `intent`. */
export const adminUserSchema = z.discriminatedUnion("intent", [grantSchema, revokeSchema, blockSchema, unblockSchema], {
  error: "admin.error.invalid",
});
export type AdminUserIntent = z.infer<typeof adminUserSchema>["intent"];
