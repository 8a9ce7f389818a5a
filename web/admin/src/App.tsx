/**
 * Session state machine of the console: probing → signed out (login page) → must change
 * the initial password → signed in (the shell with menu and pages). A 401 anywhere returns
 * to the login page with a notice; the URL is kept so signing in again lands on the same page.
 */
import { useCallback, useEffect, useState } from 'react';
import { Spin } from 'antd';
import { ApiError, get, post, setCsrfToken, setSessionListener } from './lib/api.ts';
import type { Actor, SessionAnswer } from './lib/types.ts';
import { LoginPage } from './pages/LoginPage.tsx';
import { ChangePasswordForm } from './pages/ChangePasswordPage.tsx';
import { Shell } from './Shell.tsx';
import { useIdleProbe } from './lib/idle.ts';
import { clearAgencyCache } from './lib/agency-cache.ts';
import { navigate } from './lib/router.tsx';

type State =
  | { kind: 'loading' }
  | { kind: 'anonymous'; notice?: string }
  | { kind: 'mustChange'; actor: Actor }
  | { kind: 'ready'; actor: Actor };

const expiredNotice = '登录已超时或已在其他地方退出，请重新登录';

export function Root() {
  const [state, setState] = useState<State>({ kind: 'loading' });

  const accept = useCallback((s: SessionAnswer) => {
    setCsrfToken(s.csrfToken);
    setState(s.actor.mustChangePassword ? { kind: 'mustChange', actor: s.actor } : { kind: 'ready', actor: s.actor });
  }, []);

  const refreshSession = useCallback(async () => {
    try {
      accept(await get<SessionAnswer>('/api/auth/session'));
    } catch (e) {
      if (!(e instanceof ApiError && e.status === 401)) throw e;
    }
  }, [accept]);

  useEffect(() => {
    setSessionListener({
      unauthenticated: () => {
        setCsrfToken(null);
        clearAgencyCache();
        setState((s) => (s.kind === 'anonymous' ? s : { kind: 'anonymous', notice: expiredNotice }));
      },
      passwordChangeRequired: () => setState((s) => (s.kind === 'ready' ? { kind: 'mustChange', actor: s.actor } : s)),
    });
    const ctrl = new AbortController();
    get<SessionAnswer>('/api/auth/session', undefined, ctrl.signal).then(accept, (e: unknown) => {
      if (ctrl.signal.aborted) return;
      setState({ kind: 'anonymous', ...(e instanceof ApiError && e.status !== 401 ? { notice: e.message } : {}) });
    });
    return () => {
      ctrl.abort();
      setSessionListener(null);
    };
  }, [accept]);

  useIdleProbe(state.kind === 'ready' || state.kind === 'mustChange');

  const logout = useCallback(async () => {
    try {
      await post('/api/auth/logout');
    } catch {
      // Already signed out on the server: the login page is right either way.
    }
    setCsrfToken(null);
    clearAgencyCache();
    setState({ kind: 'anonymous', notice: '已退出登录' });
    // The next person to sign in starts from their own home page.
    navigate('/', { replace: true });
  }, []);

  switch (state.kind) {
    case 'loading':
      return (
        <div style={{ display: 'grid', placeItems: 'center', minHeight: '100vh' }}>
          <Spin size="large" />
        </div>
      );
    case 'anonymous':
      return <LoginPage notice={state.notice} onSignedIn={accept} />;
    case 'mustChange':
      return (
        <div className="gk-center-page">
          <ChangePasswordForm forced actor={state.actor} onDone={refreshSession} onLogout={logout} />
        </div>
      );
    case 'ready':
      return <Shell actor={state.actor} refreshSession={refreshSession} logout={logout} />;
  }
}
