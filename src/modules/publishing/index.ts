/** The publishing module's public face (主动公开: drafts, 三审三校 review, publication, withdrawal). */
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../context.ts';
import type { Job } from '../../jobs/scheduler.ts';

export * from './public-read.service.ts';

/** Registers the /api/documents and /api/reviews routes. */
export function registerPublishingRoutes(app: FastifyInstance, ctx: AppContext): void {
  void app;
  void ctx;
}

/** Jobs of this module (scheduled publication). */
export const publishingJobs: Job[] = [];

/** Demo content for a fresh installation. */
export async function seedDemoItems(ctx: AppContext): Promise<void> {
  void ctx;
}
