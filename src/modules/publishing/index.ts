/** The publishing module's public face (主动公开: drafts, 三审三校 review, publication, withdrawal). */
import type { AppContext } from '../../context.ts';
import type { Job } from '../../jobs/scheduler.ts';
import { publishScheduledJob } from './jobs/publish-scheduled.job.ts';
import { privacySweepJob } from './jobs/privacy-sweep.job.ts';
import { seedDemoItems as seed } from './demo-seed.ts';

export * from './public-read.service.ts';
export { registerPublishingRoutes } from './publishing.routes.ts';
export { registerInterpretationRoutes, listMissingInterpretations, INTERPRETATION_WORKING_DAYS } from './interpretations.ts';
export { createPublishedItem, publishDirectCorrection, type PublishedItemInput, type DirectCorrectionInput } from './published-item.ts';
export { getPublicAttachment, contentDisposition, type PublicAttachment } from './attachments.service.ts';
// Used by requests (条例第44条: a disclosed reply proposed for proactive publication; disclosed files checked by content).
export { addAttachment, prepareAttachment, readUploadedFile, type PreparedAttachment } from './attachments.service.ts';
export { createDocument } from './documents.service.ts';
export { createDocumentSchema } from './publishing.schemas.ts';
export { publishDueScheduled, notifyPublicChange, type ScheduledRun } from './publish.ts';
export { scanDocument, getDocumentPrivacy } from './privacy-gate.service.ts';
export { runPrivacySweep, runDueSweeps } from './privacy-sweep.service.ts';
export { findingPlace, confidenceNames, type SweepRun, type SweepReportItem } from './privacy-sweep.presenter.ts';
export { readSweepItems } from './privacy-sweep-report.service.ts';
export {
  normalizeDocNo,
  formatIndexNo,
  disclosureNames,
  disclosureGroundNames,
  docTypeNames,
  validityNames,
  type Disclosure,
  type DisclosureGround,
  type DocType,
  type Validity,
} from './metadata.ts';
export { statusNames, documentStatuses, type DocumentStatus } from './workflow.ts';
export { sanitizeBody, bodyToText } from './body-html.ts';

/** Jobs of this module (scheduled publication every 30 s; the privacy sweep 回头看 on each agency's interval). */
export const publishingJobs: Job[] = [publishScheduledJob, privacySweepJob];

/** Demo content for a fresh installation (about a dozen published items of the agency `quchi`). */
export async function seedDemoItems(ctx: AppContext): Promise<void> {
  const n = await seed(ctx);
  if (n > 0) ctx.log.info({ items: n }, 'demo items published');
}
// Used by catalog's backfill (docs/modules/catalog.md §Backfill): live items without a 目录事项 and the guarded link.
export { findUnlinkedPublished, findDocumentsForLink, setDocumentCatalogItem, type UnlinkedDocument } from './catalog-backfill.repository.ts';
export { getSweepSchedule } from './privacy-sweep-report.service.ts';
