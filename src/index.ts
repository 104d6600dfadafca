/**
 * picojoule's library API: everything the CLI does is a typed function here first.
 * spec → workload → mapping → engine → (energy) → report.
 */
export { peakOpsPerSecond, type Arch, type SystolicArray, type SramBuffer, type Dram } from './hardware/arch.js';
export { loadArch, archFromDocument as buildArch } from './load/load-arch.js';
export { listPresets, type PresetSummary } from './load/list-presets.js';
export { validateDocument, detectKind, type DocumentKind } from './validate-document.js';
export { UserError, formatProblem, type Problem } from './config/user-error.js';
export { parseQuantity, type Dimension } from './config/units.js';
export { loadWorkload, listWorkloads } from './load/load-workload.js';
export type { Graph, Layer, LayerOp, Tensor } from './workload/graph.js';
export { importScalesim } from './import/scalesim.js';
export { simulate, type SimulateOptions } from './sim/simulate.js';
export type { SimResult, LayerResult } from './sim/result.js';
export { resultJson } from './report/result-json.js';
export { layersCsv } from './report/layers-csv.js';
export { EventQueue, Resource } from './engine/index.js';
export { renderReport, type ReportOptions } from './report/render-report.js';
export { writeReport } from './report/write-report.js';
export { recordTrace, type TraceEvent } from './report/trace-recorder.js';
export { readResult } from './report/read-result.js';
export { simulateWhatIf } from './sim/simulate-what-if.js';
export { applyWhatIf, denseInt8, type WhatIf } from './workload/what-if.js';
export { compareRuns, type Comparison } from './sim/compare.js';
export { type CostTable } from './energy/cost-table.js';
export { loadCostTable, listCostTables } from './load/load-cost-table.js';
export { loadAreaTable, listAreaTables } from './load/load-area-table.js';
export { type AreaTable } from './area/area-table.js';
export { archArea, type ArchArea } from './sim/arch-area.js';
export { loadSweep, type Sweep } from './sweep/load-sweep.js';
export { runSweep, type SweepRow } from './sweep/run-sweep.js';
export { runSweepToFolder, type FolderRun } from './sweep/sweep-to-folder.js';
export { mergeSweeps } from './sweep/merge-sweeps.js';
export { rerenderSweep } from './sweep/rerender-sweep.js';
export { paretoFront, type Objective } from './sweep/pareto.js';
export { explainVonNeumann } from './explain/explain-von-neumann.js';
export { renderExplainReport } from './explain/render-explain.js';
export { writeExplainReport } from './explain/write-explain.js';
export { loadDevice, listDevices, loadLink, listLinks, type Link } from './load/load-device.js';
export { runRoofline, rooflineLimits, type RooflineDevice, type RooflineRun } from './hardware/roofline-device.js';
export { loadCandidate, type Candidate } from './deploy/candidates.js';
export { compareDevices, type Comparison as DeviceComparison, type CompareRow } from './deploy/compare.js';
export { renderComparePage } from './deploy/compare-page.js';
export { loadDeployPlan, type LoadedPlan } from './deploy/load-plan.js';
export { simulateDeployment, type DeployModel, type DeployStats } from './deploy/deploy-sim.js';
export { runDeployPlan, type DeployReport } from './deploy/deploy-report.js';
export { renderDeployPage } from './deploy/deploy-page.js';
