import { join } from 'node:path';
import type { Command } from '../command.js';
import { fail } from '../../config/user-error.js';
import { loadDeployPlan } from '../../deploy/load-plan.js';
import { deployJson, runDeployPlan, type DeployReport } from '../../deploy/deploy-report.js';
import { renderDeployPage } from '../../deploy/deploy-page.js';
import { formatPercent, formatSI } from '../../report/format.js';
import { loadSvgKit } from '../../report/svg-kit.js';
import { writeFolderAtomic } from '../../report/write-folder.js';
import { writingTo } from '../output-error.js';

interface DeployArgs {
  plan?: string;
  json?: boolean;
  out?: string;
}

/** `picojoule deploy plan.json`: simulate an edge-first, cloud-fallback deployment. */
export const deployCommand: Command<DeployArgs> = {
  command: 'deploy <plan>',
  describe:
    'Simulate an edge-first, cloud-fallback deployment: latency percentiles, edge share, energy per inference, break-even',
  builder: (y) =>
    y
      .positional('plan', { type: 'string', describe: 'a deploy plan JSON file (schemas/deploy-plan.schema.json)' })
      .option('json', { type: 'boolean', describe: 'print the picojoule/deploy@1 document instead of a summary' })
      .option('out', {
        alias: 'o',
        type: 'string',
        describe: 'also write index.html, its SVG charts and deploy.json into this folder',
      })
      .example('$0 deploy docs/deploy/camera-lte.json', 'summary: p50/p95/p99, edge share, energy per inference, fleet per day')
      .example(
        '$0 deploy docs/deploy/camera-lte.json --out reports/camera',
        'with the HTML page (latency CDF, break-even charts)',
      ),
  run: async (args, io) => {
    if (!args.plan?.trim()) fail('plan', undefined, 'expected the path of a deploy plan JSON file');
    const report = runDeployPlan(loadDeployPlan(args.plan));
    if (args.out) {
      const files = renderDeployPage(report, await loadSvgKit());
      await writingTo('--out', args.out, () => writeFolderAtomic(files, args.out!));
    }
    io.out(args.json ? deployJson(report) : summary(report, args.out));
  },
};

function summary(r: DeployReport, out: string | undefined): string {
  const res = r.results;
  const en = res.energyPerInferenceJoules;
  const be = r.breakEven.inputSize;
  const e = r.places.edge;
  return (
    [
      `Deployment "${r.plan.name}" (seed ${r.plan.seed}): ${r.workload.name}, ${r.policy.mode}, edge ${e.device} (${e.method}), cloud ${r.places.cloud.device} (${r.places.cloud.method}) over ${r.places.link.name}`,
      `  requests     ${res.requests.simulated} simulated, ${res.requests.served} served, ${res.requests.dropped} dropped (${formatPercent(res.requests.dropRate)}), ${formatPercent(res.requests.deadlineMissRate)} of served late`,
      `  latency      p50 ${formatSI(res.latencySeconds.p50, 's')}  p95 ${formatSI(res.latencySeconds.p95, 's')}  p99 ${formatSI(res.latencySeconds.p99, 's')}  (deadline ${formatSI(r.requests.deadlineSeconds, 's')})`,
      `  edge share   ${formatPercent(res.edgeFraction)}; offloaded for: ${
        Object.entries(res.offloads)
          .filter(([, v]) => v > 0)
          .map(([k, v]) => `${k} ${v}`)
          .join(', ') || 'none'
      }`,
      `  energy/inf.  ${formatSI(en.total, 'J')} total = device ${formatSI(en.device, 'J')} + radio ${formatSI(en.radio, 'J')} + cloud ${formatSI(en.cloud, 'J')} (PUE ${r.places.cloud.pue})`,
      `  fleet/day    ${Number(r.fleet.energyPerDayKilowattHours.toPrecision(3))} kWh for ${r.fleet.requestsPerDay} requests`,
      `  break-even   input size ${be.energy === null ? 'none' : formatSI(be.energy, 'B')} (total energy), ${be.deviceEnergy === null ? 'none' : formatSI(be.deviceEnergy, 'B')} (battery), ${be.latency === null ? 'none' : formatSI(be.latency, 'B')} (latency): ${be.meaning}`,
      ...(out ? [`  page         ${join(out, 'index.html')}`] : []),
    ].join('\n') + '\n'
  );
}
