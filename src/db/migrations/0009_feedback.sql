CREATE TABLE "feedback" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"agency_id" uuid NOT NULL,
	"document_id" uuid,
	"kind" text NOT NULL,
	"rating" smallint,
	"text" text NOT NULL,
	"contact" text,
	"consent_to_publish" boolean DEFAULT false NOT NULL,
	"source" text NOT NULL,
	"status" text NOT NULL,
	"spam_score" integer DEFAULT 0 NOT NULL,
	"received_on" date NOT NULL,
	"due_on" date NOT NULL,
	"answer" text,
	"answered_by" uuid,
	"answered_at" timestamp with time zone,
	"answered_on" date,
	"reject_reason" text,
	"lock_version" integer DEFAULT 0 NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "feedback_settings" (
	"agency_id" uuid PRIMARY KEY NOT NULL,
	"answer_working_days" integer DEFAULT 5 NOT NULL,
	"banned_words" text[] DEFAULT '{}'::text[] NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "document_versions" ADD COLUMN "interprets_id" uuid;--> statement-breakpoint
ALTER TABLE "documents" ADD COLUMN "interprets_id" uuid;--> statement-breakpoint
ALTER TABLE "feedback" ADD CONSTRAINT "feedback_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feedback" ADD CONSTRAINT "feedback_document_id_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."documents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feedback" ADD CONSTRAINT "feedback_answered_by_users_id_fk" FOREIGN KEY ("answered_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feedback" ADD CONSTRAINT "feedback_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feedback_settings" ADD CONSTRAINT "feedback_settings_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "feedback_agency_status_idx" ON "feedback" USING btree ("agency_id","status","due_on");--> statement-breakpoint
CREATE INDEX "feedback_document_idx" ON "feedback" USING btree ("document_id");--> statement-breakpoint
CREATE INDEX "feedback_agency_received_idx" ON "feedback" USING btree ("agency_id","received_on");--> statement-breakpoint
ALTER TABLE "documents" ADD CONSTRAINT "documents_interprets_id_documents_id_fk" FOREIGN KEY ("interprets_id") REFERENCES "public"."documents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "versions_interprets_idx" ON "document_versions" USING btree ("interprets_id") WHERE "document_versions"."is_current" and "document_versions"."interprets_id" is not null;