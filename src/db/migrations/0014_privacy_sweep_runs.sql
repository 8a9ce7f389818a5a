CREATE TABLE "privacy_sweep_schedules" (
	"agency_id" uuid PRIMARY KEY NOT NULL,
	"interval_days" integer NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "privacy_sweep_items" ADD COLUMN "published_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "privacy_sweeps" ADD COLUMN "items_total" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "privacy_sweeps" ADD COLUMN "findings_count" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "privacy_sweeps" ADD COLUMN "heartbeat_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
ALTER TABLE "privacy_sweeps" ADD COLUMN "error" text;--> statement-breakpoint
ALTER TABLE "privacy_sweep_schedules" ADD CONSTRAINT "privacy_sweep_schedules_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "privacy_sweep_schedules" ADD CONSTRAINT "privacy_sweep_schedules_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;