/**
 * 申请材料 of a request: the applicant's identity document (portal), scans of an application
 * received on paper, in person, by fax or e-mail, and the files of an online 补正. Shown only
 * when the server returns them (staff who may see the applicant); each download is audited.
 * Staff add scans here (JPEG, PNG or PDF, checked by content on the server).
 */
import { Button, Card, List, Typography, Upload } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import { apiUrl, request } from '../lib/api.ts';
import { showError, showSuccess } from '../lib/feedback.ts';
import type { RequestDetail } from '../lib/requests.ts';

const openStates = ['registered', 'reviewing', 'correction_pending', 'handling', 'approving'];

function sizeText(n: number): string {
  return n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(n / 1024))} KB`;
}

export function RequestIntakeFiles({ detail, onChanged }: { detail: RequestDetail; onChanged(): void }) {
  const files = detail.intakeFiles;
  const r = detail.request;
  if (!files) return null;
  const canAdd = openStates.includes(r.state) && detail.allowedActions.length > 0;

  const addScans = async (list: File[]) => {
    const form = new FormData();
    for (const f of list) form.append('file', f, f.name);
    try {
      await request('POST', `/api/requests/${r.id}/files`, { body: form, query: { kind: 'scan', lockVersion: r.lockVersion } });
      showSuccess(`已上传 ${list.length} 个扫描件`);
      onChanged();
    } catch (e) {
      showError(e);
    }
  };

  return (
    <Card
      title="申请材料"
      size="small"
      data-testid="request-intake-files"
      extra={<Typography.Text type="secondary">含申请人个人信息，下载留痕</Typography.Text>}
    >
      <List
        size="small"
        dataSource={files}
        locale={{ emptyText: '无' }}
        renderItem={(f) => (
          <List.Item data-testid="intake-file" data-kind={f.kind}>
            <Typography.Text type="secondary" style={{ marginRight: 8 }}>
              {f.kindName}
            </Typography.Text>
            <a href={apiUrl(`/api/requests/${r.id}/files/${f.id}`)} target="_blank" rel="noreferrer">
              {f.filename}
            </a>
            <Typography.Text type="secondary" style={{ marginLeft: 8 }}>
              {sizeText(f.size)}
            </Typography.Text>
          </List.Item>
        )}
      />
      {canAdd && (
        <Upload
          multiple
          accept="image/jpeg,image/png,application/pdf,.jpg,.jpeg,.png,.pdf"
          showUploadList={false}
          beforeUpload={(file, list) => {
            // antd calls this per file; send the whole selection once, with the last file.
            if (file === list[list.length - 1]) void addScans(list);
            return false;
          }}
        >
          <Button icon={<UploadOutlined />} style={{ marginTop: 8 }} data-testid="intake-scan-upload">
            上传扫描件
          </Button>
        </Upload>
      )}
    </Card>
  );
}
