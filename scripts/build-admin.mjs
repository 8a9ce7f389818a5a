#!/usr/bin/env node
// Builds the admin console (web/admin → web/admin/dist) when its sources are newer than the
// build, so `npm start` works from a clean clone without a separate build step.
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';

const root = path.resolve(import.meta.dirname, '..');
const src = path.join(root, 'web/admin');
const dist = path.join(src, 'dist/index.html');
const force = process.argv.includes('--force');

function newest(dir) {
  let t = 0;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    if (e.name === 'dist' || e.name === 'node_modules') continue;
    const p = path.join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : fs.statSync(p).mtimeMs);
  }
  return t;
}

if (!fs.existsSync(path.join(src, 'index.html'))) process.exit(0);
if (!force && fs.existsSync(dist) && fs.statSync(dist).mtimeMs >= newest(src)) process.exit(0);
console.log('正在构建管理后台（首次启动需要约半分钟）…');
execFileSync(process.execPath, [path.join(root, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'], { cwd: src, stdio: 'inherit' });
