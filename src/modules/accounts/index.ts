/** The accounts module's public face. */
export * from './actor.ts';
export {
  addUserAsSystem,
  auditActor,
  ensureAdmin,
  findUserId,
  findUserContacts,
  findAgencyStaffIds,
  getOwnProfile,
  updateOwnProfile,
  loadActor,
  listAgencyMembers,
  purgeIdleSessions,
  resetPassword,
  systemActor,
  lockoutThreshold,
  reauthenticate,
} from './accounts.service.ts';
export { generatePassword, hashPassword } from './passwords.ts';
export { registerAuth, requireActor, sessionCookie } from './auth.plugin.ts';
export { registerAccountsRoutes } from './accounts.routes.ts';
