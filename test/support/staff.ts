/** Staff for an integration test: named users built through the real services and signed in. */
import type { Agency } from '../../src/modules/agencies/index.ts';
import { buildUser } from '../factories.ts';
import { login, type Client, type TestContext } from './context.ts';

/** The users of a test file by name, each with the options `buildUser` takes (agency, roles, steps, globalRole, …). */
export type StaffSpec = Record<string, NonNullable<Parameters<typeof buildUser>[1]>>;

/** Ids and signed-in clients by the names of a {@link StaffSpec}. */
export interface Staff {
  ids: Record<string, string>;
  clients: Record<string, Client>;
}

/**
 * Builds each user of `spec` and signs it in, one after the other in the spec's order. Fills the
 * test file's own records given in `into` (so module-level `ids` / `c` keep working) and returns
 * them; users named in `withoutLogin` are built (id recorded) but not signed in.
 */
export async function createStaff(t: TestContext, spec: StaffSpec, into: Partial<Staff> & { withoutLogin?: string[] } = {}): Promise<Staff> {
  const ids = into.ids ?? {};
  const clients = into.clients ?? {};
  for (const [name, opts] of Object.entries(spec)) {
    const u = await buildUser(t.ctx, opts);
    ids[name] = u.id;
    if (!into.withoutLogin?.includes(name)) clients[name] = await login(t.app, u.username, u.password);
  }
  return { ids, clients };
}

/** The default review chain of an agency: a drafter, one reviewer per step (初审, 隐私审查, 复审, 终审) and an admin. */
export function reviewChain(agency: Agency): StaffSpec {
  return {
    drafter: { agency, roles: ['drafter'] },
    first: { agency, roles: ['reviewer'], steps: ['first'] },
    privacy: { agency, roles: ['reviewer'], steps: ['privacy'] },
    second: { agency, roles: ['reviewer'], steps: ['second'] },
    final: { agency, roles: ['reviewer'], steps: ['final'] },
    admin: { agency, roles: ['admin'] },
  };
}
