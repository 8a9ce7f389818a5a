DROP INDEX "report_publications_agency_year_uq";--> statement-breakpoint
ALTER TABLE "report_cases" ADD COLUMN "request_id" uuid;--> statement-breakpoint
ALTER TABLE "report_cases" ADD COLUMN "updated_by" uuid;--> statement-breakpoint
ALTER TABLE "report_cases" ADD COLUMN "updated_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "report_publications" ADD COLUMN "revision" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "report_publications" ADD COLUMN "note" text;--> statement-breakpoint
ALTER TABLE "report_cases" ADD CONSTRAINT "report_cases_request_id_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."requests"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_cases" ADD CONSTRAINT "report_cases_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "report_publications_agency_year_revision_uq" ON "report_publications" USING btree ("agency_id","year","revision");