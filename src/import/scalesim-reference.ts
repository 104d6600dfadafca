/**
 * How SCALE-Sim v2's reference runs name their topologies (`results.csv`, `runtimes.csv`) and
 * where each topology file sits under `topologies/` in the reference folder (see its NOTES.md).
 */
export const SCALESIM_TOPOLOGY_FILES: Readonly<Record<string, string>> = {
  alexnet: 'conv_nets/alexnet.csv',
  mobilenet: 'conv_nets/mobilenet.csv',
  resnet18: 'conv_nets/Resnet18.csv',
  yolo_tiny: 'conv_nets/yolo_tiny.csv',
  inc5b: 'conv_nets/test.csv',
  test_mnk: 'GEMM_mnk/test_mnk_input.csv',
  ncf: 'GEMM_mnk/NCF.csv',
};
