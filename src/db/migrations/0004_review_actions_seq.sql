DROP INDEX "review_actions_document_idx";--> statement-breakpoint
ALTER TABLE "review_actions" ADD COLUMN "seq" bigserial NOT NULL;--> statement-breakpoint
CREATE INDEX "review_actions_document_idx" ON "review_actions" USING btree ("document_id","seq");