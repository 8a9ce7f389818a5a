/**
 * The signed-in frame: a sider menu by role, a header with the agency switcher and the user
 * menu, and the page for the current path (pages are code-split).
 */
import { Suspense, lazy, useCallback, useEffect, useMemo, useState, type ComponentType, type ReactNode } from 'react';
import { Alert, Avatar, Badge, Button, Dropdown, Empty, Layout, Menu, Result, Select, Space, Spin, Typography } from 'antd';
import {
  AuditOutlined,
  DashboardOutlined,
  MessageOutlined,
  BarChartOutlined,
  BankOutlined,
  SafetyOutlined,
  CheckSquareOutlined,
  ContainerOutlined,
  InboxOutlined,
  EditOutlined,
  FileTextOutlined,
  FileSearchOutlined,
  FundOutlined,
  ProfileOutlined,
  KeyOutlined,
  LogoutOutlined,
  TeamOutlined,
  UserOutlined,
  UserSwitchOutlined,
  BookOutlined,
  ReadOutlined,
  SolutionOutlined,
} from '@ant-design/icons';
import { errorMessage, get } from './lib/api.ts';
import { loadMeta } from './lib/meta.ts';
import { useLoad } from './lib/hooks.ts';
import { Link, matchPath, navigate, useLocation } from './lib/router.tsx';
import { SessionContext, permissionsOf, type Permissions, type SessionValue } from './lib/session.tsx';
import type { Actor, Agency } from './lib/types.ts';
import { roleLabels } from './lib/labels.ts';
import ChangePasswordPage from './pages/ChangePasswordPage.tsx';
import { NotificationBell } from './components/NotificationBell.tsx';

const DocumentsPage = lazy(() => import('./pages/DocumentsPage.tsx'));
const DocumentEditPage = lazy(() => import('./pages/DocumentEditPage.tsx'));
const DocumentDetailPage = lazy(() => import('./pages/DocumentDetailPage.tsx'));
const ReviewInboxPage = lazy(() => import('./pages/ReviewInboxPage.tsx'));
const UsersPage = lazy(() => import('./pages/UsersPage.tsx'));
const AgencyPage = lazy(() => import('./pages/AgencyPage.tsx'));
const AuditPage = lazy(() => import('./pages/AuditPage.tsx'));
const RequestsPage = lazy(() => import('./pages/RequestsPage.tsx'));
const RequestNewPage = lazy(() => import('./pages/RequestNewPage.tsx'));
const LetterTemplatesPage = lazy(() => import('./pages/LetterTemplatesPage.tsx'));
const RequestDetailPage = lazy(() => import('./pages/RequestDetailPage.tsx'));
const CatalogPage = lazy(() => import('./pages/CatalogPage.tsx'));
const CatalogLedgerPage = lazy(() => import('./pages/CatalogLedgerPage.tsx'));
const CatalogBackfillPage = lazy(() => import('./pages/CatalogBackfillPage.tsx'));
const PostsPage = lazy(() => import('./pages/PostsPage.tsx'));
const PrivacySweepPage = lazy(() => import('./pages/PrivacySweepPage.tsx'));
const ReportPage = lazy(() => import('./pages/ReportPage.tsx'));
const ReportCountyPage = lazy(() => import('./pages/ReportCountyPage.tsx'));
const ReportCheckPage = lazy(() => import('./pages/ReportCheckPage.tsx'));
const DashboardPage = lazy(() => import('./pages/DashboardPage.tsx'));
const CountyDashboardPage = lazy(() => import('./pages/CountyDashboardPage.tsx'));
const FeedbackPage = lazy(() => import('./pages/FeedbackPage.tsx'));
const NotificationsPage = lazy(() => import('./pages/NotificationsPage.tsx'));
const ManualPage = lazy(() => import('./pages/ManualPage.tsx'));
const TrainingPage = lazy(() => import('./pages/TrainingPage.tsx'));
const TrainingRecordsPage = lazy(() => import('./pages/TrainingRecordsPage.tsx'));
const HandoverTasksPage = lazy(() => import('./pages/HandoverTasksPage.tsx'));

/** 依申请公开 menu: administrators and 依申请公开承办人 (the server decides every action). */
const canHandle = (c: Permissions) => c.canAdmin || c.roles.includes('handler');

interface Route {
  pattern: string;
  /** Menu entry highlighted on this route. */
  menu: string;
  render(params: Record<string, string>): ReactNode;
  /** Shown only when this holds. */
  allowed?(can: Permissions): boolean;
}

const page = (C: ComponentType) => () => <C />;

const routes: Route[] = [
  { pattern: '/drafts', menu: 'drafts', render: () => <DocumentsPage mode="mine" />, allowed: (c) => c.canDraft },
  { pattern: '/documents', menu: 'documents', render: () => <DocumentsPage mode="all" /> },
  { pattern: '/documents/new', menu: 'drafts', render: () => <DocumentEditPage />, allowed: (c) => c.canDraft },
  { pattern: '/documents/:id', menu: 'documents', render: (p) => <DocumentDetailPage id={p.id!} key={p.id} /> },
  { pattern: '/documents/:id/edit', menu: 'drafts', render: (p) => <DocumentEditPage id={p.id!} key={p.id} /> },
  { pattern: '/reviews', menu: 'reviews', render: page(ReviewInboxPage) },
  { pattern: '/reviews/:id', menu: 'reviews', render: (p) => <DocumentDetailPage id={p.id!} from="reviews" key={p.id} /> },
  { pattern: '/users', menu: 'users', render: page(UsersPage), allowed: (c) => c.canAdmin },
  { pattern: '/agency', menu: 'agency', render: page(AgencyPage), allowed: (c) => c.canAdmin },
  { pattern: '/audit', menu: 'audit', render: page(AuditPage), allowed: (c) => c.canReadAudit },
  { pattern: '/password', menu: '', render: page(ChangePasswordPage) },
  { pattern: '/notifications', menu: '', render: page(NotificationsPage) },
  { pattern: '/requests', menu: 'requests', render: page(RequestsPage), allowed: canHandle },
  { pattern: '/requests/new', menu: 'requests', render: page(RequestNewPage), allowed: canHandle },
  { pattern: '/requests/letter-templates', menu: 'requests', render: page(LetterTemplatesPage), allowed: canHandle },
  { pattern: '/requests/:id', menu: 'requests', render: (p) => <RequestDetailPage id={p.id!} key={p.id} />, allowed: canHandle },
  { pattern: '/catalog', menu: 'catalog', render: page(CatalogPage) },
  { pattern: '/catalog/ledger', menu: 'catalog', render: page(CatalogLedgerPage) },
  { pattern: '/catalog/backfill', menu: 'catalog-backfill', render: page(CatalogBackfillPage), allowed: (c) => c.canAdmin },
  { pattern: '/posts', menu: 'posts', render: page(PostsPage), allowed: (c) => c.canAdmin },
  { pattern: '/privacy-sweep', menu: 'privacy-sweep', render: page(PrivacySweepPage), allowed: (c) => c.canAdmin || c.isPlatform || c.canReview },
  // 年度报告 (issue 5): the fixed paths come before /reports/:year.
  { pattern: '/reports/check', menu: 'report-check', render: page(ReportCheckPage) },
  { pattern: '/reports/county', menu: 'report-county', render: () => <ReportCountyPage />, allowed: (c) => c.isPlatform || c.canAdmin },
  { pattern: '/reports/county/:year', menu: 'report-county', render: (p) => <ReportCountyPage year={p.year!} />, allowed: (c) => c.isPlatform || c.canAdmin },
  { pattern: '/reports', menu: 'reports', render: () => <ReportPage /> },
  { pattern: '/reports/:year', menu: 'reports', render: (p) => <ReportPage year={p.year!} key={p.year} /> },
  // 数据看板 and 留言管理 (issue 6).
  { pattern: '/dashboard', menu: 'dashboard', render: page(DashboardPage) },
  { pattern: '/dashboard/county', menu: 'dashboard-county', render: page(CountyDashboardPage), allowed: (c) => c.isPlatform || c.canAdmin },
  { pattern: '/feedback', menu: 'feedback', render: page(FeedbackPage) },
  // 工作手册 and 岗前培训 (issue 6, training module).
  { pattern: '/manual', menu: 'manual', render: page(ManualPage) },
  { pattern: '/training', menu: 'training', render: page(TrainingPage) },
  { pattern: '/training/records', menu: 'training-records', render: page(TrainingRecordsPage), allowed: (c) => c.canAdmin },
  // 交接待办: the successor signs and the department head approves a handover (link of its notifications).
  { pattern: '/handovers', menu: '', render: page(HandoverTasksPage) },
];

/** Where a person lands: their main work. */
function homePath(can: Permissions): string {
  if (can.canReview) return '/reviews';
  if (can.canDraft) return '/drafts';
  if (can.roles.includes('handler')) return '/requests';
  return '/documents';
}

const agencyKey = 'gk.agencyId';

function readStoredAgency(): string | null {
  try {
    return window.localStorage.getItem(agencyKey);
  } catch {
    return null;
  }
}

interface Props {
  actor: Actor;
  refreshSession(): Promise<void>;
  logout(): Promise<void>;
}

export function Shell({ actor, refreshSession, logout }: Props) {
  const [agencyTick, setAgencyTick] = useState(0);
  const agencies = useLoad((signal) => get<{ agencies: Agency[] }>('/api/agencies', undefined, signal), [agencyTick]);
  // The server's label tables (GET /api/meta) fill lib/labels.ts, lib/requests.ts, lib/staff.ts before any page renders.
  const meta = useLoad(() => loadMeta(), []);
  const [chosen, setChosen] = useState<string | null>(readStoredAgency);
  const list = agencies.data?.agencies;

  const agency = useMemo(() => {
    if (!list?.length) return null;
    const byId = (id: string | null | undefined) => list.find((a) => a.id === id);
    return byId(chosen) ?? byId(actor.memberships[0]?.agencyId) ?? list[0]!;
  }, [list, chosen, actor]);

  const setAgencyId = useCallback((id: string) => {
    setChosen(id);
    try {
      window.localStorage.setItem(agencyKey, id);
    } catch {
      // Private mode: the choice lasts for this page only.
    }
  }, []);

  const can = useMemo(() => permissionsOf(actor, agency?.id ?? null), [actor, agency]);
  // Roles that wait for the pre-post test in the current agency (training module).
  const pendingTraining = actor.memberships.find((m) => m.agencyId === agency?.id)?.pendingTraining ?? [];
  const session: SessionValue = useMemo(
    () => ({ actor, agencies: list ?? [], agency, setAgencyId, reloadAgencies: () => setAgencyTick((t) => t + 1), refreshSession, logout, can }),
    [actor, list, agency, setAgencyId, refreshSession, logout, can],
  );

  const { path } = useLocation();
  let current: { route: Route; params: Record<string, string> } | null = null;
  for (const r of routes) {
    const params = matchPath(r.pattern, path);
    if (params) {
      current = { route: r, params };
      break;
    }
  }

  const ready = !!list;
  useEffect(() => {
    if (ready && (path === '/' || path === '/login')) navigate(homePath(can), { replace: true });
  }, [ready, path, can]);

  const inbox = useInboxCount(can.canReview, path);

  if (meta.error && !meta.data) {
    return <Result status="error" title="无法载入系统字典" subTitle={errorMessage(meta.error)} extra={<Button onClick={meta.reload}>重试</Button>} />;
  }

  if (!list || !meta.data) {
    return (
      <div style={{ display: 'grid', placeItems: 'center', minHeight: '100vh' }}>
        <Spin size="large" />
      </div>
    );
  }

  const menuItems = [
    can.canDraft && { key: 'drafts', icon: <EditOutlined />, label: <Link to="/drafts" data-testid="nav-drafts">我的稿件</Link> },
    can.canReview && {
      key: 'reviews',
      icon: <CheckSquareOutlined />,
      label: (
        <Link to="/reviews" data-testid="nav-reviews">
          审核待办 {inbox ? <Badge count={inbox} size="small" offset={[4, -2]} /> : null}
        </Link>
      ),
    },
    { key: 'dashboard', icon: <DashboardOutlined />, label: <Link to="/dashboard" data-testid="nav-dashboard">数据看板</Link> },
    (can.isPlatform || can.canAdmin) && { key: 'dashboard-county', icon: <BarChartOutlined />, label: <Link to="/dashboard/county" data-testid="nav-dashboard-county">县级数据看板</Link> },
    { key: 'documents', icon: <FileTextOutlined />, label: <Link to="/documents" data-testid="nav-documents">信息管理</Link> },
    { key: 'feedback', icon: <MessageOutlined />, label: <Link to="/feedback" data-testid="nav-feedback">留言管理</Link> },
    canHandle(can) && { key: 'requests', icon: <InboxOutlined />, label: <Link to="/requests" data-testid="nav-requests">依申请公开</Link> },
    { key: 'catalog', icon: <ContainerOutlined />, label: <Link to="/catalog" data-testid="nav-catalog">公开目录</Link> },
    can.canAdmin && { key: 'catalog-backfill', icon: <ContainerOutlined />, label: <Link to="/catalog/backfill" data-testid="nav-catalog-backfill">补登目录事项</Link> },
    can.canAdmin && { key: 'posts', icon: <UserSwitchOutlined />, label: <Link to="/posts" data-testid="nav-posts">AB岗与交接</Link> },
    (can.canAdmin || can.isPlatform || can.canReview) && { key: 'privacy-sweep', icon: <SafetyOutlined />, label: <Link to="/privacy-sweep" data-testid="nav-privacy-sweep">隐私回头看</Link> },
    { key: 'reports', icon: <ProfileOutlined />, label: <Link to="/reports" data-testid="nav-reports">年度报告</Link> },
    (can.isPlatform || can.canAdmin) && { key: 'report-county', icon: <FundOutlined />, label: <Link to="/reports/county" data-testid="nav-report-county">县级汇总</Link> },
    { key: 'report-check', icon: <FileSearchOutlined />, label: <Link to="/reports/check" data-testid="nav-report-check">年报检查</Link> },
    can.canAdmin && { key: 'users', icon: <TeamOutlined />, label: <Link to="/users" data-testid="nav-users">用户与角色</Link> },
    can.canAdmin && { key: 'agency', icon: <BankOutlined />, label: <Link to="/agency" data-testid="nav-agency">单位设置</Link> },
    can.canReadAudit && { key: 'audit', icon: <AuditOutlined />, label: <Link to="/audit" data-testid="nav-audit">审计日志</Link> },
    { key: 'manual', icon: <BookOutlined />, label: <Link to="/manual" data-testid="nav-manual">工作手册</Link> },
    { key: 'training', icon: <ReadOutlined />, label: <Link to="/training" data-testid="nav-training">岗前培训{pendingTraining.length > 0 && <Badge count="待培训" size="small" style={{ marginLeft: 6 }} />}</Link> },
    can.canAdmin && { key: 'training-records', icon: <SolutionOutlined />, label: <Link to="/training/records" data-testid="nav-training-records">培训记录</Link> },
  ].filter((x) => !!x);

  const roleText = [...pendingTraining.map((r) => `${roleLabels[r]}（待培训）`), actor.globalRole ? roleLabels[actor.globalRole] : null, ...can.roles.map((r) => roleLabels[r])].filter(Boolean).join('、');

  let content: ReactNode;
  if (!agency && path !== '/agency' && path !== '/password') {
    content = <Empty description="还没有可管理的单位" />;
  } else if (!current) {
    content = <Result status="404" title="页面不存在" extra={<Button onClick={() => navigate('/')}>返回首页</Button>} />;
  } else if (current.route.allowed && !current.route.allowed(can)) {
    content = <Result status="403" title="没有访问此页面的权限" subTitle="请切换单位或联系管理员分配角色" />;
  } else {
    content = current.route.render(current.params);
  }
  if (pendingTraining.length > 0 && path !== '/training' && path !== '/manual') {
    content = (
      <>
        <Alert type="warning" showIcon style={{ marginBottom: 12 }} data-testid="training-pending" title={`您的${pendingTraining.map((r) => `「${roleLabels[r]}」`).join('')}岗位待培训：通过岗前培训考核后方可上岗。`} action={<Link to="/training">去培训</Link>} />
        {content}
      </>
    );
  }

  return (
    <SessionContext.Provider value={session}>
      <Layout style={{ minHeight: '100vh' }}>
        <Layout.Sider breakpoint="lg" collapsedWidth={0} width={200} theme="dark">
          <div className="gk-brand">
            <span className="gk-brand-mark" aria-hidden="true">
              公
            </span>
            政务公开
          </div>
          <nav aria-label="主菜单">
            <Menu theme="dark" mode="inline" selectedKeys={current ? [current.route.menu] : []} items={menuItems} />
          </nav>
        </Layout.Sider>
        <Layout>
          <Layout.Header className="gk-header">
            <Space size="middle" wrap>
              <Typography.Text strong style={{ color: 'inherit' }}>
                当前单位
              </Typography.Text>
              {list.length > 0 ? (
                <Select
                  aria-label="当前单位"
                  data-testid="agency-switcher"
                  style={{ minWidth: 240 }}
                  value={agency?.id}
                  onChange={setAgencyId}
                  showSearch={{ optionFilterProp: 'label' }}
                  options={list.map((a) => ({ value: a.id, label: a.name }))}
                />
              ) : (
                <Typography.Text type="secondary">暂无单位</Typography.Text>
              )}
            </Space>
            <Space size="small">
              <NotificationBell path={path} />
              <Dropdown
                trigger={['click']}
                menu={{
                  items: [
                    { key: 'roles', label: roleText || '无角色', disabled: true },
                    { type: 'divider' },
                    { key: 'password', icon: <KeyOutlined />, label: <span data-testid="menu-change-password">修改密码</span>, onClick: () => navigate('/password') },
                    { key: 'logout', icon: <LogoutOutlined />, label: <span data-testid="menu-logout">退出登录</span>, onClick: () => void logout() },
                  ],
                }}
              >
                <Button type="text" data-testid="user-menu" aria-label={`用户菜单：${actor.displayName}`}>
                  <Avatar size="small" icon={<UserOutlined />} /> {actor.displayName}
                </Button>
              </Dropdown>
            </Space>
          </Layout.Header>
          <Layout.Content className="gk-content">
            <Suspense
              fallback={
                <div style={{ padding: 48, textAlign: 'center' }}>
                  <Spin />
                </div>
              }
            >
              {content}
            </Suspense>
          </Layout.Content>
        </Layout>
      </Layout>
    </SessionContext.Provider>
  );
}

/** Number of items awaiting the actor's decision, refreshed on navigation. */
function useInboxCount(enabled: boolean, path: string): number {
  const [count, setCount] = useState(0);
  useEffect(() => {
    if (!enabled) return;
    const ctrl = new AbortController();
    get<{ items: unknown[] }>('/api/reviews/inbox', undefined, ctrl.signal).then(
      (r) => setCount(r.items.length),
      () => undefined,
    );
    return () => ctrl.abort();
  }, [enabled, path]);
  return count;
}
