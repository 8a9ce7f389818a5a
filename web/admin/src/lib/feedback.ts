/**
 * antd's message/modal instances bound to the ConfigProvider (locale, theme), reachable from
 * plain functions. Filled in by <FeedbackBridge/> inside antd's <App>.
 */
import type { App } from 'antd';
import { ApiError, errorMessage } from './api.ts';

type AppApi = ReturnType<typeof App.useApp>;

export const feedback: { message: AppApi['message'] | null; modal: AppApi['modal'] | null } = { message: null, modal: null };

/** Shows an error toast; a 401 is left to the session (it shows the login page with a notice). */
export function showError(e: unknown): void {
  if (e instanceof ApiError && e.status === 401) return;
  if (e instanceof DOMException && e.name === 'AbortError') return;
  void feedback.message?.error(errorMessage(e));
}

/** Shows a success toast. */
export function showSuccess(text: string): void {
  void feedback.message?.success(text);
}
