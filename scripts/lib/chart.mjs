// A small SVG of where one order's cost goes: CPU milliseconds per process and statements per service,
// this run beside an earlier one (BENCH_BASELINE), so a change's effect can be seen at a glance.

const PALETTE = ['#4e79a7', '#f28e2b', '#e15759', '#76b7b2', '#59a14f', '#edc948', '#b07aa1', '#ff9da7', '#9c755f', '#bab0ac', '#86bcb6'];
// One colour per process in every panel.
const ORDER = ['sales', 'finance', 'inventory', 'security', 'gateway', 'bench', 'postgres (bench db)', 'postgres (other)', 'nats-server', 'other'];
const colorOf = (name) => PALETTE[(ORDER.includes(name) ? ORDER.indexOf(name) : ORDER.length + name.length) % PALETTE.length];
const escape = (s) => String(s).replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]);

/** One panel: a stacked horizontal bar per run, segments in the same order and colour for every run. */
function panel({ title, unit, runs, y, width }) {
  const names = [...new Set(runs.flatMap((r) => Object.keys(r.values)))].sort((a, b) => ORDER.indexOf(a) - ORDER.indexOf(b));
  const max = Math.max(1, ...runs.map((r) => Object.values(r.values).reduce((a, b) => a + (b ?? 0), 0)));
  const left = 150;
  const barWidth = width - left - 130;
  const parts = [`<text x="10" y="${y + 16}" font-weight="bold">${escape(title)}</text>`];
  runs.forEach((run, i) => {
    const top = y + 28 + i * 34;
    let x = left;
    parts.push(`<text x="10" y="${top + 17}">${escape(run.label)}</text>`);
    names.forEach((name) => {
      const value = run.values[name] ?? 0;
      const w = (value / max) * barWidth;
      if (w <= 0) return;
      parts.push(`<rect x="${x.toFixed(1)}" y="${top}" width="${w.toFixed(1)}" height="24" fill="${colorOf(name)}"><title>${escape(`${name}: ${value} ${unit}`)}</title></rect>`);
      if (w > 34) parts.push(`<text x="${(x + 3).toFixed(1)}" y="${top + 16}" font-size="10" fill="#fff">${escape(Math.round(value))}</text>`);
      x += w;
    });
    const total = Object.values(run.values).reduce((a, b) => a + (b ?? 0), 0);
    parts.push(`<text x="${(x + 6).toFixed(1)}" y="${top + 17}">${total ? `${Math.round(total)} ${escape(unit)}` : 'not measured in that run'}</text>`);
  });
  const legendTop = y + 28 + runs.length * 34 + 4;
  names.forEach((name, j) => {
    const lx = 10 + (j % 6) * ((width - 20) / 6);
    const ly = legendTop + Math.floor(j / 6) * 18;
    parts.push(`<rect x="${lx}" y="${ly}" width="12" height="12" fill="${colorOf(name)}"/><text x="${lx + 16}" y="${ly + 10}" font-size="11">${escape(name)}</text>`);
  });
  return { svg: parts.join('\n'), height: legendTop - y + Math.ceil(names.length / 6) * 18 + 16 };
}

/** The SVG for `report` (a bench-flow report) and, when given, `baseline` (an earlier one). */
export function costChart(report, baseline) {
  const runOf = (r, label) => ({ label, cpu: r.perOrder?.cpuMs ?? {}, statements: r.perOrder?.statements ?? {}, rate: r.orders?.ordersPerSecond });
  const runs = [...(baseline?.perOrder ? [runOf(baseline, `before (${baseline.orders.ordersPerSecond}/s)`)] : []), runOf(report, `this run (${report.orders.ordersPerSecond}/s)`)];
  const strip = (values) => Object.fromEntries(Object.entries(values).filter(([name, v]) => name !== 'total' && v));
  const width = 900;
  const cpu = panel({ title: 'CPU per order (ms), by process', unit: 'ms', runs: runs.map((r) => ({ label: r.label, values: strip(r.cpu) })), y: 40, width });
  const sql = panel({ title: 'Statements sent to Postgres per order, by process', unit: 'statements', runs: runs.map((r) => ({ label: r.label, values: strip(r.statements) })), y: 40 + cpu.height, width });
  const height = 40 + cpu.height + sql.height;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" font-family="sans-serif" font-size="12">
<rect width="100%" height="100%" fill="#fff"/>
<text x="10" y="22" font-size="15" font-weight="bold">Flow benchmark: where an order's cost goes (${escape(report.date)}, ${report.parameters.clients} clients, ${report.parameters.durationSeconds} s)</text>
${cpu.svg}
${sql.svg}
</svg>
`;
}
