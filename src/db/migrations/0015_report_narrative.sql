ALTER TABLE "report_publications" ADD COLUMN "narrative" jsonb;--> statement-breakpoint
-- Publications made before this column: the stored draft is the best record of what was published.
UPDATE "report_publications" p SET "narrative" = jsonb_build_object('overview', d."overview", 'problems', d."problems", 'other', d."other") FROM "report_drafts" d WHERE d."agency_id" = p."agency_id" AND d."year" = p."year" AND p."narrative" IS NULL;
