/**
 * Idle expiry seen from the browser: the server ends a session after its idle time
 * (GONGKAI_SESSION_IDLE_MINUTES, 30 by default). When the person has not touched the page for
 * that long, or comes back to a hidden tab, one quiet probe of the session tells whether it
 * ended; a 401 then shows the login page with a notice. The probe runs at most once per idle
 * period, so an open tab never keeps a session alive on its own.
 */
import { useEffect } from 'react';
import { get } from './api.ts';

const idleMs = 30 * 60_000;

export function useIdleProbe(active: boolean): void {
  useEffect(() => {
    if (!active) return;
    let lastInput = Date.now();
    let probed = false;
    const probe = () => {
      if (probed) return;
      probed = true;
      // A 401 reaches the session listener, which shows the login page.
      get('/api/auth/session').catch(() => undefined);
    };
    const onInput = () => {
      lastInput = Date.now();
      probed = false;
    };
    const onVisible = () => {
      if (document.visibilityState === 'visible' && Date.now() - lastInput > 5 * 60_000) probe();
    };
    const timer = window.setInterval(() => {
      if (Date.now() - lastInput > idleMs + 30_000) probe();
    }, 60_000);
    window.addEventListener('pointerdown', onInput);
    window.addEventListener('keydown', onInput);
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      window.clearInterval(timer);
      window.removeEventListener('pointerdown', onInput);
      window.removeEventListener('keydown', onInput);
      document.removeEventListener('visibilitychange', onVisible);
    };
  }, [active]);
}
