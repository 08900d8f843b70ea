import { gzipSync } from 'node:zlib';
import react from '@vitejs/plugin-react';
import { build, defineConfig, type Plugin, type ResolvedConfig } from 'vite';
import { MAIN_DASHBOARD_REQUESTS, PRELOAD_FILE } from './src/api/preload';

/** The most JavaScript, gzipped, that the first page load may fetch: pages and charts load on demand. */
const INITIAL_JS_BUDGET_BYTES = 150 * 1024;

/** Fails the build when the entry chunk and its static imports exceed the budget; prints the figure. */
function initialJsBudget(): Plugin {
  return {
    name: 'initial-js-budget',
    apply: 'build',
    generateBundle(_options, bundle) {
      const seen = new Set<string>();
      const visit = (file: string) => {
        const chunk = bundle[file];
        if (seen.has(file) || !chunk || chunk.type !== 'chunk') return;
        seen.add(file);
        chunk.imports.forEach(visit);
      };
      for (const [file, chunk] of Object.entries(bundle)) if (chunk.type === 'chunk' && chunk.isEntry) visit(file);
      let bytes = 0;
      for (const file of seen) {
        const chunk = bundle[file];
        if (chunk.type === 'chunk') bytes += gzipSync(chunk.code).length;
      }
      const kb = (bytes / 1024).toFixed(1);
      this.info(
        `initial JavaScript: ${kb} kB gzipped in ${seen.size} files (budget ${INITIAL_JS_BUDGET_BYTES / 1024} kB)`,
      );
      if (bytes > INITIAL_JS_BUDGET_BYTES) {
        this.error(`initial JavaScript is ${kb} kB gzipped, over the ${INITIAL_JS_BUDGET_BYTES / 1024} kB budget`);
      }
    },
  };
}

/** Writes the main dashboard's opening requests beside index.html: the API preloads them for an admin. */
function preloadList(): Plugin {
  return {
    name: 'preload-list',
    apply: 'build',
    generateBundle() {
      this.emitFile({ type: 'asset', fileName: PRELOAD_FILE, source: JSON.stringify(MAIN_DASHBOARD_REQUESTS) });
    },
  };
}

/** Where the server's rendering of the overview lands, beside the app's build (the API imports it from there). */
const SERVER_OUT_DIR = '../../dist/apps/dashboard-server';

/** After the app's build, builds src/entry-server.tsx for Node: the API renders the overview's HTML with it. */
function serverBuild(): Plugin {
  let config: ResolvedConfig;
  return {
    name: 'server-build',
    apply: (_, env) => env.command === 'build' && !env.isSsrBuild,
    configResolved(resolved) {
      config = resolved;
    },
    async closeBundle() {
      await build({
        configFile: false,
        root: config.root,
        base: config.base,
        mode: config.mode,
        logLevel: 'warn',
        plugins: [react()],
        // React and the rest bundled in, in their production builds whatever NODE_ENV the API runs with (React
        // chooses its build from it at run time, and its development build renders several times slower).
        ssr: { noExternal: true },
        define: { 'process.env.NODE_ENV': JSON.stringify('production') },
        build: {
          ssr: 'src/entry-server.tsx',
          outDir: SERVER_OUT_DIR,
          emptyOutDir: true,
          copyPublicDir: false,
          rollupOptions: { output: { entryFileNames: '[name].mjs' } },
        },
      });
    },
  };
}

// Served by the API under /admin/monitoring/; `npm run dev -w @league/dashboard` proxies API calls to :3000.
export default defineConfig({
  base: '/admin/monitoring/',
  plugins: [react(), initialJsBudget(), preloadList(), serverBuild()],
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
