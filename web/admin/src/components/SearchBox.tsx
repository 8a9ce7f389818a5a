/** A search input with a 查询 button; the test id and label sit on the <input> itself. */
import { useState } from 'react';
import { Button, Input, Space } from 'antd';
import { SearchOutlined } from '@ant-design/icons';

interface Props {
  label: string;
  placeholder?: string;
  width?: number;
  testid?: string;
  onSearch(value: string): void;
}

export function SearchBox({ label, placeholder, width = 300, testid, onSearch }: Props) {
  const [value, setValue] = useState('');
  return (
    <Space.Compact style={{ width }}>
      <Input
        aria-label={label}
        placeholder={placeholder ?? label}
        allowClear
        value={value}
        onChange={(e) => {
          setValue(e.target.value);
          // Clearing with the × shows everything again.
          if (e.type === 'click' && !e.target.value) onSearch('');
        }}
        onPressEnter={() => onSearch(value.trim())}
        data-testid={testid}
      />
      <Button icon={<SearchOutlined />} onClick={() => onSearch(value.trim())} aria-label={`${label}：查询`}>
        查询
      </Button>
    </Space.Compact>
  );
}
