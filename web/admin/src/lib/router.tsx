/**
 * A very small history router: the console lives under /admin/ (the server answers every
 * /admin/* deep link with index.html), pages are matched by pattern in App.tsx.
 */
import { useSyncExternalStore, type AnchorHTMLAttributes, type MouseEvent, type ReactNode } from 'react';

/** Where the console is mounted (Vite `base`). */
export const basePath = '/admin';

const changeEvent = 'gk:navigate';

function subscribe(cb: () => void): () => void {
  window.addEventListener('popstate', cb);
  window.addEventListener(changeEvent, cb);
  return () => {
    window.removeEventListener('popstate', cb);
    window.removeEventListener(changeEvent, cb);
  };
}

/** The path inside the console, e.g. `/documents/123` (always starts with `/`). */
export function currentPath(): string {
  const p = window.location.pathname;
  const inner = p.startsWith(basePath) ? p.slice(basePath.length) : p;
  return inner === '' ? '/' : inner;
}

function snapshot(): string {
  return currentPath() + window.location.search;
}

/** Current path plus query string, re-rendering on navigation. */
export function useLocation(): { path: string; query: URLSearchParams } {
  const loc = useSyncExternalStore(subscribe, snapshot);
  const i = loc.indexOf('?');
  return { path: i < 0 ? loc : loc.slice(0, i), query: new URLSearchParams(i < 0 ? '' : loc.slice(i)) };
}

/** Goes to a console path (`/reviews`). */
export function navigate(to: string, opts: { replace?: boolean } = {}): void {
  const url = basePath + (to.startsWith('/') ? to : `/${to}`);
  if (url === window.location.pathname + window.location.search) return;
  if (opts.replace) window.history.replaceState(null, '', url);
  else window.history.pushState(null, '', url);
  window.dispatchEvent(new Event(changeEvent));
  window.scrollTo(0, 0);
}

/** Matches `/documents/:id/edit` against a path; returns the params or null. */
export function matchPath(pattern: string, path: string): Record<string, string> | null {
  const ps = pattern.split('/').filter(Boolean);
  const xs = path.split('/').filter(Boolean);
  if (ps.length !== xs.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < ps.length; i++) {
    const p = ps[i]!;
    const x = xs[i]!;
    if (p.startsWith(':')) params[p.slice(1)] = decodeURIComponent(x);
    else if (p !== x) return null;
  }
  return params;
}

/** An anchor that navigates inside the console without reloading. */
export function Link({ to, children, ...rest }: { to: string; children: ReactNode } & AnchorHTMLAttributes<HTMLAnchorElement>) {
  const onClick = (e: MouseEvent<HTMLAnchorElement>) => {
    if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    e.preventDefault();
    navigate(to);
  };
  return (
    <a href={basePath + to} onClick={onClick} {...rest}>
      {children}
    </a>
  );
}
