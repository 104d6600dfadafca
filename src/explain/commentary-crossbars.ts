import type { DesignAnalysis, MappingStats } from './analyze-design.js';
import { fig, formatFigure, nm, plural, type FigureFormat, type SentenceWriter, type Sentence } from './figures.js';
import { onlyStaticVaries, swept, type SweepPair, type SweepPoint } from './sweep-bandwidth.js';

// The commentary's paragraphs on what is particular to crossbars (reprogramming, layers that map
// badly) and on what more DRAM bandwidth buys each design.

export function reprogramming(w: SentenceWriter, workload: string, imc: DesignAnalysis): Sentence[] {
  const r = imc.reprogramming;
  const a = imc.result.arch;
  if (!r || !a.imc) return [];
  const iName = nm(a.name);
  const params = fig('params', r.params, 'count');
  const capacity = fig('imc.capacityWeights', r.capacityWeights, 'count');
  const crossbars = fig('imc.crossbars', a.imc.crossbars, 'count');
  if (!imc.result.layers.some((l) => l.unit === 'imc'))
    return [w.say`No layer of ${nm(workload)} ran on the crossbars of ${iName}, so nothing is programmed.`];
  if (r.fits) {
    return [
      w.say`All ${params} parameters of ${nm(workload)} fit in the ${crossbars} crossbars of ${iName} (room for ${capacity} ${r.precision} weights), so they are programmed once, before the first inference: reprogramming costs ${fig('imc.reprogramJoules', r.joules, 'joules')} per inference, and the crossbar layers read ${fig('imc.weightDramBytes', r.weightDramBytes, 'bytes')} of weights from DRAM.`,
    ];
  }
  const rewritten = w.say`${fig('imc.cellWrites', r.cellWrites, 'count')} cell writes costing ${fig('imc.reprogramJoules', r.joules, 'joules')} (${fig('imc.reprogramShare', r.share, 'share')} of its energy) and ${fig('imc.programSeconds', r.seconds, 'seconds')} of programming time`;
  const out = [
    r.params <= r.capacityWeights && r.crossbarsNeeded !== null && r.crossbarsNeeded > a.imc.crossbars
      ? w.say`The ${params} parameters of ${nm(workload)} would fit in the room for ${capacity} ${r.precision} weights of the ${crossbars} crossbars of ${iName}, but a crossbar holds the weights of one layer only, and its crossbar layers take ${fig('imc.crossbarsNeeded', r.crossbarsNeeded, 'count')} crossbars together, so the cells are rewritten on every inference: ${rewritten}.`
      : w.say`${nm(workload)} has ${params} parameters, but the ${crossbars} crossbars of ${iName} hold ${capacity} ${r.precision} weights, so the cells are rewritten on every inference: ${rewritten}.`,
  ];
  if (r.weightDramBytes > 0) {
    out.push(
      w.say`The weights must also come from DRAM each time: ${fig('imc.weightDramBytes', r.weightDramBytes, 'bytes')}, about ${fig('imc.weightDramJoules', r.weightDramJoules, 'joules')} of DRAM energy (${fig('imc.weightDramShare', r.weightDramShare, 'share')} of the total).`,
    );
  }
  out.push(w.say`When all the weights fit, they are programmed once before the first inference and these costs disappear.`);
  return out;
}

function mappingOn(key: string, s: MappingStats): Record<string, ReturnType<typeof fig>> {
  return {
    layers: fig(`${key}.layers`, s.layers, 'count'),
    util: fig(`${key}.utilization`, s.utilization, 'utilization'),
    latency: fig(`${key}.latencyShare`, s.latencyShare, 'share'),
    macs: fig(`${key}.macShare`, s.macShare, 'share'),
  };
}

export function mapping(w: SentenceWriter, workload: string, npu: DesignAnalysis, imc: DesignAnalysis): Sentence[] {
  const [nName, iName] = [nm(npu.result.arch.name), nm(imc.result.arch.name)];
  const out: Sentence[] = [];
  const dwImc = imc.depthwise.find((s) => s.unit === 'imc');
  const dwElsewhere = imc.depthwise.filter((s) => s.unit !== 'imc');
  if (dwImc) {
    const f = mappingOn('imc.depthwise', dwImc);
    const other = imc.otherImc
      ? w.say` (its other crossbar layers: ${fig('imc.otherCrossbarLayers.utilization', imc.otherImc.utilization, 'utilization')})`
      : w.say``;
    out.push(
      w.say`The ${f.layers} depthwise layers reach only ${f.util} utilization on the crossbars of ${iName}${other}: a depthwise filter has few weights per output channel, so most cells of a crossbar sit idle.`,
      w.say`They take ${f.latency} of its latency for ${f.macs} of its MACs; the worst are ${w.list(dwImc.worst.map((x) => w.say`${nm(x.name)} (${fig(`imc.depthwise.${x.name}.utilization`, x.utilization, 'utilization')})`))}.`,
    );
  }
  for (const s of dwElsewhere) {
    const f = mappingOn(`imc.depthwise.${s.unit}`, s);
    out.push(
      w.say`${iName} runs its ${f.layers} depthwise layers on its ${s.unit === 'array' ? 'digital array' : `${s.unit} unit`} instead of the crossbars, at ${f.util} utilization (${f.latency} of its latency for ${f.macs} of its MACs).`,
    );
  }
  const dwNpu = npu.depthwise.find((s) => s.unit === 'array');
  if (dwNpu && (dwImc || dwElsewhere.length)) {
    const f = mappingOn('npu.depthwise', dwNpu);
    out.push(w.say`On ${nName} the same layers reach ${f.util} of the array and take ${f.latency} of its latency.`);
  }
  if (!dwImc && !dwElsewhere.length && imc.otherImc) {
    const s = imc.otherImc;
    out.push(
      w.say`${nm(workload)} has no depthwise layers; the crossbar layers of ${iName} reach ${fig('imc.otherCrossbarLayers.utilization', s.utilization, 'utilization')} utilization as a whole, the lowest ${w.list(s.worst.map((x) => w.say`${nm(x.name)} (${fig(`imc.crossbarLayer.${x.name}.utilization`, x.utilization, 'utilization')})`))}.`,
    );
  }
  return out;
}

/** The smallest swept factor from which on no layer is memory-bound; null if some always is. */
export function freeFromFactor(points: readonly SweepPoint[]): SweepPoint | null {
  let found: SweepPoint | null = null;
  for (let i = points.length - 1; i >= 0 && points[i].memoryBound.length === 0; i--) found = points[i];
  return found;
}

export function bandwidth(w: SentenceWriter, npu: DesignAnalysis, imc: DesignAnalysis, sweep: SweepPair): Sentence[][] {
  const paragraphs: Sentence[][] = [];
  for (const [role, design, series] of [
    ['npu', npu, sweep.npu],
    ['imc', imc, sweep.imc],
  ] as const) {
    const name = nm(design.result.arch.name);
    const out: Sentence[] = [];
    paragraphs.push(out);
    if (!swept(series)) {
      out.push(w.say`${name} is not swept: its DRAM is ideal (unlimited bandwidth).`);
      continue;
    }
    const pts = series.points;
    const [lo, hi] = [pts[0], pts[pts.length - 1]];
    const k = `sweep.${role}`;
    const timeRatio = lo.seconds > 0 && hi.seconds > 0 ? lo.seconds / hi.seconds : 1;
    const same = (a: number, b: number, f: FigureFormat) => formatFigure(a, f) === formatFigure(b, f);
    const range = w.say`From ${fig(`${k}.lowFactor`, lo.factor, 'factor')} to ${fig(`${k}.highFactor`, hi.factor, 'factor')} its nominal DRAM bandwidth (${fig(`${k}.lowBytesPerSecond`, lo.bytesPerSecond, 'bandwidth')} to ${fig(`${k}.highBytesPerSecond`, hi.bytesPerSecond, 'bandwidth')})`;
    const latency = same(lo.seconds, hi.seconds, 'seconds')
      ? w.say`${name}'s latency stays at ${fig(`${k}.lowSeconds`, lo.seconds, 'seconds')}`
      : w.say`${name}'s latency goes from ${fig(`${k}.lowSeconds`, lo.seconds, 'seconds')} to ${fig(`${k}.highSeconds`, hi.seconds, 'seconds')} (${fig(`${k}.speedup`, timeRatio, 'ratio')} faster)`;
    const energy = same(lo.energyJoules, hi.energyJoules, 'joules')
      ? w.say`its energy at ${fig(`${k}.lowEnergyJoules`, lo.energyJoules, 'joules')}`
      : w.say`its energy from ${fig(`${k}.lowEnergyJoules`, lo.energyJoules, 'joules')} to ${fig(`${k}.highEnergyJoules`, hi.energyJoules, 'joules')}`;
    out.push(w.say`${range}, ${latency} and ${energy}.`);
    const free = freeFromFactor(pts);
    if (free === lo) out.push(w.say`${name} has no memory-bound layer anywhere in the sweep.`);
    else if (free) {
      out.push(
        w.say`${name} stops being memory-bound at ${fig(`${k}.computeBoundFromBytesPerSecond`, free.bytesPerSecond, 'bandwidth')} (${fig(`${k}.computeBoundFromFactor`, free.factor, 'factor')} nominal): beyond it no layer waits for DRAM, and latency only falls to ${fig(`${k}.highSeconds`, hi.seconds, 'seconds')}.`,
      );
    } else {
      const items = hi.memoryBound
        .slice(0, 3)
        .map(
          (m) =>
            w.say`${nm(m.name)} (${fig(`${k}.stillBound.${m.name}.transferSeconds`, m.transferSeconds, 'seconds')} of transfers for ${fig(`${k}.stillBound.${m.name}.computeSeconds`, m.computeSeconds, 'seconds')} of compute)`,
        );
      const count = hi.memoryBound.length;
      out.push(
        w.say`At ${fig(`${k}.highBytesPerSecond`, hi.bytesPerSecond, 'bandwidth')} ${name} is still memory-bound in ${fig(`${k}.highMemoryBoundLayers`, count, 'count')} ${plural(count, 'layer', 'layers')}${count > items.length ? w.say`, worst` : ''}: ${w.list(items)}.`,
      );
      const latencyBound = hi.memoryBound.filter((m) => m.transferSeconds < m.computeSeconds);
      if (latencyBound.length > 0) {
        const lat = fig(`${k}.dramLatencySeconds`, series.latencySeconds, 'seconds');
        const who =
          latencyBound.length <= 3
            ? w.list(latencyBound.map((m) => w.say`${nm(m.name)}`))
            : w.say`${fig(`${k}.latencyBoundLayers`, latencyBound.length, 'count')} of them`;
        out.push(
          w.say`${who} ${plural(latencyBound.length, 'needs', 'need')} less transfer time than compute time: what ${plural(latencyBound.length, 'holds it', 'holds them')} back is the ${lat} DRAM latency, which bandwidth does not buy back.`,
        );
      }
    }
  }
  if (onlyStaticVaries([sweep.npu, sweep.imc])) {
    paragraphs[paragraphs.length - 1].push(
      w.say`The bytes moved do not change with bandwidth, so neither does the energy of moving them: only static energy (leakage × time) shrinks as a run gets shorter.`,
    );
  }
  return paragraphs;
}
