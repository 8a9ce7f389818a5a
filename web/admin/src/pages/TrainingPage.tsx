/**
 * 岗前培训: the signed-in person's courses (one per role), the manual sections to read, the test
 * (questions without answers; scored on the server) and the result. A passed test makes the role
 * effective: the session is refreshed so the menu follows.
 */
import { useState } from 'react';
import { Alert, Button, Card, Checkbox, Empty, List, Radio, Result, Space, Tag, Typography } from 'antd';
import { get, post } from '../lib/api.ts';
import { showError } from '../lib/feedback.ts';
import { useLoad } from '../lib/hooks.ts';
import { Link } from '../lib/router.tsx';
import { useSession } from '../lib/session.tsx';
import type { AttemptResult, AttemptStart, Course } from '../lib/training.ts';

export default function TrainingPage() {
  const { agency, agencies, refreshSession } = useSession();
  const courses = useLoad((signal) => get<{ courses: Course[] }>('/api/training/courses/mine', undefined, signal), []);
  const [attempt, setAttempt] = useState<AttemptStart | null>(null);
  const list = courses.data?.courses ?? [];
  const agencyName = (id: string) => agencies.find((a) => a.id === id)?.name ?? '';

  const start = async (c: Course) => {
    try {
      setAttempt(await post<AttemptStart>(`/api/training/courses/${c.role}/attempts`, { agencyId: c.agencyId }));
    } catch (e) {
      showError(e);
    }
  };

  if (attempt)
    return (
      <Test
        attempt={attempt}
        onDone={(passed) => {
          if (passed) void refreshSession();
          courses.reload();
        }}
        onClose={() => setAttempt(null)}
      />
    );

  return (
    <Card data-testid="training-page" title={<Typography.Title level={4} style={{ margin: 0 }}>岗前培训</Typography.Title>}>
      <Typography.Paragraph type="secondary">新任职人员须参加岗前培训，考核合格后方可上岗。请先阅读课程章节，再参加考核；可以多次参加，每次成绩都会记录。</Typography.Paragraph>
      {list.length === 0 && !courses.loading ? (
        <Empty description="您目前没有需要参加的岗前培训" />
      ) : (
        <List
          loading={courses.loading}
          dataSource={[...list].sort((a, b) => Number(b.agencyId === agency?.id) - Number(a.agencyId === agency?.id))}
          renderItem={(c) => (
            <List.Item data-testid={`course-${c.role}`} data-passed={String(c.passed)}>
              <Card size="small" style={{ width: '100%' }} title={<Space wrap>{`${c.roleName}岗前培训`}<Typography.Text type="secondary">{agencyName(c.agencyId)}</Typography.Text></Space>} extra={<CourseTag c={c} />}>
                <Typography.Paragraph>
                  课程章节：
                  {c.sections.map((s, i) => (
                    <span key={s.topic}>
                      {i > 0 && '、'}
                      <Link to={`/manual?topic=${s.topic}`}>{s.title}</Link>
                    </span>
                  ))}
                </Typography.Paragraph>
                <Space wrap>
                  <Typography.Text type="secondary">
                    考核 {c.testSize} 题，正确率 {c.passMark}% 合格；已参加 {c.attempts} 次{c.bestScore !== null ? `，最好成绩 ${c.bestScore} 分` : ''}
                    {c.passedAt ? `，${new Date(c.passedAt).toLocaleDateString('zh-CN')} 通过` : ''}
                  </Typography.Text>
                  <Button type={c.passed ? 'default' : 'primary'} onClick={() => void start(c)} data-testid={`start-${c.role}`}>
                    {c.passed ? '再次练习' : '开始考核'}
                  </Button>
                </Space>
              </Card>
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}

function CourseTag({ c }: { c: Course }) {
  if (c.passed) return <Tag color="success">已通过</Tag>;
  if (c.required) return <Tag color="warning">待培训</Tag>;
  return <Tag>未要求</Tag>;
}

function Test({ attempt, onDone, onClose }: { attempt: AttemptStart; onDone(passed: boolean): void; onClose(): void }) {
  const [answers, setAnswers] = useState<Record<string, number[]>>({});
  const [result, setResult] = useState<AttemptResult | null>(null);
  const [busy, setBusy] = useState(false);
  const unanswered = attempt.questions.filter((q) => !answers[q.id]?.length).length;

  const submit = async () => {
    setBusy(true);
    try {
      const r = await post<AttemptResult>(`/api/training/attempts/${attempt.attemptId}/submit`, { answers });
      setResult(r);
      onDone(r.passed);
    } catch (e) {
      showError(e);
    } finally {
      setBusy(false);
    }
  };

  const correct = (id: string) => result?.results.find((r) => r.id === id)?.correct;

  return (
    <Card data-testid="training-test" title={<Typography.Title level={4} style={{ margin: 0 }}>岗前培训考核</Typography.Title>} extra={<Button onClick={onClose}>返回课程</Button>}>
      {result && (
        <Result
          data-testid="training-result"
          data-passed={String(result.passed)}
          status={result.passed ? 'success' : 'warning'}
          title={result.passed ? `考核合格：${result.score} 分` : `未通过：${result.score} 分（${result.passMark} 分合格）`}
          subTitle={result.passed ? '岗位权限已生效，可以开始工作。' : `答对 ${result.correctCount} / ${result.total} 题。请重新阅读相关章节后再次考核。`}
        />
      )}
      <List
        dataSource={attempt.questions}
        renderItem={(q, i) => (
          <List.Item data-testid={`question-${q.id}`}>
            <Space orientation="vertical" style={{ width: '100%' }}>
              <Space wrap>
                <Typography.Text strong>
                  {i + 1}. {q.text}
                </Typography.Text>
                {q.kind === 'multiple' && <Tag>多选</Tag>}
                {result && (correct(q.id) ? <Tag color="success">正确</Tag> : <Tag color="error">错误</Tag>)}
              </Space>
              {q.kind === 'single' ? (
                <Radio.Group disabled={!!result} value={answers[q.id]?.[0]} onChange={(e) => setAnswers({ ...answers, [q.id]: [e.target.value as number] })} options={q.options.map((o, k) => ({ label: o, value: k }))} />
              ) : (
                <Checkbox.Group disabled={!!result} value={answers[q.id] ?? []} onChange={(v) => setAnswers({ ...answers, [q.id]: v })} options={q.options.map((o, k) => ({ label: o, value: k }))} />
              )}
            </Space>
          </List.Item>
        )}
      />
      {!result && (
        <Space>
          {unanswered > 0 && <Alert type="info" showIcon title={`还有 ${unanswered} 题未作答`} />}
          <Button type="primary" loading={busy} disabled={unanswered > 0} onClick={() => void submit()} data-testid="submit-test">
            提交答卷
          </Button>
        </Space>
      )}
    </Card>
  );
}
