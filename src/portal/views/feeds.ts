/** Atom feed, sitemaps and robots.txt as pure functions. */
import { escapeXml } from '../html.ts';
import { isoChina } from './format.ts';

/** One feed entry. */
export interface FeedEntry {
  documentId: string;
  title: string;
  publishedAt: Date;
  publisher: string;
  columnName: string;
  description: string;
}

/** An Atom 1.0 feed of the newest items. */
export function atomFeed(opts: { origin: string; selfPath: string; title: string; siteName: string; entries: readonly FeedEntry[]; now: Date }): string {
  const { origin } = opts;
  const updated = opts.entries[0]?.publishedAt ?? opts.now;
  const entries = opts.entries
    .map(
      (e) => `<entry>
<title>${escapeXml(e.title)}</title>
<id>urn:uuid:${escapeXml(e.documentId)}</id>
<link rel="alternate" type="text/html" href="${escapeXml(`${origin}/info/${e.documentId}`)}"/>
<published>${isoChina(e.publishedAt)}</published>
<updated>${isoChina(e.publishedAt)}</updated>
<author><name>${escapeXml(e.publisher)}</name></author>
<category term="${escapeXml(e.columnName)}"/>
<summary type="text">${escapeXml(e.description.replace(/\s+/gu, ' ').trim().slice(0, 200))}</summary>
</entry>`,
    )
    .join('\n');
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="zh-CN">
<title>${escapeXml(opts.title)}</title>
<id>${escapeXml(`${origin}${opts.selfPath}`)}</id>
<link rel="self" type="application/atom+xml" href="${escapeXml(`${origin}${opts.selfPath}`)}"/>
<link rel="alternate" type="text/html" href="${escapeXml(`${origin}/`)}"/>
<updated>${isoChina(updated)}</updated>
<author><name>${escapeXml(opts.siteName)}</name></author>
<generator>Gongkai</generator>
${entries}
</feed>
`;
}

/** A <urlset> sitemap (at most 50,000 URLs: the caller pages). */
export function urlSet(urls: readonly { loc: string; lastmod?: Date | undefined }[]): string {
  return `<?xml version="1.0" encoding="utf-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
${urls.map((u) => `<url><loc>${escapeXml(u.loc)}</loc>${u.lastmod ? `<lastmod>${isoChina(u.lastmod)}</lastmod>` : ''}</url>`).join('\n')}
</urlset>
`;
}

/** A <sitemapindex> listing sitemap files. */
export function sitemapIndex(locs: readonly string[]): string {
  return `<?xml version="1.0" encoding="utf-8"?>
<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
${locs.map((l) => `<sitemap><loc>${escapeXml(l)}</loc></sitemap>`).join('\n')}
</sitemapindex>
`;
}

/** robots.txt: everything public is crawlable; admin, API, search and the 适老化 switch are not. */
export function robotsTxt(origin: string | null): string {
  return [
    'User-agent: *',
    'Disallow: /admin/',
    'Disallow: /api/',
    'Disallow: /search',
    'Disallow: /elder',
    'Allow: /',
    ...(origin ? [`Sitemap: ${origin}/sitemap.xml`] : []),
    '',
  ].join('\n');
}
