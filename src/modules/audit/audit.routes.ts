/** HTTP wiring of the audit log view and verification. */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../../context.ts';
import { forbidden } from '../../lib/errors.ts';
import { parseInput } from '../../lib/validation.ts';
import { agenciesWithRole, requireActor } from '../accounts/index.ts';
import { listAuditRows, verifyAuditLog } from './audit.service.ts';

const querySchema = z.object({
  /** Limit to one agency. */
  agencyId: z.string().uuid().optional(),
  /** Limit to one entity type (document, user, agency). */
  entityType: z.string().max(40).optional(),
  /** Limit to one entity. */
  entityId: z.string().max(80).optional(),
  /** Limit to one action. */
  action: z.string().max(60).optional(),
  /** Page before this id (newest first). */
  beforeId: z.coerce.number().int().positive().optional(),
  /** Page size. */
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export function registerAuditRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.get('/api/audit', async (request) => {
    const actor = requireActor(request);
    const q = parseInput(querySchema, request.query);
    // Administrators and auditors of an agency, and platform roles, read its audit log.
    let scope: string[] | 'all' = actor.globalRole ? 'all' : [];
    if (scope !== 'all') {
      const admin = agenciesWithRole(actor, 'admin');
      const auditor = agenciesWithRole(actor, 'auditor');
      scope = admin === 'all' || auditor === 'all' ? 'all' : [...new Set([...admin, ...auditor])];
    }
    if (scope !== 'all' && scope.length === 0) throw forbidden('只有管理员和审计员可以查看审计日志');
    if (q.agencyId) {
      if (scope !== 'all' && !scope.includes(q.agencyId)) throw forbidden();
      scope = [q.agencyId];
    }
    const rows = await listAuditRows(ctx.db, { ...q, agencyIds: scope });
    return { entries: rows };
  });

  app.get('/api/audit/verify', async (request) => {
    const actor = requireActor(request);
    if (!actor.globalRole) throw forbidden('只有平台管理员或县级监督员可以校验审计链');
    return verifyAuditLog(ctx.db);
  });
}
