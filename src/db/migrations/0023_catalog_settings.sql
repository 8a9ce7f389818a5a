CREATE TABLE "catalog_settings" (
	"agency_id" uuid PRIMARY KEY NOT NULL,
	"interpretation_days" integer DEFAULT 5 NOT NULL,
	"escalation_working_days" integer DEFAULT 2 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" uuid
);
--> statement-breakpoint
ALTER TABLE "catalog_items" ADD COLUMN "needs_interpretation" boolean;--> statement-breakpoint
ALTER TABLE "catalog_settings" ADD CONSTRAINT "catalog_settings_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;