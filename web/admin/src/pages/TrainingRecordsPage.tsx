/**
 * 培训记录 (administrators): whether the agency requires the pre-post test, and each person's
 * results per role (attempts, last and best score, date passed; 待培训 when still required).
 */
import { Card, Space, Table, Tag, Typography } from 'antd';
import { get } from '../lib/api.ts';
import { RequireTrainingSwitch } from '../components/RequireTrainingSwitch.tsx';
import { useLoad } from '../lib/hooks.ts';
import { roleLabels } from '../lib/labels.ts';
import { useSession } from '../lib/session.tsx';
import type { PersonRecord, RecordsAnswer } from '../lib/training.ts';

export default function TrainingRecordsPage() {
  const { agency } = useSession();
  const records = useLoad((signal) => (agency ? get<RecordsAnswer>('/api/training/results', { agencyId: agency.id }, signal) : Promise.resolve(undefined)), [agency?.id]);
  const data = records.data;

  return (
    <Card
      data-testid="training-records"
      title={<Typography.Title level={4} style={{ margin: 0 }}>培训记录</Typography.Title>}
      extra={
        <Space>
          <Typography.Text>岗前培训考核合格后方可上岗</Typography.Text>
          {agency && <RequireTrainingSwitch agencyId={agency.id} checked={!!data?.requireTraining} loading={records.loading} onChanged={records.reload} />}
        </Space>
      }
    >
      <Table<PersonRecord>
        rowKey="userId"
        loading={records.loading}
        dataSource={data?.people ?? []}
        pagination={false}
        columns={[
          { title: '姓名', render: (_, p) => `${p.displayName}（${p.username}）` },
          {
            title: '培训情况',
            render: (_, p) =>
              p.courses.length === 0 ? (
                <Typography.Text type="secondary">无需培训</Typography.Text>
              ) : (
                <Space orientation="vertical" size={2}>
                  {p.courses.map((c) => (
                    <Space key={c.role} wrap data-testid={`record-${p.username}-${c.role}`}>
                      <Typography.Text>{roleLabels[c.role]}</Typography.Text>
                      {c.passedAt ? <Tag color="success">{new Date(c.passedAt).toLocaleDateString('zh-CN')} 通过</Tag> : c.required ? <Tag color="warning">待培训</Tag> : <Tag>未考核</Tag>}
                      <Typography.Text type="secondary">
                        考核 {c.attempts} 次{c.lastScore !== null ? `，最近 ${c.lastScore} 分，最好 ${c.bestScore ?? 0} 分` : ''}
                      </Typography.Text>
                    </Space>
                  ))}
                </Space>
              ),
          },
        ]}
      />
    </Card>
  );
}
