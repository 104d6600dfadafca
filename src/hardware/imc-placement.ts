import type { Layer } from '../workload/graph.js';
import { mapOnCrossbars, mvmCost, type ImcTile } from './crossbars.js';
import { crossbarsNeeded, imcGemm, type ImcPlacement } from './imc-plan.js';

/**
 * Decides how the crossbar layers share the tile. When every layer's weights fit at once they
 * are programmed before the first inference and stay (no programming per inference), and spare
 * crossbars hold replicas of the slowest layers. Otherwise layers are taken in order in groups
 * that fit, and every group is written into the cells on every inference — the cost that makes
 * weight capacity decisive for in-memory compute.
 */
export function placeOnCrossbars(imc: ImcTile, layers: readonly Layer[], clockHz: number): Map<string, ImcPlacement> {
  const out = new Map<string, ImcPlacement>();
  const need = layers.map((l) => crossbarsNeeded(imc, l));
  const total = need.reduce((s, n) => s + n, 0);

  if (total <= imc.crossbars) {
    const replicas = layers.map(() => 1);
    // Time of one replica-round of each layer: vectors ÷ replicas × cycles per MVM.
    const mvmCycles = layers.map((l) => {
      const v = imcGemm(l)!;
      const map = mapOnCrossbars(imc, v.gemm, v.weightBits);
      return mvmCost(imc, map.rowsUsed, map.colsUsed, v.inputBits, clockHz).cycles;
    });
    let spare = imc.crossbars - total;
    for (;;) {
      let best = -1;
      let bestTime = 0;
      layers.forEach((l, i) => {
        const time = Math.ceil(imcGemm(l)!.gemm.m / replicas[i]) * mvmCycles[i];
        if (need[i] > 0 && need[i] <= spare && replicas[i] < imcGemm(l)!.gemm.m && time > bestTime) {
          best = i;
          bestTime = time;
        }
      });
      if (best < 0) break;
      replicas[best]++;
      spare -= need[best];
    }
    layers.forEach((l, i) => out.set(l.name, { replicas: replicas[i], passes: 1, program: false }));
    return out;
  }
  layers.forEach((l, i) =>
    out.set(l.name, { replicas: 1, passes: Math.max(1, Math.ceil(need[i] / imc.crossbars)), program: true }),
  );
  return out;
}
