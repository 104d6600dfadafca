import { addComputeSchema } from '../config/schemas/arch.js';
import type { ComponentModel, ComputeKind } from './component.js';
import { ethosUKind } from './ethos-u.js';
import { imcTileKind } from './imc-tile.js';
import { systolicArrayKind } from './systolic-array.js';
import { vectorUnitKind } from './vector-unit.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each kind has its own model and spec types
type AnyComputeKind = ComputeKind<any, any>;

const computeKinds = new Map<string, AnyComputeKind>();

/**
 * Makes a compute kind available to arch documents (`"kind": "<its kind>"` under `/compute`):
 * its schema joins the arch schema, and building, mapping, simulation and energy find it here.
 */
export function registerComputeKind<M extends ComponentModel, S>(kind: ComputeKind<M, S>): void {
  computeKinds.set(kind.kind, kind as AnyComputeKind);
  addComputeSchema(kind.schema);
}

/** The kind of a built unit (or of a spec's `kind`); arch validation guarantees it is registered. */
export function computeKindOf(kind: string): AnyComputeKind {
  const k = computeKinds.get(kind);
  if (!k) throw new Error(`no compute kind "${kind}" is registered (known: ${[...computeKinds.keys()].join(', ')})`);
  return k;
}

/** Every registered compute kind, in registration order. */
export const computeKindList = (): AnyComputeKind[] => [...computeKinds.values()];

registerComputeKind(systolicArrayKind);
registerComputeKind(imcTileKind);
registerComputeKind(vectorUnitKind);
registerComputeKind(ethosUKind);
