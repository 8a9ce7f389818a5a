/** The agencies module's public face. */
export {
  createAgency,
  findAgencyBySlug,
  findColumn,
  getAgency,
  listAgencies,
  listAllColumns,
  listColumns,
  updateAgency,
  type Agency,
  type AgencyKind,
  type Column,
  type CreateAgencyInput,
} from './agencies.service.ts';
export { defaultReviewChain, proofreadingChecklist, privacyChecklist } from './review-chain.ts';
export { standardColumns } from './standard-columns.ts';
export { registerAgenciesRoutes } from './agencies.routes.ts';
