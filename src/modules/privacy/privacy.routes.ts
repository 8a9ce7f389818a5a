/** HTTP wiring of the site-wide mask policy: GET (any signed-in user) and PUT (sysadmin). */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../../context.ts';
import { parseInput } from '../../lib/validation.ts';
import { requireActor } from '../accounts/index.ts';
import { getMaskPolicy, setMaskPolicy } from './privacy.service.ts';
import { findingTypes, type FindingType } from './types.ts';

const ruleSchema = z.union([
  z.object({ kind: z.literal('partial'), keepFirst: z.number().int(), keepLast: z.number().int(), maskChar: z.string().optional() }),
  z.object({ kind: z.literal('email'), keepFirst: z.number().int(), maskChar: z.string().optional() }),
  z.object({ kind: z.literal('name'), maskChar: z.string().optional() }),
  z.object({ kind: z.literal('address'), keep: z.enum(['village', 'township']), maskChar: z.string().optional() }),
  z.object({ kind: z.literal('remove'), replacement: z.string().max(20) }),
  z.object({ kind: z.literal('none') }),
]);

/** PUT /api/privacy/policy body. */
const policySchema = z.object({
  /** Default mask character (one non-alphanumeric symbol). */
  maskChar: z.string().optional(),
  /** Rule per finding type; types left out keep the default rule. */
  rules: z.partialRecord(z.enum(findingTypes as [FindingType, ...FindingType[]]), ruleSchema).optional(),
});

export function registerPrivacyRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.get('/api/privacy/policy', async (request) => {
    requireActor(request);
    return { policy: await getMaskPolicy(ctx.db) };
  });

  app.put('/api/privacy/policy', async (request) => {
    const actor = requireActor(request);
    const input = parseInput(policySchema, request.body);
    const overrides = { ...(input.maskChar !== undefined ? { maskChar: input.maskChar } : {}), ...(input.rules ? { rules: input.rules } : {}) };
    return { policy: await setMaskPolicy(ctx.db, actor, overrides, request.ip) };
  });
}
