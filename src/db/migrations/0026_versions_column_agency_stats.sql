-- Custom migration (drizzle-kit does not model extended statistics).
-- A column belongs to one agency, so `agency_id = $1 AND column_id IN (…)` selects as many rows as
-- the column filter alone. Without this the planner multiplies both selectivities, expects ~30
-- rows instead of ~1,000 for a first-level column, and sorts every row of the group instead of
-- reading versions_agency_recent_idx backwards for page 1 of a portal list (docs/BENCHMARKS.md).
CREATE STATISTICS IF NOT EXISTS "versions_column_agency_stats" (dependencies) ON "column_id", "agency_id" FROM "document_versions";
--> statement-breakpoint
ANALYZE "document_versions";
