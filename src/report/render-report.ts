import type { SimResult } from '../sim/result.js';
import { renderAreaBreakdown } from './chart-area-breakdown.js';
import { renderEnergyBreakdown } from './chart-energy-breakdown.js';
import { renderLayers } from './chart-layers.js';
import { renderLlmRates, renderLlmRoofline } from './chart-llm.js';
import type { LlmSweep } from '../sim/llm-sweep.js';
import { renderRoofline } from './chart-roofline.js';
import { renderTimeline } from './chart-timeline.js';
import { layersCsv } from './layers-csv.js';
import { renderHtml, type ReportCharts } from './report-html.js';
import { resultJson } from './result-json.js';
import { loadSvgKit } from './svg-kit.js';
import type { TraceEvent } from './trace-recorder.js';

/** Options of a report. */
export interface ReportOptions {
  /** The run's trace (see `recordTrace`): an exact timeline instead of one estimated from totals. */
  readonly trace?: readonly TraceEvent[];
  /** A language model's sweep over context, batch and prompt (see `llmSweep`): adds its rate and roofline charts. */
  readonly llm?: LlmSweep;
}

/** A rendered report: file name → content, in the order they are listed to the user. */
export interface RenderedReport {
  readonly files: Readonly<Record<string, string>>;
}

/**
 * Renders the report of a result: `index.html` (self-contained), four SVG charts (five with an
 * area breakdown when the run has an area), `result.json`
 * and `layers.csv`. Pure: the same result and trace give byte-identical files. Loads d3-node on
 * first call.
 */
export async function renderReport(result: SimResult, options: ReportOptions = {}): Promise<RenderedReport> {
  const kit = await loadSvgKit();
  const area = renderAreaBreakdown(result, kit);
  const charts: ReportCharts = {
    'energy-breakdown.svg': renderEnergyBreakdown(result, kit),
    ...(area === undefined ? {} : { 'area-breakdown.svg': area }),
    'layers.svg': renderLayers(result, kit),
    'roofline.svg': renderRoofline(result, kit),
    'timeline.svg': renderTimeline(result, kit, options.trace),
    ...(options.llm
      ? { 'llm-rates.svg': renderLlmRates(options.llm, kit), 'llm-roofline.svg': renderLlmRoofline(options.llm, kit) }
      : {}),
  };
  return {
    files: {
      'index.html': renderHtml(result, charts),
      ...charts,
      'result.json': resultJson(result),
      'layers.csv': layersCsv(result),
    },
  };
}
