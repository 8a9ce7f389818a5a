/** What the benchmarks use from the application, through the modules' public faces. */
export { createAgency, listColumns } from '../src/modules/agencies/index.ts';
export { systemActor, addUserAsSystem } from '../src/modules/accounts/index.ts';
export { searchPublished, queryExpression } from '../src/modules/search/index.ts';
export { allJobs } from '../src/jobs/registry.ts';
export { seedAgencyCatalog } from '../src/modules/catalog/index.ts';
