import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

// Built into dist/ and served by the gateway at `/` (same origin as the API, so no CORS and no tokens in URLs).
// `npm run dev -w apps/console` proxies /api to a gateway on 127.0.0.1:3000.
export default defineConfig({
  plugins: [react()],
  base: '/',
  build: { outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 2_000 },
  server: { proxy: { '/api': 'http://127.0.0.1:3000' } },
  test: { environment: 'jsdom', include: ['src/**/*.test.{ts,tsx}'], setupFiles: ['src/test-setup.ts'] },
});
