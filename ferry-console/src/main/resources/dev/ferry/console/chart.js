// Small SVG line charts for the connector page's metrics panel, written here (no chart library).
//
//   import { lineChart } from './chart.js';
//   el.append(lineChart({
//     title: 'Records in per second', unit: '/s', windowMs: 600000, now: Date.now(),
//     lines: [{ label: 'task 0', times: [t0, t1, ...], values: [null, 12.5, ...] }],
//   }));
//
// Each line has its own times (tasks on different workers are sampled at different instants), so
// the x axis is wall-clock time: the last `windowMs` up to `now`. null values are gaps. The y axis
// starts at 0 and ends at a rounded maximum. The chart is an <figure>: its caption says the title
// and each line's latest value as text, and the <svg> has role="img" with an aria-label summing it
// up, so nothing is shown by the drawing alone.

import { h, compact } from './dom.js';

/** Line colours, told apart by more than hue: each line also has its own dash pattern. */
const COLOURS = ['#1f5fae', '#b3261e', '#1b7f3b', '#8a5a00', '#6b3fa0', '#00707a', '#5b6675', '#c2185b'];
const DASHES = ['', '6 3', '2 3', '8 3 2 3', '', '6 3', '2 3', '8 3 2 3'];

const W = 320;
const H = 120;
const PAD = { left: 40, right: 8, top: 8, bottom: 18 };

/** A "nice" upper bound for the y axis: 1, 2 or 5 times a power of ten, at least `max`. */
export function niceMax(max) {
  if (!(max > 0)) return 1;
  const power = Math.pow(10, Math.floor(Math.log10(max)));
  for (const step of [1, 2, 5, 10]) {
    if (step * power >= max) return step * power;
  }
  return 10 * power;
}

/** Splits a line into runs of consecutive known points: [[[x, y], ...], ...]. */
export function segments(times, values, x, y) {
  const runs = [];
  let run = [];
  for (let i = 0; i < times.length; i++) {
    const v = values[i];
    if (v === null || v === undefined || Number.isNaN(v)) {
      if (run.length) runs.push(run);
      run = [];
    } else {
      run.push([x(times[i]), y(v)]);
    }
  }
  if (run.length) runs.push(run);
  return runs;
}

/** The last known value of a line, or null. */
export function latest(values) {
  for (let i = values.length - 1; i >= 0; i--) {
    if (values[i] !== null && values[i] !== undefined && !Number.isNaN(values[i])) return values[i];
  }
  return null;
}

/** An axis value: small fractions keep two significant digits (0.05, not "0.1"). */
export function axisLabel(value) {
  if (value === 0) return '0';
  return Math.abs(value) < 1 ? String(Number(value.toPrecision(2))) : compact(value);
}

function format(value, unit) {
  return value === null ? 'no data' : compact(value) + (unit || '');
}

/**
 * A chart as an <figure>. `lines`: [{label, times, values}]; `windowMs` the span shown, ending at
 * `now`; `unit` appended to values in the caption ("/s", " ms"); `testid` for tests.
 */
export function lineChart({ title, lines, windowMs, now, unit = '', testid }) {
  const start = now - windowMs;
  const minutes = Math.max(1, Math.round(windowMs / 60000));
  const span = minutes === 1 ? 'minute' : `${minutes} minutes`;
  let max = 0;
  for (const line of lines) {
    line.values.forEach((v, i) => {
      if (v !== null && v !== undefined && line.times[i] >= start && v > max) max = v;
    });
  }
  const top = niceMax(max);
  const plotW = W - PAD.left - PAD.right;
  const plotH = H - PAD.top - PAD.bottom;
  const x = t => PAD.left + Math.max(0, Math.min(1, (t - start) / windowMs)) * plotW;
  const y = v => PAD.top + plotH - (Math.min(v, top) / top) * plotH;

  const svg = h('svg:svg', {
    viewBox: `0 0 ${W} ${H}`, class: 'chart-svg', role: 'img',
    'aria-label': `${title}: ` + (lines.length
      ? lines.map(l => `${l.label} ${format(latest(l.values), unit)}`).join(', ') + `; peak ${format(max, unit)} in the last ${span}`
      : 'no data yet'),
  });
  // Grid: baseline, middle and top, with their values.
  for (const fraction of [0, 0.5, 1]) {
    const gy = PAD.top + plotH - fraction * plotH;
    svg.append(h('svg:line', { x1: PAD.left, x2: W - PAD.right, y1: gy, y2: gy, class: 'chart-gridline' }));
    svg.append(h('svg:text', { x: PAD.left - 4, y: gy + 3, class: 'chart-axis', 'text-anchor': 'end' },
      axisLabel(top * fraction)));
  }
  svg.append(h('svg:text', { x: PAD.left, y: H - 4, class: 'chart-axis' }, `-${minutes} min`));
  svg.append(h('svg:text', { x: W - PAD.right, y: H - 4, class: 'chart-axis', 'text-anchor': 'end' }, 'now'));
  lines.forEach((line, index) => {
    const colour = COLOURS[index % COLOURS.length];
    for (const run of segments(line.times, line.values, x, y)) {
      if (run.length === 1) {
        svg.append(h('svg:circle', { cx: run[0][0], cy: run[0][1], r: 2, fill: colour }));
      } else {
        svg.append(h('svg:polyline', {
          points: run.map(p => p[0].toFixed(1) + ',' + p[1].toFixed(1)).join(' '),
          fill: 'none', stroke: colour, 'stroke-width': 1.6, 'stroke-dasharray': DASHES[index % DASHES.length] || null,
          'vector-effect': 'non-scaling-stroke', 'stroke-linejoin': 'round',
        }));
      }
    }
  });

  const legend = h('ul', { class: 'chart-legend' }, lines.map((line, index) =>
    h('li', {},
      h('svg:svg', { width: 18, height: 8, 'aria-hidden': 'true' },
        h('svg:line', { x1: 0, x2: 18, y1: 4, y2: 4, stroke: COLOURS[index % COLOURS.length], 'stroke-width': 2,
          'stroke-dasharray': DASHES[index % DASHES.length] || null })),
      ' ', line.label, ': ', h('strong', {}, format(latest(line.values), unit)))));
  return h('figure', { class: 'chart', testid },
    h('figcaption', { class: 'chart-title' }, title),
    svg,
    lines.length ? legend : h('p', { class: 'muted chart-empty' }, 'No data yet'));
}
