CREATE TYPE "public"."proposal_status" AS ENUM('pending', 'published', 'under_consideration', 'adopted', 'not_adopted', 'merged', 'withdrawn');--> statement-breakpoint
CREATE TABLE "proposal_status_changes" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "proposal_status_changes_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"proposal_id" integer NOT NULL,
	"from_status" "proposal_status",
	"to_status" "proposal_status" NOT NULL,
	"explanation" text DEFAULT '' NOT NULL,
	"actor_id" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "proposals" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "proposals_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"plan_id" integer NOT NULL,
	"theme_id" integer NOT NULL,
	"action_point_id" integer,
	"author_id" integer NOT NULL,
	"title" text NOT NULL,
	"summary" text NOT NULL,
	"body" jsonb NOT NULL,
	"body_html" text NOT NULL,
	"status" "proposal_status" DEFAULT 'published' NOT NULL,
	"response" text,
	"merged_into_id" integer,
	"support_count" integer DEFAULT 0 NOT NULL,
	"comment_count" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "support_budgets" (
	"plan_id" integer NOT NULL,
	"user_id" integer NOT NULL,
	"used" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "support_budgets_plan_id_user_id_pk" PRIMARY KEY("plan_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "supports" (
	"proposal_id" integer NOT NULL,
	"user_id" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "supports_proposal_id_user_id_pk" PRIMARY KEY("proposal_id","user_id")
);
--> statement-breakpoint
ALTER TABLE "proposal_status_changes" ADD CONSTRAINT "proposal_status_changes_proposal_id_proposals_id_fk" FOREIGN KEY ("proposal_id") REFERENCES "public"."proposals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proposal_status_changes" ADD CONSTRAINT "proposal_status_changes_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proposals" ADD CONSTRAINT "proposals_plan_id_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."plans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proposals" ADD CONSTRAINT "proposals_theme_id_themes_id_fk" FOREIGN KEY ("theme_id") REFERENCES "public"."themes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proposals" ADD CONSTRAINT "proposals_action_point_id_action_points_id_fk" FOREIGN KEY ("action_point_id") REFERENCES "public"."action_points"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proposals" ADD CONSTRAINT "proposals_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proposals" ADD CONSTRAINT "proposals_merged_into_id_proposals_id_fk" FOREIGN KEY ("merged_into_id") REFERENCES "public"."proposals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "support_budgets" ADD CONSTRAINT "support_budgets_plan_id_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."plans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "support_budgets" ADD CONSTRAINT "support_budgets_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "supports" ADD CONSTRAINT "supports_proposal_id_proposals_id_fk" FOREIGN KEY ("proposal_id") REFERENCES "public"."proposals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "supports" ADD CONSTRAINT "supports_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "proposal_status_changes_proposal" ON "proposal_status_changes" USING btree ("proposal_id","id");--> statement-breakpoint
CREATE INDEX "proposals_plan_status" ON "proposals" USING btree ("plan_id","status");--> statement-breakpoint
CREATE INDEX "proposals_plan_support" ON "proposals" USING btree ("plan_id","support_count","id");--> statement-breakpoint
CREATE INDEX "proposals_plan_created" ON "proposals" USING btree ("plan_id","created_at","id");--> statement-breakpoint
CREATE INDEX "proposals_author" ON "proposals" USING btree ("author_id");--> statement-breakpoint
CREATE INDEX "supports_user" ON "supports" USING btree ("user_id");--> statement-breakpoint
-- A plan being drafted opens its windows for half a year, unless an admin already set them.
UPDATE "plans" SET "proposals_open_at" = now(), "proposals_close_at" = now() + interval '180 days',
  "support_open_at" = now(), "support_close_at" = now() + interval '180 days', "support_budget" = coalesce("support_budget", 10)
WHERE "status" = 'drafting' AND "proposals_open_at" IS NULL AND "support_open_at" IS NULL;
