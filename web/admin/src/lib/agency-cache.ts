/** GET /api/agencies/:id (agency with its column tree), cached per page load. */
import { useEffect, useState } from 'react';
import { get } from './api.ts';
import type { Agency, Column } from './types.ts';

export interface AgencyDetail {
  agency: Agency;
  columns: Column[];
}

const cache = new Map<string, Promise<AgencyDetail>>();

/** The agency and its columns (cached). */
export function loadAgencyDetail(id: string): Promise<AgencyDetail> {
  let p = cache.get(id);
  if (!p) {
    p = get<AgencyDetail>(`/api/agencies/${id}`);
    cache.set(id, p);
    p.catch(() => cache.delete(id));
  }
  return p;
}

/** Drops the cached detail after the agency changed. */
export function forgetAgencyDetail(id: string): void {
  cache.delete(id);
}

/** Forgets everything (sign-out: the next person may see other agencies). */
export function clearAgencyCache(): void {
  cache.clear();
}

/** React hook around {@link loadAgencyDetail}. */
export function useAgencyDetail(id: string | null | undefined): AgencyDetail | undefined {
  const [detail, setDetail] = useState<{ id: string; value: AgencyDetail } | undefined>();
  useEffect(() => {
    if (!id) return;
    let live = true;
    loadAgencyDetail(id).then(
      (value) => live && setDetail({ id, value }),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [id]);
  return detail && detail.id === id ? detail.value : undefined;
}

/** Column tree for antd TreeSelect; columns with children are headings, not choices. */
export interface ColumnNode {
  value: string;
  title: string;
  /** Column URL segment (stable across agencies: used in test ids). */
  slug: string;
  selectable: boolean;
  children?: ColumnNode[];
}

export function columnTree(columns: Column[]): ColumnNode[] {
  const sorted = [...columns].sort((a, b) => a.sort - b.sort);
  const childrenOf = (parentId: string | null): ColumnNode[] =>
    sorted
      .filter((c) => c.parentId === parentId)
      .map((c) => {
        const children = childrenOf(c.id);
        return { value: c.id, title: c.name, slug: c.slug, selectable: children.length === 0, ...(children.length ? { children } : {}) };
      });
  return childrenOf(null);
}

/** "法定主动公开内容 / 财政预决算" for a column id. */
export function columnPath(columns: Column[], id: string): string {
  const byId = new Map(columns.map((c) => [c.id, c]));
  const parts: string[] = [];
  let c = byId.get(id);
  while (c && parts.length < 5) {
    parts.unshift(c.name);
    c = c.parentId ? byId.get(c.parentId) : undefined;
  }
  return parts.join(' / ');
}
