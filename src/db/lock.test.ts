import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DataDirLockedError, lockDataDir } from './lock.ts';

describe('lockDataDir', () => {
  it('refuses a folder held by a live process and takes over a stale lock', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gk-lock-'));
    const release = lockDataDir(dir);
    // Our own pid is alive: a second lock attempt in this process must still fail.
    expect(() => lockDataDir(dir)).toThrow(DataDirLockedError);
    release();
    expect(fs.existsSync(path.join(dir, 'gongkai.lock'))).toBe(false);
    // A pid that cannot exist (above pid_max) stands for a killed process.
    fs.writeFileSync(path.join(dir, 'gongkai.lock'), '99999999');
    const again = lockDataDir(dir);
    expect(fs.readFileSync(path.join(dir, 'gongkai.lock'), 'utf8')).toBe(String(process.pid));
    again();
  });
});
