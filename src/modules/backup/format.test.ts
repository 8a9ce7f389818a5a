import { describe, expect, it } from 'vitest';
import { BackupFormatError, backupsToPrune, encodeLine, parseHeader, parseLine, scheduledBackupName, scheduledBackupPattern, sortByForeignKeys } from './format.ts';

describe('sortByForeignKeys', () => {
  it('puts every table after the tables it references, keeping input order otherwise', () => {
    const order = sortByForeignKeys([
      { name: 'attachments', references: ['documents', 'agencies', 'users'] },
      { name: 'agencies', references: [] },
      { name: 'documents', references: ['agencies', 'columns', 'users'] },
      { name: 'users', references: [] },
      { name: 'columns', references: ['agencies'] },
    ]);
    expect(order).toEqual(['agencies', 'users', 'columns', 'documents', 'attachments']);
  });

  it('ignores self-references and references outside the set', () => {
    expect(sortByForeignKeys([{ name: 'a', references: ['a', 'elsewhere'] }, { name: 'b', references: ['a'] }])).toEqual(['a', 'b']);
  });

  it('throws on a cycle between tables', () => {
    expect(() => sortByForeignKeys([{ name: 'a', references: ['b'] }, { name: 'b', references: ['a'] }])).toThrow(/cycle/);
  });
});

describe('scheduled backup names', () => {
  it('are gongkai-YYYYMMDD-HHMMSS.ndjson.gz in local time', () => {
    const name = scheduledBackupName(new Date(2025, 0, 2, 3, 4, 5));
    expect(name).toBe('gongkai-20250102-030405.ndjson.gz');
    expect(scheduledBackupPattern.test(name)).toBe(true);
  });

  it('prunes the oldest beyond the kept number, and nothing else', () => {
    const names = ['gongkai-20250103-000000.ndjson.gz', 'other.txt', 'gongkai-20250101-000000.ndjson.gz', 'gongkai-20250102-000000.ndjson.gz', 'gongkai-20250101-000000.ndjson.gz.tmp'];
    expect(backupsToPrune(names, 2)).toEqual(['gongkai-20250101-000000.ndjson.gz']);
    expect(backupsToPrune(names, 7)).toEqual([]);
  });
});

describe('line parsing', () => {
  const header = { format: 'gongkai-backup' as const, version: 1, createdAt: '2025-01-01T00:00:00.000000Z', engine: 'pglite' as const, schemaMigrations: [{ tag: '0000_init', hash: 'ab' }], tables: [{ name: 'users', columns: ['id'], text: [] }] };

  it('round-trips a header', () => {
    expect(parseHeader(encodeLine(header).trim())).toEqual(header);
  });

  it('refuses a foreign file and an unknown version in Chinese', () => {
    expect(() => parseHeader('{"hello":1}')).toThrow(/不是 Gongkai 备份文件/);
    expect(() => parseHeader(JSON.stringify({ ...header, version: 2 }))).toThrow(BackupFormatError);
    expect(() => parseHeader('not json')).toThrow(/不是有效的 JSON/);
  });

  it('recognises rows, files and the trailer', () => {
    expect(parseLine('{"t":"users","r":{"id":"x"}}', 2).kind).toBe('row');
    expect(parseLine(`{"f":"${'a'.repeat(64)}","d":""}`, 3).kind).toBe('file');
    expect(parseLine('{"end":true,"rows":1,"files":0,"sha256":"00"}', 4).kind).toBe('end');
  });

  it('refuses a bad storage key and an unknown line', () => {
    expect(() => parseLine('{"f":"../../etc/passwd","d":""}', 3)).toThrow(/附件标识无效/);
    expect(() => parseLine('{"x":1}', 5)).toThrow(/第 5 行/);
  });
});
