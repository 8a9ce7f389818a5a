CREATE TABLE "privacy_justifications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"document_id" uuid NOT NULL,
	"finding_id" text NOT NULL,
	"type" text NOT NULL,
	"masked" text NOT NULL,
	"reason" text NOT NULL,
	"actor_id" uuid NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "privacy_masked_files" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"document_id" uuid NOT NULL,
	"original_attachment_id" uuid NOT NULL,
	"masked_attachment_id" uuid NOT NULL,
	"masked" integer NOT NULL,
	"actor_id" uuid NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "privacy_scans" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"document_id" uuid NOT NULL,
	"agency_id" uuid NOT NULL,
	"content_key" text NOT NULL,
	"findings" jsonb NOT NULL,
	"counts" jsonb NOT NULL,
	"scanned_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "privacy_settings" (
	"key" text PRIMARY KEY NOT NULL,
	"value" jsonb NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "privacy_sweep_items" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"sweep_id" uuid NOT NULL,
	"document_id" uuid NOT NULL,
	"agency_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"title" text NOT NULL,
	"index_no" text NOT NULL,
	"findings" jsonb NOT NULL,
	"counts" jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "privacy_sweeps" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"agency_id" uuid,
	"trigger" text NOT NULL,
	"requested_by" uuid,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone,
	"items_scanned" integer DEFAULT 0 NOT NULL,
	"items_with_findings" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
ALTER TABLE "privacy_justifications" ADD CONSTRAINT "privacy_justifications_document_id_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."documents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "privacy_justifications" ADD CONSTRAINT "privacy_justifications_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "privacy_masked_files" ADD CONSTRAINT "privacy_masked_files_document_id_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."documents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "privacy_masked_files" ADD CONSTRAINT "privacy_masked_files_original_attachment_id_attachments_id_fk" FOREIGN KEY ("original_attachment_id") REFERENCES "public"."attachments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "privacy_masked_files" ADD CONSTRAINT "privacy_masked_files_masked_attachment_id_attachments_id_fk" FOREIGN KEY ("masked_attachment_id") REFERENCES "public"."attachments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "privacy_masked_files" ADD CONSTRAINT "privacy_masked_files_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "privacy_scans" ADD CONSTRAINT "privacy_scans_document_id_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."documents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "privacy_scans" ADD CONSTRAINT "privacy_scans_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "privacy_settings" ADD CONSTRAINT "privacy_settings_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "privacy_sweep_items" ADD CONSTRAINT "privacy_sweep_items_sweep_id_privacy_sweeps_id_fk" FOREIGN KEY ("sweep_id") REFERENCES "public"."privacy_sweeps"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "privacy_sweep_items" ADD CONSTRAINT "privacy_sweep_items_document_id_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."documents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "privacy_sweep_items" ADD CONSTRAINT "privacy_sweep_items_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "privacy_sweeps" ADD CONSTRAINT "privacy_sweeps_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "privacy_sweeps" ADD CONSTRAINT "privacy_sweeps_requested_by_users_id_fk" FOREIGN KEY ("requested_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "privacy_justifications_uq" ON "privacy_justifications" USING btree ("document_id","finding_id");--> statement-breakpoint
CREATE INDEX "privacy_scans_document_idx" ON "privacy_scans" USING btree ("document_id","scanned_at");--> statement-breakpoint
CREATE INDEX "privacy_sweep_items_sweep_idx" ON "privacy_sweep_items" USING btree ("sweep_id","agency_id");--> statement-breakpoint
CREATE INDEX "privacy_sweeps_started_idx" ON "privacy_sweeps" USING btree ("started_at");