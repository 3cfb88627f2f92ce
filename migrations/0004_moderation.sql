CREATE TYPE "public"."flag_reason" AS ENUM('spam', 'offensive', 'off_topic', 'personal_data', 'other');--> statement-breakpoint
CREATE TYPE "public"."moderation_action_kind" AS ENUM('approve', 'hide', 'restore', 'redact', 'dismiss', 'lock', 'unlock', 'timeout', 'appeal_upheld', 'appeal_granted');--> statement-breakpoint
CREATE TYPE "public"."moderation_target" AS ENUM('comment', 'proposal');--> statement-breakpoint
CREATE TYPE "public"."premoderation_mode" AS ENUM('off', 'new_accounts', 'all');--> statement-breakpoint
CREATE TYPE "public"."queue_reason" AS ENUM('premoderation', 'reports', 'spam', 'appeal');--> statement-breakpoint
CREATE TABLE "appeals" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "appeals_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"action_id" integer NOT NULL,
	"author_id" integer NOT NULL,
	"text" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"decided_at" timestamp with time zone,
	CONSTRAINT "appeals_actionId_unique" UNIQUE("action_id")
);
--> statement-breakpoint
CREATE TABLE "flags" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "flags_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"target_type" "moderation_target" NOT NULL,
	"target_id" integer NOT NULL,
	"theme_id" integer NOT NULL,
	"reporter_id" integer NOT NULL,
	"reason" "flag_reason" NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"resolved_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "moderation_actions" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "moderation_actions_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"target_type" text NOT NULL,
	"target_id" integer NOT NULL,
	"theme_id" integer NOT NULL,
	"moderator_id" integer,
	"action" "moderation_action_kind" NOT NULL,
	"reason_code" text,
	"public_note" text DEFAULT '' NOT NULL,
	"original" jsonb,
	"reported_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "moderation_queue" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "moderation_queue_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"target_type" "moderation_target" NOT NULL,
	"target_id" integer NOT NULL,
	"theme_id" integer NOT NULL,
	"reasons" "queue_reason"[] NOT NULL,
	"spam_score" integer DEFAULT 0 NOT NULL,
	"spam_signals" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"opened_at" timestamp with time zone DEFAULT now() NOT NULL,
	"claimed_by_id" integer,
	"claimed_until" timestamp with time zone,
	"closed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "theme_timeouts" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "theme_timeouts_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"user_id" integer NOT NULL,
	"theme_id" integer NOT NULL,
	"until" timestamp with time zone NOT NULL,
	"created_by_id" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "comments" ADD COLUMN "hidden_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "comments" ADD COLUMN "hidden_reason" text;--> statement-breakpoint
ALTER TABLE "comments" ADD COLUMN "hidden_note" text;--> statement-breakpoint
ALTER TABLE "proposals" ADD COLUMN "hidden_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "proposals" ADD COLUMN "hidden_reason" text;--> statement-breakpoint
ALTER TABLE "proposals" ADD COLUMN "hidden_note" text;--> statement-breakpoint
ALTER TABLE "themes" ADD COLUMN "premoderation" "premoderation_mode" DEFAULT 'off' NOT NULL;--> statement-breakpoint
ALTER TABLE "themes" ADD COLUMN "premoderation_count" integer DEFAULT 3 NOT NULL;--> statement-breakpoint
ALTER TABLE "themes" ADD COLUMN "flag_threshold" integer DEFAULT 3 NOT NULL;--> statement-breakpoint
ALTER TABLE "appeals" ADD CONSTRAINT "appeals_action_id_moderation_actions_id_fk" FOREIGN KEY ("action_id") REFERENCES "public"."moderation_actions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appeals" ADD CONSTRAINT "appeals_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "flags" ADD CONSTRAINT "flags_theme_id_themes_id_fk" FOREIGN KEY ("theme_id") REFERENCES "public"."themes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "flags" ADD CONSTRAINT "flags_reporter_id_users_id_fk" FOREIGN KEY ("reporter_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "moderation_actions" ADD CONSTRAINT "moderation_actions_theme_id_themes_id_fk" FOREIGN KEY ("theme_id") REFERENCES "public"."themes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "moderation_actions" ADD CONSTRAINT "moderation_actions_moderator_id_users_id_fk" FOREIGN KEY ("moderator_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "moderation_queue" ADD CONSTRAINT "moderation_queue_theme_id_themes_id_fk" FOREIGN KEY ("theme_id") REFERENCES "public"."themes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "moderation_queue" ADD CONSTRAINT "moderation_queue_claimed_by_id_users_id_fk" FOREIGN KEY ("claimed_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "theme_timeouts" ADD CONSTRAINT "theme_timeouts_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "theme_timeouts" ADD CONSTRAINT "theme_timeouts_theme_id_themes_id_fk" FOREIGN KEY ("theme_id") REFERENCES "public"."themes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "theme_timeouts" ADD CONSTRAINT "theme_timeouts_created_by_id_users_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "flags_one_per_reporter" ON "flags" USING btree ("target_type","target_id","reporter_id");--> statement-breakpoint
CREATE INDEX "flags_target" ON "flags" USING btree ("target_type","target_id");--> statement-breakpoint
CREATE INDEX "moderation_actions_created" ON "moderation_actions" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "moderation_actions_target" ON "moderation_actions" USING btree ("target_type","target_id");--> statement-breakpoint
CREATE UNIQUE INDEX "moderation_queue_one_open" ON "moderation_queue" USING btree ("target_type","target_id") WHERE "moderation_queue"."closed_at" is null;--> statement-breakpoint
CREATE INDEX "moderation_queue_theme_open" ON "moderation_queue" USING btree ("theme_id","opened_at") WHERE "moderation_queue"."closed_at" is null;--> statement-breakpoint
CREATE INDEX "theme_timeouts_user_theme" ON "theme_timeouts" USING btree ("user_id","theme_id","until");--> statement-breakpoint
-- The moderation record is append-only, like the audit log.
CREATE FUNCTION "append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only', TG_TABLE_NAME;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER "moderation_actions_no_update_or_delete" BEFORE UPDATE OR DELETE ON "moderation_actions"
  FOR EACH ROW EXECUTE FUNCTION "append_only"();
