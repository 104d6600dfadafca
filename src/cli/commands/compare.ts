import type { Command } from '../command.js';
import { fail } from '../../config/user-error.js';
import { loadWorkload } from '../../load/load-workload.js';
import { listDevices } from '../../load/load-device.js';
import { loadCandidate } from '../../deploy/candidates.js';
import { compareDevices } from '../../deploy/compare.js';
import { COLUMN_HEADS, comparisonJson, renderComparePage, rowCells } from '../../deploy/compare-page.js';
import { plainTable } from '../../report/plain-table.js';
import { loadSvgKit } from '../../report/svg-kit.js';
import { writeFolderAtomic } from '../../report/write-folder.js';
import { writingTo } from '../output-error.js';
import { join } from 'node:path';

interface CompareArgs {
  workload?: string;
  devices?: string;
  json?: boolean;
  out?: string;
}

/** Our cycle-simulated presets that `--devices all` adds to the roofline devices. */
export const SIMULATED_IN_ALL = ['edge-tpu', 'apple-ane', 'ethos-u55-128'];

/** `picojoule compare`: one workload on CPUs, GPUs, NPUs and our simulated accelerators side by side. */
export const compareCommand: Command<CompareArgs> = {
  command: 'compare',
  describe: 'Compare a workload across device classes (CPU, GPU, NPU, our simulated presets): latency, energy, power, TOPS/W',
  builder: (y) =>
    y
      .option('workload', { alias: 'w', type: 'string', describe: 'built-in name (see `workloads`) or a workload file' })
      .option('devices', {
        alias: 'd',
        type: 'string',
        describe: `comma-separated roofline devices (${listDevices().join(', ')}), arch presets or files; "all" for every roofline device plus ${SIMULATED_IN_ALL.join(', ')}`,
      })
      .option('json', { type: 'boolean', describe: 'print the picojoule/compare@1 document instead of a table' })
      .option('out', {
        alias: 'o',
        type: 'string',
        describe: 'also write index.html, its SVG charts and compare.json into this folder',
      })
      .example('$0 compare -w mobilenet-v2 -d intel-i9-11900k,nvidia-h100-sxm,apple-a17-pro-ane,edge-tpu', 'four device classes')
      .example('$0 compare -w resnet-50 -d all --out reports/where-resnet', 'every device, with an HTML page'),
  run: async (args, io) => {
    if (!args.workload?.trim())
      fail('--workload', undefined, 'expected a built-in name (see `picojoule workloads`) or a workload file');
    if (!args.devices?.trim()) fail('--devices', undefined, 'expected a comma-separated list of devices, or "all"');
    const refs =
      args.devices.trim() === 'all' ? [...listDevices(), ...SIMULATED_IN_ALL] : args.devices.split(',').map((s) => s.trim());
    if (refs.some((r) => !r))
      fail('--devices', undefined, `expected device names separated by single commas, got "${args.devices}"`);
    const dup = refs.find((r, i) => refs.indexOf(r) !== i);
    if (dup) fail('--devices', undefined, `"${dup}" is named twice`);
    const candidates = refs.map((r) => loadCandidate(r, '--devices'));
    const comparison = compareDevices(candidates, loadWorkload(args.workload));
    if (args.out) {
      const files = renderComparePage(comparison, await loadSvgKit());
      await writingTo('--out', args.out, () => writeFolderAtomic(files, args.out!));
    }
    if (args.json) {
      io.out(comparisonJson(comparison));
      return;
    }
    const t = plainTable(COLUMN_HEADS, [3, 4, 5, 6, 7, 8]);
    for (const r of comparison.rows) t.push(rowCells(r));
    io.out(
      [
        `${comparison.workload.name} on ${comparison.rows.length} devices (batch 1):`,
        t.toString(),
        ...comparison.notes.map((n) => `note: ${n}`),
        ...(args.out ? [`page: ${join(args.out, 'index.html')}`] : []),
      ].join('\n') + '\n',
    );
  },
};
