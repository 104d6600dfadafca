/**
 * Writes the built-in networks to workloads/*.json. The JSON files are what ships; this script is
 * how they were made, kept so a change of convention can be re-applied to every network at once.
 *
 * Run from the package root (Node 20 cannot run TypeScript directly):
 *   npx tsc --ignoreConfig --strict --outDir /tmp/gen scripts/gen-workloads.ts --module nodenext \
 *     --target es2022 --skipLibCheck --types node && node /tmp/gen/scripts/gen-workloads.js [outDir]
 *
 * Conventions of every network here (see also the per-file descriptions):
 * - inference graphs: batch norm is folded into the preceding conv, which therefore has a bias;
 *   ReLU/ReLU6 are fused into the layer before them (an accelerator applies them on the way out of
 *   the accumulators), so they are not separate layers; dropout is omitted.
 * - images are NCHW with batch 1; a dense layer after pooling needs an explicit flatten.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LayerSpec, WorkloadSpec } from '../src/config/schemas/workload.js';

type Doc = Omit<WorkloadSpec, 'version' | 'name'> & { name: string };

/** MobileNetV1 1.0/224 (Keras layout: "same" padding, names conv_dw_i / conv_pw_i). */
function mobilenetV1(): Doc {
  const layers: LayerSpec[] = [{ type: 'conv2d', name: 'conv1', outChannels: 32, kernel: 3, stride: 2, padding: 'same' }];
  const blocks: [number, number][] = [
    [64, 1],
    [128, 2],
    [128, 1],
    [256, 2],
    [256, 1],
    [512, 2],
    [512, 1],
    [512, 1],
    [512, 1],
    [512, 1],
    [512, 1],
    [1024, 2],
    [1024, 1],
  ];
  blocks.forEach(([channels, stride], i) => {
    layers.push({ type: 'depthwise', name: `conv_dw_${i + 1}`, kernel: 3, stride, padding: 'same' });
    layers.push({ type: 'pointwise', name: `conv_pw_${i + 1}`, outChannels: channels });
  });
  layers.push(...classifier(1000));
  return {
    name: 'mobilenet-v1',
    description:
      'MobileNetV1 (width 1.0, 224x224, 1000 classes): 3x3 stem + 13 depthwise-separable blocks + global avgpool + FC. BN folded into conv biases; ReLU fused.',
    source:
      'Howard et al. 2017, "MobileNets", arXiv:1704.04861, Table 1 (569 M mult-adds, 4.2 M params); layer names as in keras.applications.MobileNet',
    inputs: { image: { shape: [1, 3, 224, 224] } },
    layers,
  };
}

/** MobileNetV2 1.0/224 (torchvision layout: symmetric padding 1 on 3x3 convs). */
function mobilenetV2(): Doc {
  const layers: LayerSpec[] = [{ type: 'conv2d', name: 'conv1', outChannels: 32, kernel: 3, stride: 2, padding: 1 }];
  // (expansion t, output channels c, repeats n, first stride s), Sandler et al. Table 2.
  const settings: [number, number, number, number][] = [
    [1, 16, 1, 1],
    [6, 24, 2, 2],
    [6, 32, 3, 2],
    [6, 64, 4, 2],
    [6, 96, 3, 1],
    [6, 160, 3, 2],
    [6, 320, 1, 1],
  ];
  let channels = 32;
  let prev = 'conv1';
  let block = 0;
  for (const [t, c, n, s] of settings) {
    for (let r = 0; r < n; r++) {
      const b = `block${++block}`;
      const stride = r === 0 ? s : 1;
      if (t !== 1) layers.push({ type: 'pointwise', name: `${b}.expand`, input: prev, outChannels: channels * t });
      layers.push({ type: 'depthwise', name: `${b}.dw`, ...(t === 1 ? { input: prev } : {}), kernel: 3, stride, padding: 1 });
      layers.push({ type: 'pointwise', name: `${b}.project`, outChannels: c });
      if (stride === 1 && channels === c) {
        layers.push({ type: 'add', name: `${b}.add`, inputs: [`${b}.project`, prev] });
        prev = `${b}.add`;
      } else prev = `${b}.project`;
      channels = c;
    }
  }
  layers.push({ type: 'pointwise', name: 'conv_last', input: prev, outChannels: 1280 }, ...classifier(1000));
  return {
    name: 'mobilenet-v2',
    description:
      'MobileNetV2 (width 1.0, 224x224, 1000 classes): 17 inverted-residual blocks (1x1 expand x6, 3x3 depthwise, 1x1 linear project, residual add when shapes match) + 1x1 conv 1280 + global avgpool + FC. BN folded into conv biases; ReLU6 fused.',
    source:
      'Sandler et al. 2018, "MobileNetV2", arXiv:1801.04381, Table 2 (300 M MACs, 3.4 M params); layout as torchvision.models.mobilenet_v2',
    inputs: { image: { shape: [1, 3, 224, 224] } },
    layers,
  };
}

/** ResNet-18/50 in torchvision's layout (v1.5: the stride sits on the 3x3 conv of a bottleneck). */
function resnet(depth: 18 | 50): Doc {
  const bottleneck = depth === 50;
  const repeats = bottleneck ? [3, 4, 6, 3] : [2, 2, 2, 2];
  const expansion = bottleneck ? 4 : 1;
  const layers: LayerSpec[] = [
    { type: 'conv2d', name: 'conv1', outChannels: 64, kernel: 7, stride: 2, padding: 3 },
    { type: 'maxpool', name: 'maxpool', kernel: 3, stride: 2, padding: 1 },
  ];
  let channels = 64;
  let prev = 'maxpool';
  repeats.forEach((n, stage) => {
    const width = 64 * 2 ** stage;
    for (let i = 0; i < n; i++) {
      const b = `layer${stage + 1}.${i}`;
      const stride = i === 0 && stage > 0 ? 2 : 1;
      const out = width * expansion;
      if (bottleneck) {
        layers.push({ type: 'pointwise', name: `${b}.conv1`, input: prev, outChannels: width });
        layers.push({ type: 'conv2d', name: `${b}.conv2`, outChannels: width, kernel: 3, stride, padding: 1 });
        layers.push({ type: 'pointwise', name: `${b}.conv3`, outChannels: out });
      } else {
        layers.push({ type: 'conv2d', name: `${b}.conv1`, input: prev, outChannels: width, kernel: 3, stride, padding: 1 });
        layers.push({ type: 'conv2d', name: `${b}.conv2`, outChannels: width, kernel: 3, padding: 1 });
      }
      const main = layers[layers.length - 1].name;
      let shortcut = prev;
      if (stride !== 1 || channels !== out) {
        layers.push({ type: 'pointwise', name: `${b}.downsample`, input: prev, outChannels: out, stride });
        shortcut = `${b}.downsample`;
      }
      layers.push({ type: 'add', name: `${b}.add`, inputs: [main, shortcut] });
      prev = `${b}.add`;
      channels = out;
    }
  });
  layers.push(...classifier(1000));
  const name = `resnet-${depth}`;
  const published = bottleneck
    ? '3.8 G FLOPs (mult-adds) in the paper, 4.09 G MACs / 25.56 M params as torchvision counts'
    : '1.8 G FLOPs (mult-adds), 11.7 M params';
  return {
    name,
    description: `ResNet-${depth} (224x224, 1000 classes), torchvision layout: 7x7/2 stem, 3x3/2 maxpool, ${bottleneck ? 'bottleneck (1x1, 3x3, 1x1)' : 'basic (3x3, 3x3)'} blocks ${repeats.join('-')}, 1x1 downsample convs on the shortcut, residual adds, global avgpool, FC. BN folded into conv biases; ReLU fused (after the add).`,
    source: `He et al. 2016, "Deep Residual Learning", arXiv:1512.03385, Table 1 (${published}); layer names and v1.5 strides as torchvision.models.resnet${depth}`,
    inputs: { image: { shape: [1, 3, 224, 224] } },
    layers,
  };
}

/** DS-CNN (small) keyword spotting, as the MLPerf Tiny KWS reference model. */
function dsCnn(): Doc {
  const layers: LayerSpec[] = [{ type: 'conv2d', name: 'conv1', outChannels: 64, kernel: [10, 4], stride: 2, padding: 'same' }];
  for (let i = 1; i <= 4; i++) {
    layers.push({ type: 'depthwise', name: `dw${i}`, kernel: 3, padding: 'same' });
    layers.push({ type: 'pointwise', name: `pw${i}`, outChannels: 64 });
  }
  layers.push(
    // The reference pools with pool_size (49 // 2, 10 // 2) = (24, 5) over the 25x5 map (one 1x1 output), not globally.
    { type: 'avgpool', name: 'avgpool', kernel: [24, 5] },
    { type: 'flatten', name: 'flatten' },
    { type: 'dense', name: 'fc', outFeatures: 12 },
  );
  return {
    name: 'ds-cnn',
    description:
      'DS-CNN small (MLPerf Tiny keyword spotting, 12 classes) on 49x10 MFCC features: conv 10x4/2 64ch, 4 depthwise-separable blocks (3x3 depthwise + 1x1 pointwise, 64ch), 24x5 avgpool, FC 12. Conv biases as in the Keras reference; BN folded; ReLU fused. 22.6 k params; Hello Edge\'s "38.6 KB" is the memory of 8-bit weights plus two 25x5x64 activation buffers (22,604 + 16,000 bytes), not a parameter count.',
    source:
      'Zhang et al. 2017, "Hello Edge", arXiv:1711.07128, Table 7 (DS-CNN S: 38.6 KB, 5.4 MOps); Banbury et al. 2021, "MLPerf Tiny Benchmark", arXiv:2106.07597; structure from the mlcommons/tiny KWS reference keras_model.py (ds_cnn)',
    inputs: { mfcc: { shape: [1, 1, 49, 10] } },
    layers,
  };
}

/** One BERT-base encoder layer at sequence length 128 (post-LN, as in the original BERT). */
function bertBaseLayer(): Doc {
  const d = 768;
  const heads = 12;
  const toHeads = (name: string): LayerSpec[] => [
    { type: 'reshape', name: `${name}.split`, input: name, shape: [1, 128, heads, d / heads] },
    { type: 'transpose', name: `${name}.heads`, perm: [0, 2, 1, 3] },
  ];
  const layers: LayerSpec[] = [
    { type: 'dense', name: 'attention.query', input: 'hidden', outFeatures: d },
    { type: 'dense', name: 'attention.key', input: 'hidden', outFeatures: d },
    { type: 'dense', name: 'attention.value', input: 'hidden', outFeatures: d },
    ...toHeads('attention.query'),
    ...toHeads('attention.key'),
    ...toHeads('attention.value'),
    // Q·Kᵀ per head; the 1/sqrt(64) scale is folded into the softmax.
    { type: 'matmul', name: 'attention.scores', inputs: ['attention.query.heads', 'attention.key.heads'], transposeB: true },
    { type: 'softmax', name: 'attention.probs' },
    { type: 'matmul', name: 'attention.context', inputs: ['attention.probs', 'attention.value.heads'] },
    { type: 'transpose', name: 'attention.context.merge', perm: [0, 2, 1, 3] },
    { type: 'reshape', name: 'attention.context.flat', shape: [1, 128, d] },
    { type: 'dense', name: 'attention.output', outFeatures: d },
    { type: 'add', name: 'attention.residual', inputs: ['attention.output', 'hidden'] },
    { type: 'layernorm', name: 'attention.norm' },
    { type: 'dense', name: 'ffn.intermediate', outFeatures: 4 * d },
    { type: 'activation', name: 'ffn.gelu', function: 'gelu' },
    { type: 'dense', name: 'ffn.output', outFeatures: d },
    { type: 'add', name: 'ffn.residual', inputs: ['ffn.output', 'attention.norm'] },
    { type: 'layernorm', name: 'ffn.norm' },
  ];
  return {
    name: 'bert-base-layer',
    description:
      "One BERT-base encoder layer (d=768, 12 heads of 64, FFN 3072) on a 128-token sequence, batch 1: Q/K/V dense, split into heads, Q.K^T, softmax, .V, output dense, add + layernorm, dense 3072 + GELU + dense 768, add + layernorm. Dropout omitted. 7.08 M weights (7.09 M with biases and LayerNorm); 12 of these make BERT-base's encoder.",
    source:
      'Devlin et al. 2018, "BERT", arXiv:1810.04805 (BERT-base: L=12, H=768, A=12, FFN 4H); layer names as Hugging Face BertLayer',
    inputs: { hidden: { shape: [1, 128, d] } },
    layers,
  };
}

/** A six-layer network small enough to count by hand (see test/workload/tiny.test.ts). */
function tiny(): Doc {
  return {
    name: 'tiny',
    description:
      'A tiny test network on a 3x16x16 image: conv 3x3/2 8ch, depthwise 3x3, pointwise 16ch, global avgpool, flatten, dense 10. 26,784 MACs and 618 parameters, small enough to check by hand.',
    source: 'picojoule test network (no publication)',
    inputs: { image: { shape: [1, 3, 16, 16] } },
    layers: [
      { type: 'conv2d', name: 'conv', outChannels: 8, kernel: 3, stride: 2, padding: 1 },
      { type: 'depthwise', name: 'dw', kernel: 3, padding: 1 },
      { type: 'pointwise', name: 'pw', outChannels: 16 },
      { type: 'avgpool', name: 'pool', global: true },
      { type: 'flatten', name: 'flatten' },
      { type: 'dense', name: 'fc', outFeatures: 10 },
    ],
  };
}

/** Global average pool, flatten and the FC classifier that end the CNNs. */
function classifier(classes: number): LayerSpec[] {
  return [
    { type: 'avgpool', name: 'avgpool', global: true },
    { type: 'flatten', name: 'flatten' },
    { type: 'dense', name: 'fc', outFeatures: classes },
  ];
}

/** JSON on one line with a space after `:` and `,`, for short values such as a layer. */
function inline(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(inline).join(', ')}]`;
  if (value && typeof value === 'object')
    return `{ ${Object.entries(value)
      .map(([k, v]) => `${JSON.stringify(k)}: ${inline(v)}`)
      .join(', ')} }`;
  return JSON.stringify(value);
}

/** The document with one top-level field per line and one layer per line, so diffs stay readable. */
function render(doc: Doc): string {
  const { layers, ...head } = { $schema: '../schemas/workload.schema.json', version: 1, ...doc };
  const top = Object.entries(head).map(([k, v]) => `  ${JSON.stringify(k)}: ${inline(v)}`);
  const body = layers.map((l) => `    ${inline(l)}`).join(',\n');
  return `{\n${top.join(',\n')},\n  "layers": [\n${body}\n  ]\n}\n`;
}

const outDir = process.argv[2] ?? 'workloads';
for (const doc of [mobilenetV1(), mobilenetV2(), resnet(18), resnet(50), dsCnn(), bertBaseLayer(), tiny()]) {
  writeFileSync(join(outDir, `${doc.name}.json`), render(doc));
  console.log(`${doc.name}: ${doc.layers.length} layers`);
}
