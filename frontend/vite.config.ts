/// <reference types="vitest/config" />
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The Go server (omsd) listens on :8080 in development; `npm run dev` proxies
// every server-owned path to it so the SPA talks to the real API.
// OMS_DEV_BACKEND points the proxy elsewhere (e.g. http://127.0.0.1:9090).
const backend = process.env.OMS_DEV_BACKEND ?? 'http://127.0.0.1:8080';
const serverPaths = ['/api', '/healthz', '/readyz', '/swagger', '/metrics'];

export default defineConfig({
  plugins: [react()],
  server: {
    proxy: Object.fromEntries(serverPaths.map((p) => [p, { target: backend, changeOrigin: false }])),
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: false,
  },
  test: {
    environment: 'jsdom',
    setupFiles: ['./src/test/setup.ts'],
    include: ['src/**/*.test.{ts,tsx}'],
    restoreMocks: true,
    testTimeout: 20000, // see asyncUtilTimeout in src/test/setup.ts
    unstubGlobals: true,
  },
});
