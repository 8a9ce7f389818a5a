ALTER TABLE "document_versions" ADD COLUMN "notice_starts_on" date;--> statement-breakpoint
ALTER TABLE "document_versions" ADD COLUMN "notice_ends_on" date;--> statement-breakpoint
ALTER TABLE "documents" ADD COLUMN "notice_starts_on" date;--> statement-breakpoint
ALTER TABLE "documents" ADD COLUMN "notice_ends_on" date;