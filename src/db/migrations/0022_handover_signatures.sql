ALTER TABLE "handovers" ADD COLUMN "status" text DEFAULT 'completed' NOT NULL;--> statement-breakpoint
ALTER TABLE "handovers" ADD COLUMN "signed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "handovers" ADD COLUMN "signed_checklist" jsonb;--> statement-breakpoint
ALTER TABLE "handovers" ADD COLUMN "signed_fingerprint" text;--> statement-breakpoint
ALTER TABLE "handovers" ADD COLUMN "approved_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "handovers" ADD COLUMN "rejected_by" uuid;--> statement-breakpoint
ALTER TABLE "handovers" ADD COLUMN "rejected_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "handovers" ADD COLUMN "reject_reason" text;--> statement-breakpoint
ALTER TABLE "handovers" ADD COLUMN "cancelled_by" uuid;--> statement-breakpoint
ALTER TABLE "handovers" ADD COLUMN "cancelled_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "handovers" ADD COLUMN "completed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "handovers" ADD CONSTRAINT "handovers_rejected_by_users_id_fk" FOREIGN KEY ("rejected_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "handovers" ADD CONSTRAINT "handovers_cancelled_by_users_id_fk" FOREIGN KEY ("cancelled_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "handovers_open_uq" ON "handovers" USING btree ("from_user_id") WHERE "handovers"."status" in ('awaitingSuccessor', 'awaitingApproval');--> statement-breakpoint
CREATE INDEX "handovers_to_idx" ON "handovers" USING btree ("to_user_id","status");