import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Resvg } from '@resvg/resvg-js';
import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import type { LoadResults } from './load-bench.js';

/**
 * The load benchmark's charts as PNG: vega-lite describes them, vega renders SVG without a browser or a native
 * canvas, and resvg rasterises it (its prebuilt binary ships in the npm package).
 */
async function png(spec: TopLevelSpec, file: string): Promise<void> {
  const view = new vega.View(vega.parse(compile(spec).spec), { renderer: 'none' });
  const svg = await view.toSVG();
  view.finalize();
  const image = new Resvg(svg, {
    background: 'white',
    fitTo: { mode: 'zoom', value: 2 },
    font: { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans' },
  }).render();
  writeFileSync(file, image.asPng());
}

const base = {
  $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
  config: { font: 'DejaVu Sans', view: { stroke: null } },
  width: 260,
  height: 220,
} as const;

export async function renderCharts(results: LoadResults, dir: string): Promise<void> {
  mkdirSync(dir, { recursive: true });
  const rows = results.scenarios.map((s) => ({
    case: s.name,
    instances: `${s.instances} instance${s.instances > 1 ? 's' : ''}`,
    rps: Math.round(s.rps),
    p50: Number(s.p50.toFixed(1)),
    p95: Number(s.p95.toFixed(1)),
    p99: Number(s.p99.toFixed(1)),
  }));
  await png(
    {
      ...base,
      title: { text: 'Throughput (req/s)', subtitle: `${results.date.slice(0, 10)}, 2 shared cores` },
      data: { values: rows },
      mark: { type: 'bar', tooltip: false },
      // Each case on its own scale: cached reads run at ten times the mix's rate.
      resolve: { scale: { y: 'independent' } },
      encoding: {
        column: { field: 'case', type: 'nominal', title: null },
        x: { field: 'instances', type: 'nominal', title: null, axis: { labelAngle: 0 } },
        y: { field: 'rps', type: 'quantitative', title: 'requests per second' },
        color: { field: 'instances', type: 'nominal', legend: null },
      },
    } as TopLevelSpec,
    path.join(dir, 'load-throughput.png'),
  );
  const latencies = rows.flatMap((r) =>
    (['p50', 'p95', 'p99'] as const).map((p) => ({ case: r.case, instances: r.instances, percentile: p, ms: r[p] })),
  );
  await png(
    {
      ...base,
      title: { text: 'Latency (ms)', subtitle: `${results.connections} connections, closed loop` },
      data: { values: latencies },
      mark: 'bar',
      resolve: { scale: { y: 'independent' } },
      encoding: {
        column: { field: 'case', type: 'nominal', title: null },
        x: { field: 'percentile', type: 'nominal', title: null, axis: { labelAngle: 0 } },
        xOffset: { field: 'instances', type: 'nominal' },
        y: { field: 'ms', type: 'quantitative', title: 'milliseconds' },
        color: { field: 'instances', type: 'nominal', title: null },
      },
    } as TopLevelSpec,
    path.join(dir, 'load-latency.png'),
  );
}
