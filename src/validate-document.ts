import { readResult } from './report/read-result.js';
import { describeCompute } from './hardware/arch.js';
import { buildArch } from './hardware/build-arch.js';
import { loadArch, withTable, withTablePath } from './load/load-arch.js';
import { existsSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { readJson, readText } from './config/read-json.js';
import { presetDir, workloadDir } from './config/paths.js';
import { fail } from './config/user-error.js';
import { ArchSpec } from './config/schemas/arch.js';
import { validateAgainst } from './config/validate.js';
import { loadWorkload } from './load/load-workload.js';
import { loadLlm } from './load/load-llm.js';
import { countParams } from './workload/llm-config.js';
import { costTableDir, loadCostTable } from './load/load-cost-table.js';
import { loadSweep } from './sweep/load-sweep.js';
import { loadDevice, loadLink } from './load/load-device.js';
import { loadDeployPlan } from './deploy/load-plan.js';
import { configToArchSpec, parseScalesimConfig } from './import/scalesim.js';

/** The kinds of document picojoule reads. */
export type DocumentKind =
  | 'arch'
  | 'workload'
  | 'cost-table'
  | 'sweep'
  | 'scalesim-config'
  | 'scalesim-topology'
  | 'result'
  | 'device'
  | 'link'
  | 'deploy-plan'
  | 'llm';

/** Tells what a file is from its extension, its `$schema`, or its fields. */
export function detectKind(file: string, chain: readonly string[] = []): DocumentKind {
  if (chain.includes(resolve(file)))
    return fail(
      file,
      '/extends',
      `"extends" forms a cycle: ${[...chain, resolve(file)].map((f) => relative(process.cwd(), f) || f).join(' → ')}`,
    );
  if (file.endsWith('.cfg')) return 'scalesim-config';
  if (file.endsWith('.csv')) return 'scalesim-topology';
  const doc = readJson(file);
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc))
    return fail(file, '', 'expected a JSON object at the top level');
  const d = doc as Record<string, unknown>;
  if (d.schema === 'picojoule/result@1') return 'result';
  const schema = typeof d.$schema === 'string' ? d.$schema : '';
  if (/device\.schema/.test(schema) || d.kind === 'roofline-device') return 'device';
  if (/link\.schema/.test(schema) || d.kind === 'link') return 'link';
  if (/deploy-plan/.test(schema) || ('edge' in d && 'cloud' in d)) return 'deploy-plan';
  if (/cost-table/.test(schema) || 'mac' in d) return 'cost-table';
  if (/sweep/.test(schema) || 'parameters' in d) return 'sweep';
  if (/llm\.schema/.test(schema) || 'transformer' in d) return 'llm';
  if (/workload/.test(schema) || 'layers' in d || 'inputs' in d) return 'workload';
  if (/arch/.test(schema) || 'compute' in d || 'memory' in d || 'clock' in d) return 'arch';
  if (typeof d.extends === 'string') return kindOfParent(d.extends, file, [...chain, resolve(file)]);
  return fail(
    file,
    '',
    'cannot tell what this document is: expected an arch (with "compute"), a workload (with "layers") or a cost table (with "mac"), or a "$schema" naming one',
  );
}

/** Fully loads a document (schema, extends, units, cross-checks); returns a one-line summary. */
export function validateDocument(file: string): string {
  const kind = detectKind(file);
  switch (kind) {
    case 'arch': {
      const a = loadArch(file);
      return `arch "${a.name}" (${describeCompute(a)})`;
    }
    case 'workload':
    case 'scalesim-topology': {
      const g = loadWorkload(file);
      return `workload "${g.name}" (${g.layers.length} layers, ${g.totals.macs} MACs)`;
    }
    case 'llm': {
      const m = loadLlm(file);
      return `language model "${m.name}" (${m.layers} layers, d ${m.dModel}, ${m.heads} heads / ${m.kvHeads} KV heads, ${countParams(m)} parameters)`;
    }
    case 'sweep': {
      const s = loadSweep(file);
      return `sweep "${s.name}" (${s.strategy.count} points × ${s.workloads.length} workloads)`;
    }
    case 'cost-table': {
      const t = loadCostTable(file);
      return `cost table "${t.name}"`;
    }
    case 'device': {
      const d = loadDevice(file);
      return `roofline device "${d.name}" (${d.class})`;
    }
    case 'link': {
      const l = loadLink(file, file);
      return `link "${l.name}"`;
    }
    case 'deploy-plan': {
      const p = loadDeployPlan(file);
      return `deploy plan "${p.model.name}" (${p.workload.name}: edge ${p.edge.name}, cloud ${p.cloud.name})`;
    }
    case 'result': {
      const r = readResult(file);
      return `result of "${r.workload.name}" on "${r.arch.name}" (${r.layers.length} layers${r.run ? `, replayable: picojoule simulate --replay ${file}` : ''})`;
    }
    case 'scalesim-config': {
      const spec = configToArchSpec(parseScalesimConfig(readText(file), file), { file });
      const a = withTable(buildArch(withTablePath(validateAgainst<ArchSpec>(ArchSpec, spec, file), file), file));
      return `SCALE-Sim config → arch "${a.name}" (${describeCompute(a)})`;
    }
  }
}

/** The kind of the document an `extends` names: a built-in of some kind, or a file beside this one. */
function kindOfParent(ref: string, file: string, chain: readonly string[]): DocumentKind {
  if (ref.includes('/') || ref.endsWith('.json')) {
    const parent = isAbsolute(ref) ? ref : join(dirname(file), ref);
    if (!existsSync(parent)) return fail(file, '/extends', `extended file "${ref}" not found (looked at ${parent})`);
    if (statSync(parent).isDirectory()) return fail(file, '/extends', `"${ref}" is a folder; expected a JSON document to extend`);
    return detectKind(parent, chain);
  }
  const builtins: [DocumentKind, string][] = [
    ['arch', presetDir()],
    ['workload', workloadDir()],
    ['cost-table', costTableDir()],
  ];
  const found = builtins.find(([, dir]) => existsSync(join(dir, `${ref}.json`)));
  if (found) return found[0];
  return fail(file, '/extends', `"${ref}" is not a built-in preset, workload or cost table`);
}
