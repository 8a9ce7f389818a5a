/**
 * Exclusive lock on the embedded data folder. PGlite has no cross-process locking, so two
 * processes on one folder would corrupt it (STACK.md). The lock file holds the owner's pid;
 * a lock whose pid is gone (a killed process) is taken over.
 */
import fs from 'node:fs';
import path from 'node:path';

export class DataDirLockedError extends Error {
  constructor(readonly pid: number, readonly lockPath: string) {
    super(`数据目录已被另一个 Gongkai 进程（pid ${pid}）占用: ${lockPath}。同一数据目录只能由一个进程使用；如需多进程部署，请使用 DATABASE_URL 连接 PostgreSQL。`);
    this.name = 'DataDirLockedError';
  }
}

function isAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Takes the lock or throws {@link DataDirLockedError}; returns the release function. */
export function lockDataDir(dir: string): () => void {
  fs.mkdirSync(dir, { recursive: true });
  const lockPath = path.join(dir, 'gongkai.lock');
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fd = fs.openSync(lockPath, 'wx', 0o600);
      fs.writeSync(fd, String(process.pid));
      fs.closeSync(fd);
      let released = false;
      return () => {
        if (released) return;
        released = true;
        try {
          if (fs.readFileSync(lockPath, 'utf8').trim() === String(process.pid)) fs.unlinkSync(lockPath);
        } catch {
          // already gone
        }
      };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const owner = Number.parseInt(fs.readFileSync(lockPath, 'utf8').trim(), 10);
      if (Number.isInteger(owner) && owner > 0 && isAlive(owner)) throw new DataDirLockedError(owner, lockPath);
      // Stale lock from a killed process: remove it and try again.
      fs.rmSync(lockPath, { force: true });
    }
  }
  throw new Error(`无法获取数据目录锁: ${lockPath}`);
}
