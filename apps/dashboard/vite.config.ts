import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// Served by the API under /admin/monitoring/; `npm run dev -w @league/dashboard` proxies API calls to :3000.
export default defineConfig({
  base: '/admin/monitoring/',
  plugins: [react()],
  build: { outDir: '../../dist/apps/dashboard', emptyOutDir: true },
  server: {
    proxy: {
      '/api': 'http://127.0.0.1:3000',
      '/admin/monitoring/': {
        target: 'http://127.0.0.1:3000',
        bypass: (req) => (req.headers.accept?.includes('text/html') ? req.url : undefined),
      },
      '/health': 'http://127.0.0.1:3000',
    },
  },
});
