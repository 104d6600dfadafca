import { componentLabel } from '../report/palette.js';
import type { DesignAnalysis, LayerTraffic } from './analyze-design.js';
import { SentenceWriter, fig, nm, plural, ratio, type FigureFormat, type Sentence } from './figures.js';
import type { SweepPair } from './sweep-bandwidth.js';
import { bandwidth, mapping, reprogramming } from './commentary-crossbars.js';

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

export type { SweepPair } from './sweep-bandwidth.js';

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
