/**
 * The server's label tables (GET /api/meta, served by src/modules/meta from each module's own
 * tables), loaded once per page load before the shell renders. The client keeps its string-union
 * types and its colours; the Chinese names come only from here. Label records elsewhere in lib/
 * (`roleLabels`, `requestStateLabels` …) are filled in place through {@link onMeta}, so pages
 * keep importing them as before.
 */
import { get } from './api.ts';

type Names = Record<string, string>;

/** The answer of GET /api/meta (keys in display order). */
export interface Meta {
  accounts: { roles: Names; agencyRoles: string[]; globalRoles: string[] };
  publishing: { documentStatuses: Names; disclosures: Names; disclosureGrounds: Names; docTypes: Names; validities: Names };
  requests: {
    states: Names;
    actions: Names;
    /** Channel names and the 条例第31条 receipt rule. */
    channels: Record<string, { name: string; receiptRule: string }>;
    idTypes: Names;
    orgKinds: Names;
    provisionForms: Names;
    deliveries: Names;
    /** All 21 outcomes with the article the reply letter cites. */
    outcomes: Record<string, { name: string; article: string }>;
    /** Outcomes a reply may carry, in table order. */
    replyOutcomes: string[];
    eventKinds: Names;
  };
  staffing: { dutyKinds: Names };
  catalog: { channels: Names; entryStatuses: Names };
}

let current: Meta | null = null;
let pending: Promise<Meta> | null = null;
const fillers: ((m: Meta) => void)[] = [];

/** Runs `fill` with the tables now if they are loaded, else as soon as they are. */
export function onMeta(fill: (m: Meta) => void): void {
  fillers.push(fill);
  if (current) fill(current);
}

/** Loads the tables once (later calls share the first request); the browser revalidates by ETag. */
export function loadMeta(): Promise<Meta> {
  pending ??= get<Meta>('/api/meta').then(
    (m) => {
      current = m;
      for (const fill of fillers) fill(m);
      return m;
    },
    (e: unknown) => {
      pending = null;
      throw e;
    },
  );
  return pending;
}

/** The loaded tables (the shell renders pages only after {@link loadMeta} resolved). */
export function useMeta(): Meta {
  if (!current) throw new Error('label tables not loaded yet (GET /api/meta)');
  return current;
}

/** Replaces the contents of `target` with `source`, keeping the object (importers hold it). */
export function refill<T extends object>(target: T, source: object): void {
  for (const k of Object.keys(target)) delete (target as Record<string, unknown>)[k];
  Object.assign(target, source);
}

/** `{code: name}` → Select options, in the server's order. */
export function toOptions(names: Names): { value: string; label: string }[] {
  return Object.entries(names).map(([value, label]) => ({ value, label }));
}
