// Build of the admin console. Run from web/admin (scripts/build-admin.mjs does): the output in
// dist/ is served by src/admin-console.ts at /admin/. No inline scripts may appear in index.html
// (the CSP allows script-src 'self' only); Vite emits external module scripts.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';

/** Writes .br and .gz beside each hashed asset; the server sends them (@fastify/static preCompressed). */
function precompress(): Plugin {
  let assetsDir = '';
  return {
    name: 'gongkai-precompress',
    apply: 'build',
    configResolved(c) {
      assetsDir = path.resolve(c.root, c.build.outDir, c.build.assetsDir);
    },
    closeBundle() {
      for (const f of readdirSync(assetsDir)) {
        if (!/\.(js|css|svg|json)$/.test(f)) continue;
        const file = path.join(assetsDir, f);
        const buf = readFileSync(file);
        if (buf.length < 1024) continue;
        writeFileSync(`${file}.gz`, gzipSync(buf, { level: 9 }));
        writeFileSync(`${file}.br`, brotliCompressSync(buf, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: buf.length } }));
      }
    },
  };
}

export default defineConfig({
  base: '/admin/',
  plugins: [react(), precompress()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    assetsDir: 'assets',
    // antd is ~1 MB minified (~300 KB brotli); routes are split, vendors get their own chunks.
    chunkSizeWarningLimit: 1600,
    // Module preload would need an injected polyfill for old browsers; current ones support it natively.
    modulePreload: { polyfill: false },
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [
            { name: 'react', test: /node_modules[\\/](react|react-dom|scheduler)[\\/]/ },
            { name: 'antd', test: /node_modules[\\/](antd|@ant-design|@rc-component|rc-[^\\/]+|dayjs|@emotion)[\\/]/ },
          ],
        },
      },
    },
  },
  server: {
    // `npx vite` in web/admin for UI work against a running server on :3000.
    proxy: { '/api': 'http://127.0.0.1:3000' },
  },
});
