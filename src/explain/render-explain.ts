import { renderRoofline } from '../report/chart-roofline.js';
import { resultJson } from '../report/result-json.js';
import { loadSvgKit } from '../report/svg-kit.js';
import type { DesignAnalysis } from './analyze-design.js';
import { renderBytesPerMac } from './chart-bytes-per-mac.js';
import { renderEnergyGroups } from './chart-energy-groups.js';
import { renderSweep } from './chart-sweep.js';
import { renderExplainHtml, type ExplainCharts } from './explain-html.js';
import type { ExplainData } from './explain-von-neumann.js';

/** A rendered teaching report: file name → content, `index.html` first. */
export interface RenderedExplain {
  readonly files: Readonly<Record<string, string>>;
}

/** A design without its full result (which has its own file), for `explain.json`. */
function summary(d: DesignAnalysis, file: string) {
  const { result, ...rest } = d;
  return { arch: result.arch.name, result: file, ...rest };
}

/** `explain.json`: what the page shows, with the commentary's figures, but not the two results. */
export function explainJson(data: ExplainData): string {
  const doc = {
    schema: data.schema,
    workload: data.workload,
    npu: summary(data.npu, 'result-npu.json'),
    imc: summary(data.imc, 'result-imc.json'),
    sweep: data.sweep,
    commentary: {
      sentences: data.commentary.sentences,
      figures: data.commentary.figures,
      formats: data.commentary.formats,
      paragraphs: data.commentary.paragraphs.map((p) => ({
        topic: p.topic,
        heading: p.heading,
        sentences: p.sentences.map((s) => s.text),
      })),
    },
  };
  return (
    JSON.stringify(
      doc,
      (key, value) => {
        if (typeof value === 'number' && !Number.isFinite(value))
          throw new Error(`explain field "${key}" is ${value}: a bug, not a number to print`);
        return value;
      },
      2,
    ) + '\n'
  );
}

/**
 * Renders the teaching view: `index.html` (self-contained), its SVG charts, both result
 * documents and `explain.json`. Pure: the same data give byte-identical files.
 */
export async function renderExplainReport(data: ExplainData): Promise<RenderedExplain> {
  const kit = await loadSvgKit();
  const designs = [data.npu, data.imc];
  const charts: ExplainCharts = {
    'energy-groups.svg': renderEnergyGroups(designs, kit),
    'bytes-per-mac.svg': renderBytesPerMac(designs, kit),
    'roofline-npu.svg': renderRoofline(data.npu.result, kit),
    'roofline-imc.svg': renderRoofline(data.imc.result, kit),
    ...(data.sweep
      ? {
          'sweep-latency.svg': renderSweep([data.sweep.npu, data.sweep.imc], 'latency', data.workload.name, kit),
          'sweep-energy.svg': renderSweep([data.sweep.npu, data.sweep.imc], 'energy', data.workload.name, kit),
        }
      : {}),
  };
  return {
    files: {
      'index.html': renderExplainHtml(data, charts),
      ...charts,
      'result-npu.json': resultJson(data.npu.result),
      'result-imc.json': resultJson(data.imc.result),
      'explain.json': explainJson(data),
    },
  };
}
