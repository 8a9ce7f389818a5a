/** The dashboard module's public face: 数据看板 of an agency and the county view. */
export { getDashboard, getCountyDashboard, OVERDUE_LIST_LIMIT } from './dashboard.service.ts';
export { getDrill } from './dashboard-drill.service.ts';
export { canViewDashboard, countyAgencies } from './dashboard.policy.ts';
export { registerDashboardRoutes } from './dashboard.routes.ts';
