/**
 * File storage behind one interface: a local folder by default (an S3-compatible store can
 * implement the same four methods). Keys are content hashes, so writes are idempotent and a
 * crash mid-write leaves at most an unreferenced temporary file.
 */
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { randomToken } from './ids.ts';

export interface FileStorage {
  /** Stores bytes under `key` (atomically). */
  put(key: string, data: Buffer): Promise<void>;
  /** Reads the bytes of `key`. */
  get(key: string): Promise<Buffer>;
  /** A stream of `key` (downloads). */
  stream(key: string): NodeJS.ReadableStream;
  /** true when `key` exists. */
  has(key: string): Promise<boolean>;
  /** Every stored key (backups). */
  list(): Promise<string[]>;
}

const keyPattern = /^[a-f0-9]{64}$/;

function checkKey(key: string): string {
  if (!keyPattern.test(key)) throw new Error(`invalid storage key: ${key}`);
  return key;
}

/** Local folder storage: files/ab/abcdef… */
export function localStorage(root: string): FileStorage {
  const file = (key: string) => path.join(root, checkKey(key).slice(0, 2), key);
  return {
    async put(key, data) {
      const target = file(key);
      if (fs.existsSync(target)) return;
      await fsp.mkdir(path.dirname(target), { recursive: true });
      const tmp = `${target}.${randomToken(6)}.tmp`;
      await fsp.writeFile(tmp, data, { mode: 0o600 });
      await fsp.rename(tmp, target);
    },
    get: (key) => fsp.readFile(file(key)),
    stream: (key) => fs.createReadStream(file(key)),
    async has(key) {
      return fs.existsSync(file(key));
    },
    async list() {
      if (!fs.existsSync(root)) return [];
      const out: string[] = [];
      for (const dir of await fsp.readdir(root)) {
        if (!/^[a-f0-9]{2}$/.test(dir)) continue;
        for (const f of await fsp.readdir(path.join(root, dir))) if (keyPattern.test(f)) out.push(f);
      }
      return out;
    },
  };
}

/** In-memory storage for tests that do not care about the disk. */
export function memoryStorage(): FileStorage {
  const m = new Map<string, Buffer>();
  return {
    async put(key, data) {
      m.set(checkKey(key), data);
    },
    async get(key) {
      const b = m.get(key);
      if (!b) throw Object.assign(new Error(`not found: ${key}`), { code: 'ENOENT' });
      return b;
    },
    stream(key) {
      const b = m.get(key);
      if (!b) throw Object.assign(new Error(`not found: ${key}`), { code: 'ENOENT' });
      // Readable.from would iterate bytes of a Buffer; wrap it in an array.
      return Readable.from([b]);
    },
    async has(key) {
      return m.has(key);
    },
    async list() {
      return [...m.keys()];
    },
  };
}
