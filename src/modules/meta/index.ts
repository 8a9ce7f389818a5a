/** The meta module's public face: the console's label tables (GET /api/meta) and the 机构设置 read (GET /api/agency-settings). */
export { buildMeta, type Meta } from './meta.ts';
export { getAgencySwitches, type AgencySwitches } from './agency-settings.ts';
export { registerMetaRoutes } from './meta.routes.ts';
