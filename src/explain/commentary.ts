import { componentLabel } from '../report/palette.js';
import type { DesignAnalysis, LayerTraffic, MappingStats } from './analyze-design.js';
import { SentenceWriter, fig, formatFigure, nm, type FigureFormat, type Sentence } from './figures.js';
import { onlyStaticVaries, swept, type SweepPoint, type SweepSeries } from './sweep-bandwidth.js';

/** The topics of the commentary, in the order the page shows them. */
export type Topic = 'energy' | 'bytes' | 'memory-bound' | 'reprogramming' | 'mapping' | 'bandwidth';

/** A paragraph of the commentary. */
export interface Paragraph {
  readonly topic: Topic;
  /** Empty for a paragraph that continues the topic of the one before. */
  readonly heading: string;
  readonly sentences: readonly Sentence[];
}

/**
 * The plain-language commentary, written from the numbers: every number in it is a figure,
 * recorded under its key in `figures` (the raw value) with the format it is shown in.
 */
export interface Commentary {
  readonly paragraphs: readonly Paragraph[];
  /** Every sentence as plain text, in order. */
  readonly sentences: readonly string[];
  readonly figures: Readonly<Record<string, number>>;
  readonly formats: Readonly<Record<string, FigureFormat>>;
}

/** The two sweeps, when one was run. */
export interface SweepPair {
  readonly npu: SweepSeries;
  readonly imc: SweepSeries;
}

const ratio = (a: number, b: number) => Math.max(a, b) / Math.min(a, b);
const plural = (n: number, one: string, many: string) => (n === 1 ? one : many);

/** Writes the commentary comparing a von Neumann NPU and an in-memory design on one workload. */
export function writeCommentary(workload: string, npu: DesignAnalysis, imc: DesignAnalysis, sweep: SweepPair | null): Commentary {
  const w = new SentenceWriter();
  const paragraphs: Paragraph[] = [
    { topic: 'energy', heading: 'Where the joules go', sentences: energy(w, workload, npu, imc) },
    { topic: 'bytes', heading: 'Bytes moved per MAC', sentences: bytes(w, npu, imc) },
    { topic: 'memory-bound', heading: 'Which layers wait for memory, and why', sentences: memoryBound(w, npu, imc) },
    { topic: 'reprogramming', heading: 'Reprogramming the crossbars', sentences: reprogramming(w, workload, imc) },
    { topic: 'mapping', heading: 'Layers that map badly onto crossbars', sentences: mapping(w, workload, npu, imc) },
  ];
  if (sweep) {
    // One paragraph per design (and one for what they share), under one heading.
    bandwidth(w, npu, imc, sweep).forEach((sentences, i) =>
      paragraphs.push({ topic: 'bandwidth', heading: i === 0 ? 'What more DRAM bandwidth buys' : '', sentences }),
    );
  }
  const kept = paragraphs.filter((p) => p.sentences.length > 0);
  return {
    paragraphs: kept,
    sentences: kept.flatMap((p) => p.sentences.map((s) => s.text)),
    figures: w.figures,
    formats: w.formats,
  };
}

function energy(w: SentenceWriter, workload: string, npu: DesignAnalysis, imc: DesignAnalysis): Sentence[] {
  const [n, i] = [npu.result, imc.result];
  const [nName, iName] = [nm(n.arch.name), nm(imc.result.arch.name)];
  const out: Sentence[] = [
    w.say`One inference of ${nm(workload)} takes ${fig('npu.energyJoules', n.totals.energyJoules, 'joules')} and ${fig('npu.seconds', n.totals.seconds, 'seconds')} on the von Neumann NPU ${nName}, and ${fig('imc.energyJoules', i.totals.energyJoules, 'joules')} and ${fig('imc.seconds', i.totals.seconds, 'seconds')} on the in-memory design ${iName}.`,
  ];
  const eRatio = ratio(n.totals.energyJoules, i.totals.energyJoules);
  if (Number.isFinite(eRatio) && eRatio !== 1) {
    out.push(
      i.totals.energyJoules < n.totals.energyJoules
        ? w.say`The in-memory design needs ${fig('energyRatio', eRatio, 'ratio')} less energy.`
        : w.say`Here the in-memory design needs ${fig('energyRatio', eRatio, 'ratio')} more energy.`,
    );
  }
  const [dn, di] = [npu.dataMovement, imc.dataMovement];
  out.push(
    w.say`Moving data (DRAM, SRAM, the on-chip network and the PE register files) takes ${fig('npu.dataMovementShare', dn.share, 'share')} of ${nName}'s energy (${fig('npu.dataMovementJoules', dn.joules, 'joules')}) and ${fig('imc.dataMovementShare', di.share, 'share')} of ${iName}'s (${fig('imc.dataMovementJoules', di.joules, 'joules')}).`,
  );
  if (dn.share > 0 && di.share > 0 && dn.share !== di.share) {
    const shareRatio = fig('dataMovementShareRatio', ratio(dn.share, di.share), 'ratio');
    const regN = fig('npu.regfileBytesPerMac', npu.bytesPerMac.regfile, 'bytesPerMac');
    const regI = fig('imc.regfileBytesPerMac', imc.bytesPerMac.regfile, 'bytesPerMac');
    out.push(
      dn.share > di.share
        ? imc.bytesPerMac.regfile === 0
          ? w.say`That share is ${shareRatio} larger on the NPU: there every MAC moves ${regN} through the PE registers, while the crossbars of ${iName} multiply where the weights are stored (${regI} through PE registers).`
          : w.say`That share is ${shareRatio} larger on the NPU: there every MAC moves ${regN} through the PE registers, while the crossbars of ${iName} multiply where the weights are stored (its PE registers carry ${regI}, for the layers its digital array runs).`
        : w.say`Here the in-memory design spends the larger share on moving data (${shareRatio} the NPU's).`,
    );
  }
  if (dn.joules > 0 && di.joules > 0 && dn.joules !== di.joules) {
    const jRatio = fig('dataMovementJoulesRatio', ratio(dn.joules, di.joules), 'ratio');
    const top = di.largest;
    if (di.joules > dn.joules && top) {
      out.push(
        w.say`In joules, though, ${iName} spends ${jRatio} more than ${nName} on moving data, most of it on ${componentLabel(top.component)} (${fig('imc.dataMovementLargestJoules', top.joules, 'joules')}).`,
      );
    } else {
      out.push(w.say`In joules, ${iName} spends ${jRatio} less than ${nName} on moving data.`);
    }
  }
  if (dn.regfileJoules > 0) {
    out.push(
      w.say`The register files count as data movement because they carry each operand into a multiplier and each partial sum out: the innermost level of the memory hierarchy. They take ${fig('npu.regfileShare', dn.regfileShare, 'share')} of ${nName}'s energy; without them its data-movement share would be ${fig('npu.dataMovementShareWithoutRegfile', dn.shareWithoutRegfile, 'share')}.`,
    );
  }
  const [cn, ci] = [npu.compute, imc.compute];
  const top = ci.largest;
  out.push(
    top
      ? w.say`Compute is ${fig('npu.computeShare', cn.share, 'share')} of ${nName}'s energy and ${fig('imc.computeShare', ci.share, 'share')} of ${iName}'s, where the largest part is the ${componentLabel(top.component)} (${fig('imc.computeLargestShare', top.share, 'share')} of its total).`
      : w.say`Compute is ${fig('npu.computeShare', cn.share, 'share')} of ${nName}'s energy and ${fig('imc.computeShare', ci.share, 'share')} of ${iName}'s.`,
  );
  return out;
}

function bytes(w: SentenceWriter, npu: DesignAnalysis, imc: DesignAnalysis): Sentence[] {
  const [nName, iName] = [nm(npu.result.arch.name), nm(imc.result.arch.name)];
  const [bn, bi] = [npu.bytesPerMac, imc.bytesPerMac];
  const out = [
    w.say`Per MAC, ${nName} moves ${fig('npu.dramBytesPerMac', bn.dram, 'bytesPerMac')} to or from DRAM, ${fig('npu.sramBytesPerMac', bn.sram, 'bytesPerMac')} through on-chip SRAM and ${fig('npu.regfileBytesPerMac', bn.regfile, 'bytesPerMac')} through PE registers; ${iName} moves ${fig('imc.dramBytesPerMac', bi.dram, 'bytesPerMac')}, ${fig('imc.sramBytesPerMac', bi.sram, 'bytesPerMac')} and ${fig('imc.regfileBytesPerMac', bi.regfile, 'bytesPerMac')}.`,
  ];
  const cached = npu.result.layers.filter((l) => l.weightsCached).length;
  const reprog = imc.reprogramming;
  if (bn.dram > 0 && bi.dram > bn.dram) {
    const r = fig('dramBytesPerMacRatio', bi.dram / bn.dram, 'ratio');
    if (reprog && !reprog.fits && reprog.weightDramBytes > 0 && cached > 0) {
      out.push(
        w.say`${iName} reads ${r} more DRAM bytes per MAC: its weights do not fit in the cells and come from DRAM on every inference, while ${nName} keeps the weights of ${fig('npu.layersWeightsCached', cached, 'count')} layers cached in its SRAM.`,
      );
    } else out.push(w.say`${iName} moves ${r} more DRAM bytes per MAC than ${nName}.`);
  } else if (bi.dram > 0 && bn.dram > bi.dram) {
    out.push(
      w.say`${nName} moves ${fig('dramBytesPerMacRatio', bn.dram / bi.dram, 'ratio')} more DRAM bytes per MAC than ${iName}.`,
    );
  }
  return out;
}

/** "conv1 at 144 op/B: 376 µs of DRAM transfers for 26.5 µs of compute". */
function trafficItem(w: SentenceWriter, role: string, t: LayerTraffic): Sentence {
  const k = `${role}.memoryBound.${t.name}`;
  const intensity = t.intensity === null ? w.say`no DRAM bytes` : w.say`${fig(`${k}.intensity`, t.intensity, 'intensity')}`;
  return w.say`${nm(t.name)} (${intensity}: ${fig(`${k}.transferSeconds`, t.transferSeconds, 'seconds')} of DRAM transfers for ${fig(`${k}.computeSeconds`, t.computeSeconds, 'seconds')} of compute)`;
}

function memoryBound(w: SentenceWriter, npu: DesignAnalysis, imc: DesignAnalysis): Sentence[] {
  const n = npu.result;
  const nName = nm(n.arch.name);
  if (npu.ridge === null) return [w.say`${nName}'s DRAM is ideal (unlimited bandwidth), so no layer of it can be memory-bound.`];
  const out: Sentence[] = [
    w.say`${nName}'s ridge point is ${fig('npu.ridge', npu.ridge, 'intensity')}: its peak of ${fig('npu.peakOpsPerSecond', n.arch.peakOpsPerSecond, 'opsPerSecond')} divided by its DRAM bandwidth of ${fig('npu.dramBytesPerSecond', n.arch.dram.bytesPerSecond ?? 0, 'bandwidth')}. A layer doing fewer operations per DRAM byte (its arithmetic intensity) cannot keep the array busy, because DRAM cannot deliver the bytes as fast as the array would use them.`,
  ];
  const k = npu.memoryBound.length;
  const layers = fig('npu.layersWithMacs', npu.layersWithMacs, 'count');
  out.push(
    k > 0
      ? w.say`${fig('npu.memoryBoundLayers', k, 'count')} of its ${layers} layers with MACs ${plural(k, 'is', 'are')} memory-bound, and stalls take ${fig('npu.stallShare', npu.stallShare, 'share')} of its latency.`
      : w.say`None of its ${layers} layers with MACs is memory-bound.`,
  );
  if (npu.layersWithoutDram > 0) {
    const m = npu.layersWithoutDram;
    out.push(
      w.say`${fig('npu.layersWithoutDram', m, 'count')} ${plural(m, 'layer moves', 'layers move')} no DRAM byte at all (weights cached on chip, activations kept in SRAM), so DRAM cannot hold ${plural(m, 'it', 'them')} back.`,
    );
  }
  if (k > 0) {
    const worst = npu.memoryBound.slice(0, 3);
    const lead = worst.length === k ? plural(k, 'It is', 'They are') : 'The worst are';
    out.push(w.say`${lead} ${w.list(worst.map((t) => trafficItem(w, 'npu', t)))}.`);
    const latencyBound = worst.filter((t) => t.transferSeconds < t.computeSeconds);
    if (latencyBound.length > 0) {
      out.push(
        w.say`${w.list(latencyBound.map((t) => w.say`${nm(t.name)}`))} ${plural(latencyBound.length, 'needs', 'need')} less transfer time than compute time, so what ${plural(latencyBound.length, 'stalls it', 'stalls them')} is the DRAM's ${fig('npu.dramLatencySeconds', n.arch.dram.latencySeconds, 'seconds')} access latency, not its bandwidth.`,
      );
    }
  }
  const left = npu.belowRidgeComputeBound;
  if (left.length > 0) {
    const maxUtil = Math.max(...left.map((t) => t.utilization));
    out.push(
      w.say`${fig('npu.belowRidgeComputeBound', left.length, 'count')} more ${plural(left.length, 'layer lies', 'layers lie')} left of the ridge yet ${plural(left.length, 'stays', 'stay')} compute-bound: ${plural(left.length, 'it uses', 'they use')} at most ${fig('npu.belowRidgeMaxUtilization', maxUtil, 'utilization')} of the array, so DRAM keeps up.`,
    );
  }
  const iName = nm(imc.result.arch.name);
  if (imc.ridge === null) out.push(w.say`${iName}'s DRAM is ideal, so none of its layers is memory-bound.`);
  else {
    const ki = imc.memoryBound.length;
    const ridge = fig('imc.ridge', imc.ridge, 'intensity');
    if (ki === 0) out.push(w.say`On ${iName} (ridge ${ridge}) no layer is memory-bound.`);
    else {
      const worst = imc.memoryBound
        .slice(0, 3)
        .map(
          (t) =>
            w.say`${nm(t.name)} (${t.intensity === null ? 'no DRAM bytes' : fig(`imc.memoryBound.${t.name}.intensity`, t.intensity, 'intensity')})`,
        );
      out.push(
        w.say`On ${iName} (ridge ${ridge}) ${fig('imc.memoryBoundLayers', ki, 'count')} ${plural(ki, 'layer is', 'layers are')} memory-bound, stalling ${fig('imc.stallShare', imc.stallShare, 'share')} of its latency; the worst: ${w.list(worst)}.`,
      );
    }
  }
  return out;
}

function reprogramming(w: SentenceWriter, workload: string, imc: DesignAnalysis): Sentence[] {
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
  const out = [
    w.say`${nm(workload)} has ${params} parameters, but the ${crossbars} crossbars of ${iName} hold ${capacity} ${r.precision} weights, so the cells are rewritten on every inference: ${fig('imc.cellWrites', r.cellWrites, 'count')} cell writes costing ${fig('imc.reprogramJoules', r.joules, 'joules')} (${fig('imc.reprogramShare', r.share, 'share')} of its energy) and ${fig('imc.programSeconds', r.seconds, 'seconds')} of programming time.`,
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

function mapping(w: SentenceWriter, workload: string, npu: DesignAnalysis, imc: DesignAnalysis): Sentence[] {
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

function bandwidth(w: SentenceWriter, npu: DesignAnalysis, imc: DesignAnalysis, sweep: SweepPair): Sentence[][] {
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
