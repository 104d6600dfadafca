import { describe, expect, it } from '@jest/globals';
import { loadArch } from '../../src/load/load-arch.js';
import { loadWorkload } from '../../src/load/load-workload.js';
import { simulate } from '../../src/sim/simulate.js';
import type { SimResult } from '../../src/sim/result.js';
import { explainVonNeumann } from '../../src/explain/explain-von-neumann.js';
import { GROUP_ORDER, energyGroups, groupOf } from '../../src/explain/energy-groups.js';
import { formatFigure } from '../../src/explain/figures.js';
import { renderExplainReport } from '../../src/explain/render-explain.js';

/** Relative closeness for numbers that are the same computation in another order. */
const close = (actual: number, expected: number, rel = 1e-12) => {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(rel * Math.max(Math.abs(expected), Number.MIN_VALUE));
};

// Independent readings of a result: written from the result document alone, not from src/explain.
const MOVEMENT = (c: string) => c === 'dram' || c === 'noc' || c === 'regfile' || c.startsWith('sram.');
const movementJoules = (r: SimResult) =>
  Object.entries(r.totals.energyBreakdownJoules)
    .filter(([c]) => MOVEMENT(c))
    .reduce((s, [, j]) => s + j, 0);
const movementShare = (r: SimResult) => movementJoules(r) / r.totals.energyJoules;
const memoryBound = (r: SimResult) =>
  r.layers
    .map((l, i) => ({ l, i }))
    .filter(({ l }) => l.bound === 'memory')
    .sort((a, b) => b.l.stallCycles - a.l.stallCycles || a.i - b.i)
    .map(({ l }) => ({ name: l.name, intensity: (2 * l.macs) / (l.dram.readBytes + l.dram.writeBytes) }));

describe('explain von-neumann on mobilenet-v2: edge-tpu vs sram-cim', () => {
  const graph = loadWorkload('mobilenet-v2');
  const npu = simulate(loadArch('edge-tpu'), graph);
  const imc = simulate(loadArch('sram-cim'), graph);
  const data = explainVonNeumann({ workload: 'mobilenet-v2', sweepBandwidth: true });
  const f = data.commentary.figures;

  it('runs the same simulations as simulate() on the named presets', () => {
    expect(data.npu.result).toEqual(npu);
    expect(data.imc.result).toEqual(imc);
  });

  it('states the energy and latency of each design', () => {
    expect(f['npu.energyJoules']).toBe(npu.totals.energyJoules);
    expect(f['imc.energyJoules']).toBe(imc.totals.energyJoules);
    expect(f['npu.seconds']).toBe(npu.totals.seconds);
    expect(f['imc.seconds']).toBe(imc.totals.seconds);
    close(
      f.energyRatio,
      Math.max(npu.totals.energyJoules, imc.totals.energyJoules) / Math.min(npu.totals.energyJoules, imc.totals.energyJoules),
    );
  });

  it('gives the data-movement fraction of each design and the ratio between them', () => {
    close(f['npu.dataMovementShare'], movementShare(npu));
    close(f['imc.dataMovementShare'], movementShare(imc));
    close(f['npu.dataMovementJoules'], movementJoules(npu));
    close(f['imc.dataMovementJoules'], movementJoules(imc));
    const [a, b] = [movementShare(npu), movementShare(imc)];
    close(f.dataMovementShareRatio, Math.max(a, b) / Math.min(a, b));
    close(
      f.dataMovementJoulesRatio,
      Math.max(movementJoules(npu), movementJoules(imc)) / Math.min(movementJoules(npu), movementJoules(imc)),
    );
    // Without the register file, the NPU's share drops by exactly the register file's share.
    close(f['npu.regfileShare'], npu.totals.energyBreakdownJoules.regfile / npu.totals.energyJoules);
    close(
      f['npu.dataMovementShareWithoutRegfile'],
      (movementJoules(npu) - npu.totals.energyBreakdownJoules.regfile) / npu.totals.energyJoules,
      1e-9,
    );
    // On this pair the NPU spends the larger share on moving data: the text must say it that way round.
    expect(a).toBeGreaterThan(b);
    expect(data.commentary.sentences.join(' ')).toContain(
      `That share is ${formatFigure(f.dataMovementShareRatio, 'ratio')} larger on the NPU`,
    );
  });

  it('gives bytes moved per MAC from DRAM and SRAM traffic', () => {
    close(f['npu.dramBytesPerMac'], (npu.totals.dramBytes.read + npu.totals.dramBytes.write) / npu.totals.macs);
    close(f['imc.dramBytesPerMac'], (imc.totals.dramBytes.read + imc.totals.dramBytes.write) / imc.totals.macs);
    close(f['npu.sramBytesPerMac'], (npu.totals.sramBytes.read + npu.totals.sramBytes.write) / npu.totals.macs);
    close(f['imc.sramBytesPerMac'], (imc.totals.sramBytes.read + imc.totals.sramBytes.write) / imc.totals.macs);
  });

  it('names the memory-bound layers of the NPU with their arithmetic intensity and the ridge point', () => {
    const ridge = npu.arch.peakOpsPerSecond / npu.arch.dram.bytesPerSecond!;
    close(f['npu.ridge'], ridge);
    const expected = memoryBound(npu);
    expect(expected.length).toBeGreaterThan(0);
    expect(f['npu.memoryBoundLayers']).toBe(expected.length);
    expect(data.npu.memoryBound.map((t) => t.name)).toEqual(expected.map((e) => e.name));
    const text = data.commentary.sentences.join(' ');
    for (const { name, intensity } of expected.slice(0, 3)) {
      close(f[`npu.memoryBound.${name}.intensity`], intensity);
      expect(text).toContain(`${name} (${formatFigure(intensity, 'intensity')}:`);
    }
    // Every named memory-bound layer here sits left of the ridge: the explanation holds.
    for (const { intensity } of expected) expect(intensity).toBeLessThan(ridge);
    close(f['npu.stallShare'], npu.totals.stallCycles / npu.totals.cycles);
  });

  it('gives what reprogramming costs when the weights exceed the cells', () => {
    const onImc = imc.layers.filter((l) => l.unit === 'imc');
    const writes = onImc.reduce((s, l) => s + (l.actions.imc?.cellWrites ?? 0), 0);
    expect(writes).toBeGreaterThan(0);
    expect(f['imc.reprogramJoules']).toBe(imc.totals.energyBreakdownJoules['imc.program']);
    expect(f['imc.reprogramJoules']).toBeGreaterThan(0);
    expect(f['imc.cellWrites']).toBe(writes);
    close(f['imc.reprogramShare'], imc.totals.energyBreakdownJoules['imc.program'] / imc.totals.energyJoules);
    const weightBytes = onImc.reduce((s, l) => s + l.dram.readByRole.weight, 0);
    expect(f['imc.weightDramBytes']).toBe(weightBytes);
    const perByte = imc.totals.energyBreakdownJoules.dram / (imc.totals.dramBytes.read + imc.totals.dramBytes.write);
    close(f['imc.weightDramJoules'], weightBytes * perByte, 1e-9);
    expect(f.params).toBe(graph.totals.params);
    const a = imc.arch.imc!;
    expect(f['imc.capacityWeights']).toBe((a.crossbars * a.rows * a.cols * a.bitsPerCell) / 8);
    expect(data.commentary.sentences.join(' ')).toContain('rewritten on every inference');
  });

  it('reports the utilization of depthwise layers on the crossbars', () => {
    const dw = imc.layers.filter((l) => l.type === 'depthwise' && l.unit === 'imc');
    expect(f['imc.depthwise.layers']).toBe(dw.length);
    const macs = dw.reduce((s, l) => s + l.macs, 0);
    close(f['imc.depthwise.utilization'], macs / dw.reduce((s, l) => s + l.macs / l.utilization, 0), 1e-9);
    close(f['imc.depthwise.latencyShare'], dw.reduce((s, l) => s + l.cycles, 0) / imc.totals.cycles);
    close(f['imc.depthwise.macShare'], macs / imc.totals.macs);
    const worst = [...dw].sort((x, y) => x.utilization - y.utilization)[0];
    expect(f[`imc.depthwise.${worst.name}.utilization`]).toBe(worst.utilization);
  });

  it('writes no number into the text that is not a recorded figure', () => {
    const names = [graph.name, npu.arch.name, imc.arch.name, ...graph.layers.map((l) => l.name), 'int8'].sort(
      (x, y) => y.length - x.length,
    );
    for (const p of data.commentary.paragraphs) {
      for (const s of p.sentences) {
        let html = s.html.replace(/<span class="figure" data-figure="[^"]*">[^<]*<\/span>/g, '');
        html = html.replace(/<code>[^<]*<\/code>/g, '').replace(/&#(\d+);/g, (_, c: string) => String.fromCharCode(Number(c)));
        for (const n of names) html = html.split(n).join('');
        expect(html).not.toMatch(/\d/);
      }
    }
    // And every figure shown is its recorded value in its recorded format.
    const unescape = (t: string) => t.replace(/&#(\d+);/g, (_, c: string) => String.fromCharCode(Number(c)));
    const shown = data.commentary.paragraphs.flatMap((p) =>
      p.sentences.flatMap((s) => [...s.html.matchAll(/data-figure="([^"]*)">([^<]*)</g)]),
    );
    expect(new Set(shown.map((m) => unescape(m[1])))).toEqual(new Set(Object.keys(f)));
    for (const [, key, text] of shown)
      expect(unescape(text)).toBe(formatFigure(f[unescape(key)], data.commentary.formats[unescape(key)]));
  });

  it('says where the NPU stops being memory-bound, or that it never does in the sweep', () => {
    const s = data.sweep!.npu;
    expect('points' in s).toBe(true);
    if (!('points' in s)) return;
    const last = s.points[s.points.length - 1];
    const text = data.commentary.sentences.join(' ');
    if (last.memoryBound.length > 0) expect(text).toContain(`${npu.arch.name} is still memory-bound in`);
    else expect(text).toMatch(new RegExp(`${npu.arch.name} (stops being memory-bound at|has no memory-bound layer)`));
  });
});

describe('explain von-neumann on ds-cnn, whose weights fit in the cells of reram-cim', () => {
  const data = explainVonNeumann({ workload: 'ds-cnn', imc: 'reram-cim' });
  const imc = simulate(loadArch('reram-cim'), loadWorkload('ds-cnn'));

  it('has no reprogramming energy and says the weights are programmed once', () => {
    expect(imc.layers.every((l) => (l.actions.imc?.cellWrites ?? 0) === 0)).toBe(true);
    expect(data.imc.reprogramming!.fits).toBe(true);
    expect(data.commentary.figures['imc.reprogramJoules']).toBe(0);
    expect(imc.totals.energyBreakdownJoules['imc.program']).toBe(0);
    expect(data.commentary.figures['imc.weightDramBytes']).toBe(0);
    expect(data.commentary.sentences.join(' ')).toContain('programmed once, before the first inference');
    expect(data.sweep).toBeNull();
    expect(data.commentary.paragraphs.some((p) => p.topic === 'bandwidth')).toBe(false);
  });
});

describe('explain von-neumann on ds-cnn and sram-cim: few weights, more layers than crossbars', () => {
  const data = explainVonNeumann({ workload: 'ds-cnn' });
  const imc = simulate(loadArch('sram-cim'), loadWorkload('ds-cnn'));

  it('says the weights would fit by count but are rewritten, since each layer takes whole crossbars', () => {
    const r = data.imc.reprogramming!;
    // 22,604 parameters against 7 x 2304 x 256 one-bit cells / 8 bits.
    expect(r.params).toBe(22604);
    expect(r.capacityWeights).toBe((7 * 2304 * 256) / 8);
    // By hand, 8-bit weights over 8 columns each, 256 columns a crossbar: conv1 and the 4 pointwise
    // layers (64 outputs: 512 columns) take 2 each; the 4 depthwise layers pack 32 channels (8
    // columns, 9 rows each) per crossbar, so 2 each; fc (12 outputs: 96 columns) takes 1.
    expect(r.crossbarsNeeded).toBe(2 + 4 * 2 + 4 * 2 + 1);
    expect(r.fits).toBe(false);
    expect(imc.layers.some((l) => (l.actions.imc?.cellWrites ?? 0) > 0)).toBe(true);
    expect(data.commentary.figures['imc.crossbarsNeeded']).toBe(19);
    expect(data.commentary.sentences.join(' ')).toContain('a crossbar holds the weights of one layer only');
    expect(data.commentary.sentences.join(' ')).not.toContain('programmed once, before the first inference:');
  });
});

describe('energy groups', () => {
  const pairs: [string, string][] = [
    ['edge-tpu', 'mobilenet-v2'],
    ['sram-cim', 'mobilenet-v2'],
    ['reram-cim', 'mobilenet-v2'],
    ['hybrid-edge', 'mobilenet-v2'],
    ['hybrid-edge', 'ds-cnn'],
    ['sram-cim', 'ds-cnn'],
    ['eyeriss-like', 'tiny'],
    ['ethos-u55-256', 'resnet-18'],
  ];
  it.each(pairs)('put every joule of %s running %s in exactly one group, summing to the total', (arch, workload) => {
    const r = simulate(loadArch(arch), loadWorkload(workload));
    const groups = energyGroups(r);
    const total = groups.reduce((s, g) => s + g.joules, 0);
    close(total, r.totals.energyJoules);
    close(
      groups.reduce((s, g) => s + g.share, 0),
      1,
    );
    const members = groups.flatMap((g) => g.components.map((c) => c.component)).sort();
    expect(members).toEqual(Object.keys(r.totals.energyBreakdownJoules).sort());
    for (const g of groups) for (const c of g.components) expect(groupOf(c.component)).toBe(g.group);
    expect(groups.map((g) => g.group)).toEqual(GROUP_ORDER.filter((g) => g !== 'other'));
  });

  it('classifies each known component as the teaching view explains', () => {
    expect(['dram', 'sram.unified', 'sram.weights', 'noc', 'regfile'].map(groupOf)).toEqual(Array(5).fill('data movement'));
    expect(['mac', 'vector', 'imc.array', 'imc.adc', 'imc.dac', 'imc.periphery'].map(groupOf)).toEqual(Array(6).fill('compute'));
    expect(groupOf('imc.program')).toBe('reprogramming');
    expect(groupOf('static')).toBe('static');
    expect(groupOf('something-new')).toBe('other');
  });
});

describe('the rendered teaching report', () => {
  it('is deterministic and has its charts, both results and explain.json', async () => {
    const a = await renderExplainReport(explainVonNeumann({ workload: 'ds-cnn', sweepBandwidth: true }));
    const b = await renderExplainReport(explainVonNeumann({ workload: 'ds-cnn', sweepBandwidth: true }));
    expect(a.files).toEqual(b.files);
    expect(Object.keys(a.files)).toEqual([
      'index.html',
      'energy-groups.svg',
      'bytes-per-mac.svg',
      'roofline-npu.svg',
      'roofline-imc.svg',
      'sweep-latency.svg',
      'sweep-energy.svg',
      'result-npu.json',
      'result-imc.json',
      'explain.json',
    ]);
    for (const [name, text] of Object.entries(a.files)) {
      if (name.endsWith('.svg')) {
        expect(text).toMatch(/<title>[^<]+<\/title>/);
        expect(text).not.toMatch(/NaN|Infinity/);
      }
    }
    const doc = JSON.parse(a.files['explain.json']);
    expect(doc.schema).toBe('picojoule/explain-von-neumann@1');
    expect(Object.keys(doc.commentary.figures).length).toBeGreaterThan(10);
  });
});
