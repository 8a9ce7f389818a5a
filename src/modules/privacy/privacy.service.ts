/** The site-wide mask policy (one for the whole installation: DOMAIN.md §4.4.4). */
import type { Executor } from '../../db/client.ts';
import { AppError } from '../../lib/errors.ts';
import { auditActor, type Actor } from '../accounts/index.ts';
import { recordAudit } from '../audit/index.ts';
import { createMaskPolicy, defaultMaskPolicy, type MaskPolicy, type MaskRule } from './masking.ts';
import * as repo from './privacy.repository.ts';
import type { FindingType } from './types.ts';

const policyKey = 'maskPolicy';

/** What an administrator may change: the mask character and per-type rules. */
export interface PolicyOverrides {
  maskChar?: string;
  rules?: Partial<Record<FindingType, MaskRule>>;
}

/** The policy in force: the stored overrides over the default (the default when none or invalid). */
export async function getMaskPolicy(db: Executor): Promise<MaskPolicy> {
  const stored = (await repo.findSetting(db, policyKey)) as PolicyOverrides | undefined;
  if (!stored) return defaultMaskPolicy;
  try {
    return createMaskPolicy(stored);
  } catch {
    // A stored policy that no longer validates must not stop masking: the default is stricter or equal.
    return defaultMaskPolicy;
  }
}

/** Replaces the site policy (sysadmin only); 400 with the Chinese reason when invalid. Audited. */
export async function setMaskPolicy(db: Executor, actor: Actor, overrides: PolicyOverrides, ip: string | null): Promise<MaskPolicy> {
  if (actor.globalRole !== 'sysadmin') throw new AppError('FORBIDDEN', { message: '只有平台管理员可以修改脱敏策略' });
  let policy: MaskPolicy;
  try {
    policy = createMaskPolicy(overrides);
  } catch (err) {
    throw new AppError('VALIDATION', { message: (err as Error).message, details: { fields: { rules: (err as Error).message } } });
  }
  const before = await repo.findSetting(db, policyKey);
  await db.transaction(async (tx) => {
    await repo.upsertSetting(tx, policyKey, overrides, actor.userId);
    await recordAudit(tx, auditActor(actor, ip), {
      agencyId: null,
      action: 'privacy.setMaskPolicy',
      entityType: 'privacySettings',
      entityId: policyKey,
      before: (before as object | undefined) ?? { default: true },
      after: overrides as object,
    });
  });
  return policy;
}
