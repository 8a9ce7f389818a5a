/** The public portal (server-rendered, complete without JavaScript). */
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../context.ts';

/** Registers the portal pages, feeds, sitemap and the public JSON API. */
export async function registerPortal(app: FastifyInstance, ctx: AppContext): Promise<void> {
  void app;
  void ctx;
}
