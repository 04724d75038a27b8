// Renders a HeatMap with Apache ECharts' server-side SVG renderer (no browser) and turns the SVG into a PNG with
// resvg, using the font that ships in assets/fonts (so the image looks the same on every machine).
// The image carries its own light background and border: chat clients show it on light and dark themes alike,
// and every label is dark or white by the luminance of what it sits on.
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type * as Echarts from 'echarts';
import type * as ResvgModule from '@resvg/resvg-js';
import { languageOf } from '../i18n/index.js';
import type { HeatMap } from './chart-data.js';

// ECharts takes about a second to load; only a digest or a progress chart needs it, so it is loaded on first use
// rather than at start-up (the first start of `npm start` waits for every module the server imports).
const require = createRequire(import.meta.url);
let echartsModule: typeof Echarts | undefined;
const echarts = (): typeof Echarts => {
  echartsModule ??= require('echarts') as typeof Echarts;
  return echartsModule;
};

export const CHART_MAX_SIDE = 1024;
const WIDTH = 800;
const FONT = 'DejaVu Sans';
const FONT_FILES = [
  fileURLToPath(new URL('../../assets/fonts/DejaVuSans.ttf', import.meta.url)),
  fileURLToPath(new URL('../../assets/fonts/DejaVuSans-Bold.ttf', import.meta.url)),
];
export const INK = '#1f2328';
export const BACKGROUND = '#ffffff';
const EMPTY_CELL = '#f3f4f6';

/** WCAG relative luminance of a #rrggbb colour. */
export function luminance(hex: string): number {
  const n = Number.parseInt(hex.replace('#', '').slice(0, 6), 16);
  const channel = (c: number) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel((n >> 16) & 255) + 0.7152 * channel((n >> 8) & 255) + 0.0722 * channel(n & 255);
}

export const contrast = (a: string, b: string): number => {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
};

/** Dark ink or white, whichever reads better on `background`. */
export const labelColour = (background: string): string =>
  contrast(INK, background) >= contrast('#ffffff', background) ? INK : '#ffffff';

const LABEL_WIDTH = 230;

/** Cuts a row label to what fits the label column (DejaVu Sans is about 0.6 em wide on average). */
function clip(label: string, fontSize: number): string {
  const max = Math.floor(LABEL_WIDTH / (fontSize * 0.6));
  return label.length > max ? `${label.slice(0, max - 1)}…` : label;
}

/** The scale step whose colour a mean level gets: the same bands as the legend ([level − 0.5, level + 0.5)). */
export function colourStep(map: HeatMap, value: number): HeatMap['scale'][number] {
  let step = map.scale[0]!;
  for (const s of map.scale) if (value >= s.level - 0.5) step = s;
  return step;
}

export function chartSize(map: HeatMap): { width: number; height: number } {
  const rowHeight = map.rows.length > 10 ? 26 : 56;
  return { width: WIDTH, height: Math.min(CHART_MAX_SIDE, 150 + rowHeight * Math.max(1, map.rows.length)) };
}

export function renderHeatMapSvg(map: HeatMap, locale: string): string {
  const { width, height } = chartSize(map);
  const decimal = languageOf(locale) === 'nl' ? ',' : '.';
  const stepOf = (value: number) => colourStep(map, value);
  const filled = new Set(map.cells.map((c) => `${c.row}:${c.column}`));
  const empty: [number, number][] = [];
  map.rows.forEach((_, row) => {
    map.columns.forEach((_, column) => {
      if (!filled.has(`${row}:${column}`)) empty.push([column, row]);
    });
  });
  const labelFont = map.rows.length > 10 ? 11 : 13;
  const chart = echarts().init(null, null, { renderer: 'svg', ssr: true, width, height });
  try {
    chart.setOption({
      animation: false,
      backgroundColor: BACKGROUND,
      textStyle: { fontFamily: FONT, color: INK },
      title: {
        text: map.title,
        subtext: map.note,
        left: 16,
        top: 10,
        textStyle: { fontSize: 16, color: INK, fontFamily: FONT },
        subtextStyle: { fontSize: 11, color: '#57606a', fontFamily: FONT },
      },
      // A fixed label column: the server has no canvas to measure text, so containLabel would guess.
      grid: { left: LABEL_WIDTH + 24, right: 24, top: 92, bottom: 56 },
      xAxis: {
        type: 'category',
        data: map.columns,
        position: 'top',
        axisLabel: { color: INK, fontSize: 13, interval: 0 },
        axisLine: { show: false },
        axisTick: { show: false },
        splitArea: { show: true, areaStyle: { color: [EMPTY_CELL, EMPTY_CELL] } },
      },
      yAxis: {
        type: 'category',
        data: map.rows.map((r) => clip(r, labelFont)),
        inverse: true,
        axisLabel: { color: INK, fontSize: labelFont, interval: 0 },
        axisLine: { show: false },
        axisTick: { show: false },
      },
      visualMap: {
        type: 'piecewise',
        dimension: 2,
        orient: 'horizontal',
        left: 'center',
        bottom: 12,
        itemGap: 18,
        textStyle: { color: INK, fontSize: 12, fontFamily: FONT },
        pieces: map.scale.map((s, i) => ({
          gte: i === 0 ? Number.NEGATIVE_INFINITY : s.level - 0.5,
          ...(i === map.scale.length - 1 ? { lte: Number.POSITIVE_INFINITY } : { lt: s.level + 0.5 }),
          color: s.colour,
          label: s.label,
        })),
      },
      series: [
        {
          type: 'heatmap',
          itemStyle: { borderColor: BACKGROUND, borderWidth: 2 },
          data: map.cells.map((c) => ({
            value: [c.column, c.row, c.value],
            label: {
              show: true,
              color: labelColour(stepOf(c.value).colour),
              fontSize: 13,
              fontFamily: FONT,
              formatter: String(c.value).replace('.', decimal),
            },
          })),
        },
        {
          // Cells without any level say so, rather than looking like a light colour of the scale.
          type: 'scatter',
          symbolSize: 0,
          silent: true,
          data: empty,
          label: { show: true, formatter: '–', color: '#6e7781', fontSize: 13, fontFamily: FONT },
        },
      ],
      graphic: [
        {
          type: 'rect',
          left: 0,
          top: 0,
          shape: { width: width - 1, height: height - 1 },
          style: { fill: 'none', stroke: '#d0d7de', lineWidth: 1 },
          silent: true,
        },
      ],
    });
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}

export function renderHeatMapPng(map: HeatMap, locale: string): Buffer {
  const svg = renderHeatMapSvg(map, locale);
  const { Resvg } = require('@resvg/resvg-js') as typeof ResvgModule;
  const resvg = new Resvg(svg, {
    font: { fontFiles: FONT_FILES, loadSystemFonts: false, defaultFontFamily: FONT },
    background: BACKGROUND,
  });
  return resvg.render().asPng();
}
