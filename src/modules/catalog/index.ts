/** The catalog module's public face: the standard catalog, per-agency catalogs and the timeliness ledger. */
export { seedAgencyCatalog, ensureCatalog, findCatalogItem, getCatalog, getLedger, defaultCatalogItemForColumn, listPublicCatalog } from './catalog.service.ts';
export { registerCatalogRoutes } from './catalog.routes.ts';
export { catalogRemindersJob, remindCatalogUpdates } from './reminders.job.ts';
export { computeLedger, onTimeRate, entryStatusNames, entryStatusName, type Ledger, type LedgerRow, type LedgerEntry, type LedgerItem, type LedgerDocument, type EntryStatus } from './ledger.ts';
export { formatTimeRule, parseTimeRule, defaultEventRule, dynamicRule, type TimeRule } from './time-rule.ts';
export { channelKeys, channelNames } from './channels.ts';
export { standardCatalog, standardCatalogVersion } from './standard-catalog.ts';
export { agencyLedger } from './catalog.service.ts';
export { registerCatalogBackfillRoutes } from './catalog-backfill.routes.ts';
export { unlinkedWithSuggestions, linkDocuments, type UnlinkedItem } from './catalog-backfill.service.ts';
export { getTimelinessSettings, type TimelinessSettings } from './catalog.service.ts';
