-- Full-text search (Dutch stemming; English translations of the plan's texts with English stemming).
-- Generated columns keep the search vectors in step with the rows; GIN indexes make them fast.
ALTER TABLE "action_points" ADD COLUMN "search" tsvector GENERATED ALWAYS AS (
  setweight(to_tsvector('dutch'::regconfig, coalesce("title", '')), 'A')
  || setweight(to_tsvector('dutch'::regconfig, coalesce("summary", '') || ' ' || coalesce("holder", '') || ' ' || coalesce("partners", '')), 'B')
  || setweight(to_tsvector('dutch'::regconfig, coalesce("body", '') || ' ' || coalesce("contribution", '')), 'C')
  || setweight(to_tsvector('english'::regconfig, coalesce("translations" -> 'en' ->> 'title', '')), 'A')
  || setweight(to_tsvector('english'::regconfig, coalesce("translations" -> 'en' ->> 'body', '') || ' ' || coalesce("translations" -> 'en' ->> 'contribution', '')), 'C')
) STORED;
--> statement-breakpoint
CREATE INDEX "action_points_search" ON "action_points" USING gin ("search");
--> statement-breakpoint
ALTER TABLE "progress_updates" ADD COLUMN "search" tsvector GENERATED ALWAYS AS (
  setweight(to_tsvector('dutch'::regconfig, coalesce("title", '')), 'A')
  || setweight(to_tsvector('dutch'::regconfig, coalesce("body", '')), 'B')
  || setweight(to_tsvector('english'::regconfig, coalesce("translations" -> 'en' ->> 'title', '') || ' ' || coalesce("translations" -> 'en' ->> 'body', '')), 'B')
) STORED;
--> statement-breakpoint
CREATE INDEX "progress_updates_search" ON "progress_updates" USING gin ("search");
--> statement-breakpoint
ALTER TABLE "proposals" ADD COLUMN "search" tsvector GENERATED ALWAYS AS (
  setweight(to_tsvector('dutch'::regconfig, coalesce("title", '')), 'A')
  || setweight(to_tsvector('dutch'::regconfig, coalesce("summary", '')), 'B')
  || setweight(to_tsvector('dutch'::regconfig, regexp_replace(coalesce("body_html", ''), '<[^>]+>', ' ', 'g')), 'C')
  || setweight(to_tsvector('english'::regconfig, coalesce("title", '') || ' ' || coalesce("summary", '')), 'D')
) STORED;
--> statement-breakpoint
CREATE INDEX "proposals_search" ON "proposals" USING gin ("search");
--> statement-breakpoint
ALTER TABLE "comments" ADD COLUMN "search" tsvector GENERATED ALWAYS AS (
  to_tsvector('dutch'::regconfig, regexp_replace(coalesce("body_html", ''), '<[^>]+>', ' ', 'g'))
  || setweight(to_tsvector('english'::regconfig, regexp_replace(coalesce("body_html", ''), '<[^>]+>', ' ', 'g')), 'D')
) STORED;
--> statement-breakpoint
CREATE INDEX "comments_search" ON "comments" USING gin ("search");
