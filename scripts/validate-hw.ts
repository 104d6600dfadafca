/**
 * `npm run validate:hw`: every published measurement in reference/hardware/published-latencies.json
 * beside what the presets simulate, printed, written to docs/validation.md with the median and
 * worst error per device (over all rows and over the rows held out of each preset's fit), and
 * into the README's accuracy section between its markers; then every published compute-in-memory
 * macro point in reference/hardware/published-imc-macros.json beside one simulated MVM of its macro
 * preset (docs/validation.md's last section, the README's in-memory compute section). Nothing is
 * fitted here: the tables show the presets as they are.
 */
import { readFileSync } from 'node:fs';
import { compareRows, summarizeErrors, type PublishedRow } from '../src/accuracy/compare-hardware.js';
import { compareMacroPoints, isArea, summarizeMacroErrors, type MacroPoint } from '../src/accuracy/compare-macros.js';
import {
  MACRO_REFERENCE_FILE,
  macroMarkdown,
  macroReadmeBlock,
  README_MACRO_BEGIN,
  README_MACRO_END,
} from '../src/accuracy/macro-report.js';
import { compareLlmRows, llmValidationMarkdown, type PublishedLlmRow } from '../src/accuracy/compare-llm.js';
import { loadLlm } from '../src/load/load-llm.js';
import {
  milliseconds,
  readmeBlock,
  REFERENCE_FILE,
  rowRole,
  signedPercent,
  validationMarkdown,
  withReadmeBlock,
} from '../src/accuracy/validation-report.js';
import type { Arch } from '../src/hardware/arch.js';
import { loadArch } from '../src/load/load-arch.js';
import { loadWorkload } from '../src/load/load-workload.js';
import { plainTable } from '../src/report/plain-table.js';
import { writeFileAtomic } from '../src/report/write-atomic.js';

const OUT = 'docs/validation.md';
const LLM_REFERENCE = 'reference/hardware/published-llm.json';
const README = 'README.md';

function main(): void {
  const reference = JSON.parse(readFileSync(REFERENCE_FILE, 'utf8')) as { rows: PublishedRow[] };
  const presets = new Map<string, Arch>();
  const arch = (name: string) => {
    if (!presets.has(name)) presets.set(name, loadArch(name));
    return presets.get(name)!;
  };
  const rows = compareRows(reference.rows, arch, loadWorkload);
  const table = plainTable(['preset', 'model', 'published ms', 'simulated ms', 'error', 'row'], [2, 3, 4]);
  for (const r of rows)
    table.push([
      r.preset,
      r.model,
      milliseconds(r.latencyMs),
      milliseconds(r.simulatedMs),
      signedPercent(r.latencyError),
      rowRole(r),
    ]);
  console.log(table.toString());
  const pct = (e: number) => `${(100 * e).toFixed(0)} %`;
  for (const s of summarizeErrors(rows)) {
    console.log(
      `${s.preset}: ${s.rows} rows, median |error| ${pct(s.medianAbsError)}, worst ${pct(s.worstAbsError)} (${s.worstModel})` +
        (s.heldOut
          ? `; held out: ${s.heldOut.rows} rows, median ${pct(s.heldOut.medianAbsError)}, worst ${pct(s.heldOut.worstAbsError)} (${s.heldOut.worstModel})`
          : ''),
    );
  }
  const macroPoints = (JSON.parse(readFileSync(MACRO_REFERENCE_FILE, 'utf8')) as { points: MacroPoint[] }).points;
  const macros = compareMacroPoints(macroPoints, arch);
  for (const s of summarizeMacroErrors(macros.filter((p) => !isArea(p)))) {
    console.log(
      `${s.preset}: ${s.points} points, median |error| ${pct(s.medianAbsError)}, worst ×${s.worstFactor.toFixed(2)} (${s.worstId})` +
        (s.heldOut
          ? `; held out: ${s.heldOut.points}, median ${pct(s.heldOut.medianAbsError)}, worst ×${s.heldOut.worstFactor.toFixed(2)}`
          : ''),
    );
  }
  const llmReference = JSON.parse(readFileSync(LLM_REFERENCE, 'utf8')) as { rows: PublishedLlmRow[] };
  const llmRows = compareLlmRows(llmReference.rows, arch, loadLlm);
  const llmTable = plainTable(['preset', 'model', 'metric', 'published ms', 'simulated ms', 'error'], [3, 4, 5]);
  for (const r of llmRows)
    llmTable.push([
      r.preset,
      r.llm,
      r.metric,
      milliseconds(r.msPerToken),
      milliseconds(r.simulatedMsPerToken),
      signedPercent(r.error),
    ]);
  console.log(llmTable.toString());
  const used = [...presets.values()];
  writeFileAtomic(OUT, `${validationMarkdown(rows, used, macroMarkdown(macros, used))}\n${llmValidationMarkdown(llmRows)}`);
  const readme = withReadmeBlock(readFileSync(README, 'utf8'), readmeBlock(rows));
  writeFileAtomic(README, withReadmeBlock(readme, macroReadmeBlock(macros), README_MACRO_BEGIN, README_MACRO_END));
  console.log(`wrote ${OUT} and the accuracy table in ${README}`);
}

main();
