/**
 * The agencies and columns every portal page needs (navigation, footer, filters), read once
 * and kept for a short time; dropped on every public change together with the page cache.
 */
import type { AppContext } from '../context.ts';
import { listAgencies, listAllColumns } from '../modules/agencies/index.ts';
import type { FooterInfo } from './views/layout.ts';
import type { AgencyView } from './views/pages.ts';
import type { ColumnView } from './views/components.ts';

/** A snapshot of agencies and their columns. */
export interface SiteDirectory {
  agencies: AgencyView[];
  bySlug: Map<string, AgencyView>;
  byId: Map<string, AgencyView>;
  /** Columns of each agency in display order. */
  columns: Map<string, ColumnView[]>;
  /** The platform agency: the first county-level agency without a parent, else the first top-level one. */
  platform: AgencyView | null;
}

/** Loads and caches the {@link SiteDirectory}. */
export class SiteDirectoryCache {
  private value: SiteDirectory | undefined;
  private loadedAt = 0;
  private loading: Promise<SiteDirectory> | undefined;
  private generation = 0;

  constructor(
    private readonly ctx: AppContext,
    private readonly ttlMs: number,
  ) {}

  /** Drops the snapshot. */
  clear(): void {
    this.value = undefined;
    this.loading = undefined;
    this.generation++;
  }

  /** The current snapshot (loaded at most once per TTL). */
  async get(): Promise<SiteDirectory> {
    if (this.value && Date.now() - this.loadedAt < this.ttlMs) return this.value;
    if (this.loading) return this.loading;
    const generation = this.generation;
    const p = this.load().then(
      (v) => {
        if (generation === this.generation) {
          this.value = v;
          this.loadedAt = Date.now();
        }
        if (this.loading === p) this.loading = undefined;
        return v;
      },
      (e: unknown) => {
        if (this.loading === p) this.loading = undefined;
        throw e;
      },
    );
    this.loading = p;
    return p;
  }

  private async load(): Promise<SiteDirectory> {
    const rows = await listAgencies(this.ctx.db);
    const cols = await listAllColumns(this.ctx.db);
    const agencies: AgencyView[] = rows.map((a) => ({
      id: a.id,
      slug: a.slug,
      name: a.name,
      kind: a.kind,
      parentId: a.parentId,
      settings: { ...(a.settings as Record<string, string | undefined>) },
    }));
    const columns = new Map<string, ColumnView[]>();
    for (const c of cols) {
      const list = columns.get(c.agencyId) ?? [];
      list.push({ id: c.id, parentId: c.parentId, slug: c.slug, name: c.name, basis: c.basis });
      columns.set(c.agencyId, list);
    }
    const ids = new Set(agencies.map((a) => a.id));
    const top = agencies.filter((a) => a.parentId === null || !ids.has(a.parentId));
    const platform = top.find((a) => a.kind === 'county') ?? top[0] ?? null;
    return {
      agencies,
      bySlug: new Map(agencies.map((a) => [a.slug, a])),
      byId: new Map(agencies.map((a) => [a.id, a])),
      columns,
      platform,
    };
  }
}

/**
 * The footer of a page of `agency` (or of the platform on site-wide pages). 主办单位, phone and
 * address are the agency's own; 网站标识码 and the 备案 numbers fall back to the platform's (a
 * township section lives on the county portal, whose identifiers it shares).
 */
export function footerFor(dir: SiteDirectory, agency: AgencyView | null): FooterInfo {
  const p = dir.platform?.settings ?? {};
  const owner = agency ?? dir.platform;
  const a = owner?.settings ?? {};
  const site = (k: string) => a[k] || p[k] || undefined;
  return {
    sponsor: a.sponsor || owner?.name,
    phone: a.phone || undefined,
    address: a.address || undefined,
    siteCode: site('siteCode'),
    icp: site('icp'),
    psb: site('psb'),
  };
}
