/**
 * First start: the administrator account and the demo agency. The administrator's password
 * comes from GONGKAI_ADMIN_PASSWORD or is generated, printed once and stored with mode 0600
 * in the data folder: there is never a fixed default password.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { AppContext } from './context.ts';
import { ensureAdmin, generatePassword, systemActor } from './modules/accounts/index.ts';
import { createAgency, listAgencies } from './modules/agencies/index.ts';
import { seedDemoItems } from './modules/publishing/index.ts';
import { seedAgencyCatalog } from './modules/catalog/index.ts';


/** File holding a generated administrator password. */
export function adminPasswordFile(ctx: AppContext): string {
  return path.join(ctx.config.dataDir, 'admin-password.txt');
}

/** Creates what a fresh installation needs; returns the generated admin password when one was made. */
export async function firstStart(ctx: AppContext): Promise<{ generatedPassword: string | null }> {
  let generatedPassword: string | null = null;
  const password = ctx.config.GONGKAI_ADMIN_PASSWORD ?? generatePassword();
  const created = await ensureAdmin(ctx.db, password);
  if (created && !ctx.config.GONGKAI_ADMIN_PASSWORD) {
    generatedPassword = password;
    fs.writeFileSync(adminPasswordFile(ctx), `${password}\n`, { mode: 0o600 });
  }
  if (ctx.config.GONGKAI_DEMO && (await listAgencies(ctx.db)).length === 0) {
    const county = await createAgency(ctx.db, systemActor, {
      code: '009321473',
      slug: 'wushan',
      name: '巫山县人民政府',
      kind: 'county',
      settings: { sponsor: '巫山县人民政府办公室', siteCode: '5002370001', icp: '渝ICP备00000000号', psb: '渝公网安备 50023702000000号' },
    });
    await createAgency(ctx.db, systemActor, {
      code: 'MB1584773',
      slug: 'quchi',
      name: '巫山县曲尺乡人民政府',
      kind: 'township',
      parentId: county.id,
      settings: {
        sponsor: '巫山县曲尺乡人民政府',
        siteCode: '5002370001',
        icp: '渝ICP备00000000号',
        psb: '渝公网安备 50023702000000号',
        address: '重庆市巫山县曲尺乡人民政府（基层治理综合指挥室）',
        officeHours: '工作日 上午 9:00–12:00，下午 14:30–18:00',
        phone: '023-57000000',
      },
    });
    // The demo agencies get their standard catalog at once; others lazily on first access (catalog.md).
    for (const a of await listAgencies(ctx.db)) await seedAgencyCatalog(ctx.db, a.id);
    await seedDemoItems(ctx);
  }
  return { generatedPassword };
}
