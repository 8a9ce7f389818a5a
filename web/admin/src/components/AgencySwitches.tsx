/**
 * 机构设置: the per-agency switches of several modules in one card on the 单位设置 page, read
 * through GET /api/agency-settings and each changed through its own module's PUT (which guards
 * and audits it): 依申请公开「审批」, 岗前培训, 隐私回头看 interval, 留言答复期限. Agency admins
 * edit their agency, a sysadmin any agency; others see the values read-only.
 */
import { useState, type ReactNode } from 'react';
import { Alert, Button, Card, Divider, InputNumber, Space, Spin, Switch, Tag, Typography } from 'antd';
import { get, request } from '../lib/api.ts';
import { showError, showSuccess } from '../lib/feedback.ts';
import { useLoad } from '../lib/hooks.ts';
import { Link } from '../lib/router.tsx';
import { RequireTrainingSwitch } from './RequireTrainingSwitch.tsx';
import { ScheduleEditor } from '../pages/PrivacySweepPage.tsx';

/** GET /api/agency-settings (src/modules/meta/agency-settings.ts). */
export interface AgencySwitchesView {
  agencyId: string;
  canEdit: boolean;
  approvalRequired: boolean;
  requireTraining: boolean;
  sweepIntervalDays: number;
  sweepIsDefault: boolean;
  feedbackAnswerWorkingDays: number;
  feedbackBannedWords: string[];
}

function Item({ title, control, children, testId }: { title: string; control: ReactNode; children: ReactNode; testId: string }) {
  return (
    <div data-testid={testId}>
      <Space align="center" wrap style={{ marginBottom: 4 }}>
        <Typography.Text strong>{title}</Typography.Text>
        {control}
      </Space>
      <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
        {children}
      </Typography.Paragraph>
    </div>
  );
}

export function AgencySwitches({ agencyId }: { agencyId: string }) {
  const loaded = useLoad((signal) => get<AgencySwitchesView>('/api/agency-settings', { agencyId }, signal), [agencyId]);
  const [busy, setBusy] = useState<string | null>(null);
  const [deadline, setDeadline] = useState<number | null>(null);
  const s = loaded.data;

  const put = async (key: string, path: string, body: Record<string, unknown>, done: string) => {
    setBusy(key);
    try {
      await request('PUT', path, { body: { agencyId, ...body } });
      showSuccess(done);
      loaded.reload();
      return true;
    } catch (e) {
      showError(e);
      return false;
    } finally {
      setBusy(null);
    }
  };

  return (
    <Card data-testid="agency-switches" title={<Typography.Title level={4} style={{ margin: 0 }}>机构设置（业务开关）</Typography.Title>}>
      {!s || s.agencyId !== agencyId ? (
        <Spin />
      ) : (
        <>
          {!s.canEdit && <Alert type="info" showIcon style={{ marginBottom: 12 }} title="只有本单位管理员或平台管理员可以修改以下设置。" />}
          <Item
            testId="switch-approval"
            title="依申请公开答复须经审批"
            control={
              <>
                <Switch
                  checked={s.approvalRequired}
                  disabled={!s.canEdit}
                  loading={busy === 'approval'}
                  onChange={(v) => void put('approval', '/api/requests/settings', { approvalRequired: v }, v ? '已开启：答复须经审批后发出' : '已关闭：承办人可直接答复')}
                  data-testid="approval-required"
                  aria-label="依申请公开答复须经审批"
                />
                <Tag color={s.approvalRequired ? 'processing' : 'default'}>{s.approvalRequired ? '已开启' : '未开启（默认）'}</Tag>
              </>
            }
          >
            开启后，每一件依申请公开答复（含当场答复）须由承办人「提交审批」，经依申请公开审批人或本单位管理员「审批通过」后方可发出，承办人不能直接答复，审批人不能审批自己经办的申请；关闭时承办人可直接答复，也可自愿提交审批。依据：《政府信息公开条例》第四十五条要求建立健全政府信息公开申请登记、审核、办理、答复、归档的工作制度（本平台流程：登记 → 审核 → 办理 → 审批 → 答复 → 送达 → 归档）。开启前请在「用户与角色」中为本单位指定依申请公开审批人。
          </Item>
          <Divider />
          <Item
            testId="switch-training"
            title="岗前培训考核合格后方可上岗"
            control={<RequireTrainingSwitch agencyId={agencyId} checked={s.requireTraining} disabled={!s.canEdit} onChanged={loaded.reload} />}
          >
            开启后，新任起草人、审核人、依申请公开承办人须通过对应岗位的岗前培训考核，相应权限才生效（考核前只能学习工作手册和参加培训）。来源：年度报告“下一步工作举措”——“构建‘岗前培训+常态化培训+专项培训’三级培训体系，新任职人员必须参加岗前政务公开政策法规、平台操作、隐私保护等专题培训，考核合格后方可上岗”。新增单位时默认开启。每人的考核情况见<Link to="/training/records">培训记录</Link>。
          </Item>
          <Divider />
          <Item testId="switch-sweep" title="隐私信息回头看" control={<ScheduleEditor agencyId={agencyId} editable={s.canEdit} />}>
            系统按此周期自动重新检查本单位全部已公开信息（含附件）中的个人信息，发现的问题记入回头看记录，由管理员逐条处理。来源：年度报告“建立信息公开风险排查机制，定期对已公开信息进行回头看，重点排查隐私保护、涉密信息等方面的问题”；《个人信息保护法》。历次结果见<Link to="/privacy-sweep">隐私回头看</Link>。
          </Item>
          <Divider />
          <Item
            testId="switch-feedback"
            title="留言答复期限"
            control={
              <Space wrap>
                <InputNumber min={1} max={30} precision={0} value={deadline ?? s.feedbackAnswerWorkingDays} disabled={!s.canEdit} onChange={(v) => setDeadline(v)} style={{ width: 90 }} aria-label="留言答复期限（工作日）" data-testid="feedback-days" />
                <Typography.Text>个工作日</Typography.Text>
                {s.canEdit && (
                  <Button
                    size="small"
                    loading={busy === 'feedback'}
                    disabled={deadline === null || deadline === s.feedbackAnswerWorkingDays}
                    onClick={() =>
                      void put('feedback', '/api/feedback/settings', { answerWorkingDays: deadline, bannedWords: s.feedbackBannedWords }, '留言答复期限已保存').then((ok) => ok && setDeadline(null))
                    }
                    data-testid="save-feedback-days"
                  >
                    保存
                  </Button>
                )}
              </Space>
            }
          >
            门户留言、建议的答复期限，自收到之日起按工作日计算，临近到期时提醒管理员。《政府信息公开条例》对留言答复没有统一期限，此为本单位对群众反馈的承诺（年度报告“建立群众反馈响应机制”）；默认 5 个工作日。修改只影响此后收到的留言。
          </Item>
        </>
      )}
    </Card>
  );
}
