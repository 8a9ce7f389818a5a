/** Entry of the admin console: antd in Chinese, then the session-aware root. */
import { StrictMode, useEffect } from 'react';
import { createRoot } from 'react-dom/client';
import { App as AntApp, ConfigProvider } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import './lib/dates.ts';
import './styles.css';
import { feedback } from './lib/feedback.ts';
import { Root } from './App.tsx';

/** Makes antd's context-bound message and modal reachable from plain functions. */
function FeedbackBridge() {
  const { message, modal } = AntApp.useApp();
  useEffect(() => {
    feedback.message = message;
    feedback.modal = modal;
  }, [message, modal]);
  return null;
}

// A blue primary keeps focus and selection distinct from error red; the brand red stays in the logo.
const theme = { token: { colorPrimary: '#1f5fae', borderRadius: 4 } };

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ConfigProvider locale={zhCN} theme={theme}>
      <AntApp>
        <FeedbackBridge />
        <Root />
      </AntApp>
    </ConfigProvider>
  </StrictMode>,
);
