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

/**
 * One BERT-base encoder layer (post-LN, as in the original BERT) on a 128-token sequence: its layers
 * named `${prefix}attention.query` …, reading `input` and ending in `${prefix}ffn.norm`.
 */
function bertEncoderLayer(prefix: string, input: string): LayerSpec[] {
  const d = 768;
  const heads = 12;
  const p = (name: string) => `${prefix}${name}`;
  const toHeads = (name: string): LayerSpec[] => [
    { type: 'reshape', name: `${p(name)}.split`, input: p(name), shape: [1, 128, heads, d / heads] },
    { type: 'transpose', name: `${p(name)}.heads`, perm: [0, 2, 1, 3] },
  ];
  return [
    { type: 'dense', name: p('attention.query'), input, outFeatures: d },
    { type: 'dense', name: p('attention.key'), input, outFeatures: d },
    { type: 'dense', name: p('attention.value'), input, outFeatures: d },
    ...toHeads('attention.query'),
    ...toHeads('attention.key'),
    ...toHeads('attention.value'),
    // Q·Kᵀ per head; the 1/sqrt(64) scale is folded into the softmax.
    {
      type: 'matmul',
      name: p('attention.scores'),
      inputs: [p('attention.query.heads'), p('attention.key.heads')],
      transposeB: true,
    },
    { type: 'softmax', name: p('attention.probs') },
    { type: 'matmul', name: p('attention.context'), inputs: [p('attention.probs'), p('attention.value.heads')] },
    { type: 'transpose', name: p('attention.context.merge'), perm: [0, 2, 1, 3] },
    { type: 'reshape', name: p('attention.context.flat'), shape: [1, 128, d] },
    { type: 'dense', name: p('attention.output'), outFeatures: d },
    { type: 'add', name: p('attention.residual'), inputs: [p('attention.output'), input] },
    { type: 'layernorm', name: p('attention.norm') },
    { type: 'dense', name: p('ffn.intermediate'), outFeatures: 4 * d },
    { type: 'activation', name: p('ffn.gelu'), function: 'gelu' },
    { type: 'dense', name: p('ffn.output'), outFeatures: d },
    { type: 'add', name: p('ffn.residual'), inputs: [p('ffn.output'), p('attention.norm')] },
    { type: 'layernorm', name: p('ffn.norm') },
  ];
}

/** One BERT-base encoder layer at sequence length 128. */
function bertBaseLayer(): Doc {
  return {
    name: 'bert-base-layer',
    description:
      "One BERT-base encoder layer (d=768, 12 heads of 64, FFN 3072) on a 128-token sequence, batch 1: Q/K/V dense, split into heads, Q.K^T, softmax, .V, output dense, add + layernorm, dense 3072 + GELU + dense 768, add + layernorm. Dropout omitted. 7.08 M weights (7.09 M with biases and LayerNorm); 12 of these make BERT-base's encoder.",
    source:
      'Devlin et al. 2018, "BERT", arXiv:1810.04805 (BERT-base: L=12, H=768, A=12, FFN 4H); layer names as Hugging Face BertLayer',
    inputs: { hidden: { shape: [1, 128, 768] } },
    layers: bertEncoderLayer('', 'hidden'),
  };
}

/** DistilBERT-base: six BERT-base encoder layers on a 128-token sequence (embeddings are a lookup, not a layer). */
function distilbert(): Doc {
  const layers: LayerSpec[] = [];
  let input = 'hidden';
  for (let i = 0; i < 6; i++) {
    layers.push(...bertEncoderLayer(`layer.${i}.`, input));
    input = `layer.${i}.ffn.norm`;
  }
  return {
    name: 'distilbert',
    description:
      "DistilBERT-base encoder on a 128-token sequence, batch 1: 6 encoder layers identical to bert-base-layer's (d=768, 12 heads of 64, FFN 3072 + GELU, post-LN), one after the other. The embedding lookup (word + position, 23.8 M parameters) and its LayerNorm are not layers here, so the 42.5 M parameters are DistilBERT's 66 M less its embeddings. Dropout omitted. The workload of Apple's ANE distilbert measurements (seq 128, batch 1).",
    source:
      'Sanh et al. 2019, "DistilBERT", arXiv:1910.01108 (6 layers of BERT-base, 66 M params); Hugging Face distilbert-base-uncased (66,362,880 params of which 23,835,648 embeddings); layer names as bert-base-layer, prefixed layer.i',
    inputs: { hidden: { shape: [1, 128, 768] } },
    layers,
  };
}

type Padding = Extract<LayerSpec, { type: 'conv2d' }>['padding'];
type Kernel = number | [number, number];

/**
 * A convolution with BN folded into its bias and its ReLU fused: 1×1 stride-1 convs are written as
 * pointwise, the rest as conv2d (no padding unless given, as PyTorch's default and TF's "valid").
 */
function cv(name: string, outChannels: number, kernel: Kernel = 1, stride = 1, padding?: Padding): LayerSpec {
  if (kernel === 1 && stride === 1 && padding === undefined) return { type: 'pointwise', name, outChannels };
  return {
    type: 'conv2d',
    name,
    outChannels,
    kernel,
    ...(stride !== 1 ? { stride } : {}),
    ...(padding !== undefined ? { padding } : {}),
  };
}

/** The layer reading `input` instead of the layer before it (`input` written right after the name). */
function from(input: string, layer: LayerSpec): LayerSpec {
  const { type, name, ...rest } = layer;
  return { type, name, input, ...rest } as LayerSpec;
}

/** Parallel branches off one input joined by a channel concat named `name`: each branch is a chain. */
function branches(name: string, input: string, chains: LayerSpec[][]): LayerSpec[] {
  const layers = chains.flatMap((chain) => chain.map((l, i) => (i === 0 ? from(input, l) : l)));
  const ends = chains.map((chain) => chain[chain.length - 1].name);
  return [...layers, { type: 'concat', name, inputs: ends }];
}

/**
 * A max pool with PyTorch's ceil_mode=True over a `size`×`size` map: where the last window would
 * overhang, one more row/column of padding at the bottom/right gives the same output size.
 */
function ceilMaxpool(name: string, size: number, kernel: number, stride: number): LayerSpec {
  const out = Math.ceil((size - kernel) / stride) + 1;
  const extra = (out - 1) * stride + kernel - size;
  return { type: 'maxpool', name, kernel, stride, ...(extra > 0 ? { padding: [0, extra, 0, extra] } : {}) };
}

/** GoogLeNet (Inception v1) in torchvision's layout, without the auxiliary classifiers. */
function inceptionV1(): Doc {
  // (1x1, 3x3 reduce, 3x3, "5x5" reduce, "5x5", pool proj), Szegedy et al. 2014 Table 1.
  const modules: Record<string, [number, number, number, number, number, number]> = {
    inception3a: [64, 96, 128, 16, 32, 32],
    inception3b: [128, 128, 192, 32, 96, 64],
    inception4a: [192, 96, 208, 16, 48, 64],
    inception4b: [160, 112, 224, 24, 64, 64],
    inception4c: [128, 128, 256, 24, 64, 64],
    inception4d: [112, 144, 288, 32, 64, 64],
    inception4e: [256, 160, 320, 32, 128, 128],
    inception5a: [256, 160, 320, 32, 128, 128],
    inception5b: [384, 192, 384, 48, 128, 128],
  };
  const module = (name: string, input: string) => {
    const [c1, r3, c3, r5, c5, pool] = modules[name];
    return branches(name, input, [
      [cv(`${name}.branch1`, c1)],
      [cv(`${name}.branch2.0`, r3), cv(`${name}.branch2.1`, c3, 3, 1, 1)],
      // torchvision (like TF-slim's inception_v1, whose weights it took) uses 3x3 here, not the paper's 5x5.
      [cv(`${name}.branch3.0`, r5), cv(`${name}.branch3.1`, c5, 3, 1, 1)],
      [{ type: 'maxpool', name: `${name}.branch4.0`, kernel: 3, stride: 1, padding: 1 }, cv(`${name}.branch4.1`, pool)],
    ]);
  };
  const layers: LayerSpec[] = [
    cv('conv1', 64, 7, 2, 3),
    ceilMaxpool('maxpool1', 112, 3, 2),
    cv('conv2', 64),
    cv('conv3', 192, 3, 1, 1),
    ceilMaxpool('maxpool2', 56, 3, 2),
    ...module('inception3a', 'maxpool2'),
    ...module('inception3b', 'inception3a'),
    ceilMaxpool('maxpool3', 28, 3, 2),
    ...module('inception4a', 'maxpool3'),
    ...module('inception4b', 'inception4a'),
    ...module('inception4c', 'inception4b'),
    ...module('inception4d', 'inception4c'),
    ...module('inception4e', 'inception4d'),
    ceilMaxpool('maxpool4', 14, 2, 2),
    ...module('inception5a', 'maxpool4'),
    ...module('inception5b', 'inception5a'),
    ...classifier(1000),
  ];
  return {
    name: 'inception-v1',
    description:
      'GoogLeNet / Inception v1 (224x224, 1000 classes), torchvision layout without the two auxiliary classifiers: 7x7/2 stem, 3x3/2 maxpool, 1x1 + 3x3 convs, 9 Inception modules (1x1 | 1x1-3x3 | 1x1-3x3 | 3x3 maxpool-1x1, concatenated) with 3x3/2 and 2x2/2 max pools between stages, global avgpool, FC. The "5x5" branch is a 3x3 conv as in torchvision and TF-slim (the paper has 5x5; 5x5 would add about 5% MACs). Max pools use ceil mode, written as one extra row/column of bottom/right padding. BN folded into conv biases; ReLU fused.',
    source:
      'Szegedy et al. 2014, "Going Deeper with Convolutions", arXiv:1409.4842, Table 1 (1.5 G mult-adds); layer names and the 3x3 branch as torchvision.models.googlenet (1.50 G MACs, 6,624,904 params)',
    inputs: { image: { shape: [1, 3, 224, 224] } },
    layers,
  };
}

/** Inception v3 in torchvision's (and Keras's) layout, without the auxiliary classifier, at `size`×`size`. */
function inceptionV3(size: 299 | 224): Doc {
  const a = (n: string, input: string, poolFeatures: number) =>
    branches(n, input, [
      [cv(`${n}.branch1x1`, 64)],
      [cv(`${n}.branch5x5_1`, 48), cv(`${n}.branch5x5_2`, 64, 5, 1, 2)],
      [cv(`${n}.branch3x3dbl_1`, 64), cv(`${n}.branch3x3dbl_2`, 96, 3, 1, 1), cv(`${n}.branch3x3dbl_3`, 96, 3, 1, 1)],
      [{ type: 'avgpool', name: `${n}.branch_pool.avg`, kernel: 3, stride: 1, padding: 1 }, cv(`${n}.branch_pool`, poolFeatures)],
    ]);
  const b = (n: string, input: string) =>
    branches(n, input, [
      [cv(`${n}.branch3x3`, 384, 3, 2)],
      [cv(`${n}.branch3x3dbl_1`, 64), cv(`${n}.branch3x3dbl_2`, 96, 3, 1, 1), cv(`${n}.branch3x3dbl_3`, 96, 3, 2)],
      [{ type: 'maxpool', name: `${n}.branch_pool`, kernel: 3, stride: 2 }],
    ]);
  const c = (n: string, input: string, c7: number) =>
    branches(n, input, [
      [cv(`${n}.branch1x1`, 192)],
      [cv(`${n}.branch7x7_1`, c7), cv(`${n}.branch7x7_2`, c7, [1, 7], 1, [0, 3]), cv(`${n}.branch7x7_3`, 192, [7, 1], 1, [3, 0])],
      [
        cv(`${n}.branch7x7dbl_1`, c7),
        cv(`${n}.branch7x7dbl_2`, c7, [7, 1], 1, [3, 0]),
        cv(`${n}.branch7x7dbl_3`, c7, [1, 7], 1, [0, 3]),
        cv(`${n}.branch7x7dbl_4`, c7, [7, 1], 1, [3, 0]),
        cv(`${n}.branch7x7dbl_5`, 192, [1, 7], 1, [0, 3]),
      ],
      [{ type: 'avgpool', name: `${n}.branch_pool.avg`, kernel: 3, stride: 1, padding: 1 }, cv(`${n}.branch_pool`, 192)],
    ]);
  const d = (n: string, input: string) =>
    branches(n, input, [
      [cv(`${n}.branch3x3_1`, 192), cv(`${n}.branch3x3_2`, 320, 3, 2)],
      [
        cv(`${n}.branch7x7x3_1`, 192),
        cv(`${n}.branch7x7x3_2`, 192, [1, 7], 1, [0, 3]),
        cv(`${n}.branch7x7x3_3`, 192, [7, 1], 1, [3, 0]),
        cv(`${n}.branch7x7x3_4`, 192, 3, 2),
      ],
      [{ type: 'maxpool', name: `${n}.branch_pool`, kernel: 3, stride: 2 }],
    ]);
  // The 1x3 and 3x1 convs of a split branch both read the conv before them.
  const e = (n: string, input: string): LayerSpec[] => [
    from(input, cv(`${n}.branch1x1`, 320)),
    from(input, cv(`${n}.branch3x3_1`, 384)),
    cv(`${n}.branch3x3_2a`, 384, [1, 3], 1, [0, 1]),
    from(`${n}.branch3x3_1`, cv(`${n}.branch3x3_2b`, 384, [3, 1], 1, [1, 0])),
    from(input, cv(`${n}.branch3x3dbl_1`, 448)),
    cv(`${n}.branch3x3dbl_2`, 384, 3, 1, 1),
    cv(`${n}.branch3x3dbl_3a`, 384, [1, 3], 1, [0, 1]),
    from(`${n}.branch3x3dbl_2`, cv(`${n}.branch3x3dbl_3b`, 384, [3, 1], 1, [1, 0])),
    { type: 'avgpool', name: `${n}.branch_pool.avg`, input, kernel: 3, stride: 1, padding: 1 },
    cv(`${n}.branch_pool`, 192),
    {
      type: 'concat',
      name: n,
      inputs: [
        `${n}.branch1x1`,
        `${n}.branch3x3_2a`,
        `${n}.branch3x3_2b`,
        `${n}.branch3x3dbl_3a`,
        `${n}.branch3x3dbl_3b`,
        `${n}.branch_pool`,
      ],
    },
  ];
  const layers: LayerSpec[] = [
    cv('Conv2d_1a_3x3', 32, 3, 2),
    cv('Conv2d_2a_3x3', 32, 3),
    cv('Conv2d_2b_3x3', 64, 3, 1, 1),
    { type: 'maxpool', name: 'maxpool1', kernel: 3, stride: 2 },
    cv('Conv2d_3b_1x1', 80),
    cv('Conv2d_4a_3x3', 192, 3),
    { type: 'maxpool', name: 'maxpool2', kernel: 3, stride: 2 },
    ...a('Mixed_5b', 'maxpool2', 32),
    ...a('Mixed_5c', 'Mixed_5b', 64),
    ...a('Mixed_5d', 'Mixed_5c', 64),
    ...b('Mixed_6a', 'Mixed_5d'),
    ...c('Mixed_6b', 'Mixed_6a', 128),
    ...c('Mixed_6c', 'Mixed_6b', 160),
    ...c('Mixed_6d', 'Mixed_6c', 160),
    ...c('Mixed_6e', 'Mixed_6d', 192),
    ...d('Mixed_7a', 'Mixed_6e'),
    ...e('Mixed_7b', 'Mixed_7a'),
    ...e('Mixed_7c', 'Mixed_7b'),
    ...classifier(1000),
  ];
  const maps = size === 299 ? '35x35, 17x17, 8x8' : '25x25, 12x12, 5x5';
  return {
    name: size === 299 ? 'inception-v3' : 'inception-v3-224',
    description: `Inception v3 (${size}x${size}, 1000 classes), torchvision/Keras layout without the auxiliary classifier: stem of 3x3 convs (unpadded, the first stride 2), 1x1 and max pools, then Inception modules A x3, reduction B, C x4 (factorised 1x7/7x1), reduction D, E x2 (split 1x3/3x1) on ${maps} maps, global avgpool, FC. The same weights as inception-v3 at any input size; ${size === 224 ? "this is the 224x224 input of Coral's Inception V3 (224) model" : 'the size of the paper and of most published counts'}. BN folded into conv biases (Keras's BN has no scale, so the bias stands for its beta); ReLU fused.`,
    source:
      'Szegedy et al. 2015, "Rethinking the Inception Architecture for Computer Vision", arXiv:1512.00567 (about 5 G mult-adds at 299); layer names as torchvision.models.inception_v3 (5.71 G MACs at 299); 23,817,352 trainable params as keras.applications.InceptionV3',
    inputs: { image: { shape: [1, 3, size, size] } },
    layers,
  };
}

/** Inception v4 (TF-slim's layout, as timm's inception_v4 port of its weights; 1001 classes). */
function inceptionV4(): Doc {
  const f = (i: number) => `features.${i}`;
  const avg = (name: string): LayerSpec => ({ type: 'avgpool', name, kernel: 3, stride: 1, padding: 1 });
  const inceptionA = (i: number) =>
    branches(f(i), f(i - 1), [
      [cv(`${f(i)}.branch0`, 96)],
      [cv(`${f(i)}.branch1.0`, 64), cv(`${f(i)}.branch1.1`, 96, 3, 1, 1)],
      [cv(`${f(i)}.branch2.0`, 64), cv(`${f(i)}.branch2.1`, 96, 3, 1, 1), cv(`${f(i)}.branch2.2`, 96, 3, 1, 1)],
      [avg(`${f(i)}.branch3.0`), cv(`${f(i)}.branch3.1`, 96)],
    ]);
  const inceptionB = (i: number) =>
    branches(f(i), f(i - 1), [
      [cv(`${f(i)}.branch0`, 384)],
      [
        cv(`${f(i)}.branch1.0`, 192),
        cv(`${f(i)}.branch1.1`, 224, [1, 7], 1, [0, 3]),
        cv(`${f(i)}.branch1.2`, 256, [7, 1], 1, [3, 0]),
      ],
      [
        cv(`${f(i)}.branch2.0`, 192),
        cv(`${f(i)}.branch2.1`, 192, [7, 1], 1, [3, 0]),
        cv(`${f(i)}.branch2.2`, 224, [1, 7], 1, [0, 3]),
        cv(`${f(i)}.branch2.3`, 224, [7, 1], 1, [3, 0]),
        cv(`${f(i)}.branch2.4`, 256, [1, 7], 1, [0, 3]),
      ],
      [avg(`${f(i)}.branch3.0`), cv(`${f(i)}.branch3.1`, 128)],
    ]);
  const inceptionC = (i: number): LayerSpec[] => {
    const n = f(i);
    const input = f(i - 1);
    return [
      from(input, cv(`${n}.branch0`, 256)),
      from(input, cv(`${n}.branch1_0`, 384)),
      cv(`${n}.branch1_1a`, 256, [1, 3], 1, [0, 1]),
      from(`${n}.branch1_0`, cv(`${n}.branch1_1b`, 256, [3, 1], 1, [1, 0])),
      from(input, cv(`${n}.branch2_0`, 384)),
      cv(`${n}.branch2_1`, 448, [3, 1], 1, [1, 0]),
      cv(`${n}.branch2_2`, 512, [1, 3], 1, [0, 1]),
      cv(`${n}.branch2_3a`, 256, [1, 3], 1, [0, 1]),
      from(`${n}.branch2_2`, cv(`${n}.branch2_3b`, 256, [3, 1], 1, [1, 0])),
      from(input, avg(`${n}.branch3.0`)),
      cv(`${n}.branch3.1`, 256),
      {
        type: 'concat',
        name: n,
        inputs: [`${n}.branch0`, `${n}.branch1_1a`, `${n}.branch1_1b`, `${n}.branch2_3a`, `${n}.branch2_3b`, `${n}.branch3.1`],
      },
    ];
  };
  const layers: LayerSpec[] = [
    cv(f(0), 32, 3, 2),
    cv(f(1), 32, 3),
    cv(f(2), 64, 3, 1, 1),
    ...branches(f(3), f(2), [
      [{ type: 'maxpool', name: `${f(3)}.maxpool`, kernel: 3, stride: 2 }],
      [cv(`${f(3)}.conv`, 96, 3, 2)],
    ]),
    ...branches(f(4), f(3), [
      [cv(`${f(4)}.branch0.0`, 64), cv(`${f(4)}.branch0.1`, 96, 3)],
      [
        cv(`${f(4)}.branch1.0`, 64),
        cv(`${f(4)}.branch1.1`, 64, [1, 7], 1, [0, 3]),
        cv(`${f(4)}.branch1.2`, 64, [7, 1], 1, [3, 0]),
        cv(`${f(4)}.branch1.3`, 96, 3),
      ],
    ]),
    ...branches(f(5), f(4), [
      [cv(`${f(5)}.conv`, 192, 3, 2)],
      [{ type: 'maxpool', name: `${f(5)}.maxpool`, kernel: 3, stride: 2 }],
    ]),
    ...[6, 7, 8, 9].flatMap(inceptionA),
    // Reduction-A with (k, l, m, n) = (192, 224, 256, 384), Szegedy et al. 2016 Table 1.
    ...branches(f(10), f(9), [
      [cv(`${f(10)}.branch0`, 384, 3, 2)],
      [cv(`${f(10)}.branch1.0`, 192), cv(`${f(10)}.branch1.1`, 224, 3, 1, 1), cv(`${f(10)}.branch1.2`, 256, 3, 2)],
      [{ type: 'maxpool', name: `${f(10)}.branch2`, kernel: 3, stride: 2 }],
    ]),
    ...[11, 12, 13, 14, 15, 16, 17].flatMap(inceptionB),
    ...branches(f(18), f(17), [
      [cv(`${f(18)}.branch0.0`, 192), cv(`${f(18)}.branch0.1`, 192, 3, 2)],
      [
        cv(`${f(18)}.branch1.0`, 256),
        cv(`${f(18)}.branch1.1`, 256, [1, 7], 1, [0, 3]),
        cv(`${f(18)}.branch1.2`, 320, [7, 1], 1, [3, 0]),
        cv(`${f(18)}.branch1.3`, 320, 3, 2),
      ],
      [{ type: 'maxpool', name: `${f(18)}.branch2`, kernel: 3, stride: 2 }],
    ]),
    ...[19, 20, 21].flatMap(inceptionC),
    { type: 'avgpool', name: 'global_pool', global: true },
    { type: 'flatten', name: 'flatten' },
    { type: 'dense', name: 'last_linear', outFeatures: 1001 },
  ];
  return {
    name: 'inception-v4',
    description:
      "Inception-v4 (299x299, 1001 classes with TF-slim's background class): the paper's stem (3x3 convs, then three concatenated conv | pool splits down to 35x35x384), Inception-A x4, Reduction-A, Inception-B x7 (1x7/7x1), Reduction-B, Inception-C x3 (split 1x3/3x1), global avgpool, FC. Average-pool branches are 3x3/1 padded 1. BN folded into conv biases; ReLU fused. At 42.7 M parameters, about 5x the Edge TPU's 8 MB on-chip memory.",
    source:
      'Szegedy et al. 2016, "Inception-v4, Inception-ResNet and the Impact of Residual Connections on Learning", arXiv:1602.07261, Figs. 3-9; layer names as timm inception_v4 (port of the TF-slim weights: 42.7 M params, 12.3 G MACs)',
    inputs: { image: { shape: [1, 3, 299, 299] } },
    layers,
  };
}

/** SqueezeNet 1.0 in torchvision's layout (the final 1x1 conv is the classifier; no FC). */
function squeezenet(): Doc {
  const fire = (i: number, input: string, squeeze: number, expand: number) => {
    const n = `features.${i}`;
    return [
      from(input, cv(`${n}.squeeze`, squeeze)),
      ...branches(n, `${n}.squeeze`, [[cv(`${n}.expand1x1`, expand)], [cv(`${n}.expand3x3`, expand, 3, 1, 1)]]),
    ];
  };
  const layers: LayerSpec[] = [
    cv('features.0', 96, 7, 2),
    ceilMaxpool('features.2', 109, 3, 2),
    ...fire(3, 'features.2', 16, 64),
    ...fire(4, 'features.3', 16, 64),
    ...fire(5, 'features.4', 32, 128),
    ceilMaxpool('features.6', 54, 3, 2),
    ...fire(7, 'features.6', 32, 128),
    ...fire(8, 'features.7', 48, 192),
    ...fire(9, 'features.8', 48, 192),
    ...fire(10, 'features.9', 64, 256),
    ceilMaxpool('features.11', 27, 3, 2),
    ...fire(12, 'features.11', 64, 256),
    cv('classifier.1', 1000),
    { type: 'avgpool', name: 'classifier.3', global: true },
    { type: 'flatten', name: 'flatten' },
  ];
  return {
    name: 'squeezenet',
    description:
      "SqueezeNet 1.0 (224x224, 1000 classes), torchvision layout: 7x7/2 conv 96, 8 Fire modules (1x1 squeeze, then 1x1 and 3x3 expand concatenated) with 3x3/2 max pools (ceil mode) after conv1, fire4 and fire8, 1x1 conv to 1000 classes, global avgpool. Conv biases as torchvision (no BN); ReLU fused. Version 1.0, not 1.1: Coral's benchmark does not say which, but the only SqueezeNet Google published as a TFLite model (hosted models, squeezenet_2018_04_27, 224x224), the likely source of Coral's, is v1.0 (as MACE's maintainers report in XiaoMi/mobile-ai-bench#17). v1.1 would have 0.35 G MACs, 2.4x fewer.",
    source:
      'Iandola et al. 2016, "SqueezeNet", arXiv:1602.07360, Table 1 (1,248,424 params); layer names as torchvision.models.squeezenet1_0 (0.82 G MACs at 224)',
    inputs: { image: { shape: [1, 3, 224, 224] } },
    layers,
  };
}

/** EfficientNet-EdgeTPU S/M/L as tensorflow/tpu's efficientnet_edgetpu_builder defines them (1001 classes). */
function efficientnetEdgeTpu(variant: 'S' | 'M' | 'L'): Doc {
  // (width, depth, resolution), efficientnet_edgetpu_params.
  const [width, depth, size] = { S: [1.0, 1.0, 224], M: [1.0, 1.1, 240], L: [1.2, 1.4, 300] }[variant];
  const filters = (c: number) => {
    if (width === 1) return c;
    const scaled = c * width;
    const rounded = Math.max(8, Math.floor((scaled + 4) / 8) * 8);
    return rounded < 0.9 * scaled ? rounded + 8 : rounded;
  };
  // (repeats, kernel, stride, expansion, in, out, fused), the builder's block strings; the first block has no skip.
  const stages: [number, number, number, number, number, number, boolean][] = [
    [1, 3, 1, 4, 24, 24, true],
    [2, 3, 2, 8, 24, 32, true],
    [4, 3, 2, 8, 32, 48, true],
    [5, 5, 2, 8, 48, 96, false],
    [4, 5, 1, 8, 96, 144, false],
    [2, 5, 2, 8, 144, 192, false],
  ];
  const layers: LayerSpec[] = [cv('stem', filters(32), 3, 2, 'same')];
  let prev = 'stem';
  let block = 0;
  for (const [repeats, kernel, s, t, cin, cout, fused] of stages) {
    for (let r = 0; r < Math.ceil(repeats * depth); r++) {
      const first = block === 0; // the builder's "noskip" block
      const b = `blocks_${block++}`;
      const inC = filters(r === 0 ? cin : cout);
      const outC = filters(cout);
      const stride = r === 0 ? s : 1;
      // The expanded width is the block's nominal input width times t, even where the stem feeds 32
      // channels into block 0's nominal 24.
      if (fused) layers.push(from(prev, cv(`${b}.fused`, inC * t, kernel, stride, 'same')));
      else {
        layers.push({ type: 'pointwise', name: `${b}.expand`, input: prev, outChannels: inC * t });
        layers.push({ type: 'depthwise', name: `${b}.depthwise`, kernel, stride, padding: 'same' });
      }
      layers.push({ type: 'pointwise', name: `${b}.project`, outChannels: outC });
      if (!first && stride === 1 && inC === outC) {
        layers.push({ type: 'add', name: `${b}.add`, inputs: [`${b}.project`, prev] });
        prev = `${b}.add`;
      } else prev = `${b}.project`;
    }
  }
  layers.push(from(prev, cv('head', filters(1280))), ...classifier(1001));
  const published = { S: '5.4 M params, 1.8 G MACs', M: '6.9 M params, 3.0 G MACs', L: '10.6 M params, 8.0 G MACs' }[variant];
  return {
    name: `efficientnet-edgetpu-${variant.toLowerCase()}`,
    description: `EfficientNet-EdgeTPU-${variant} (${size}x${size}, 1001 classes with background; width x${width}, depth x${depth} of the S base): 3x3/2 stem, fused MBConv blocks (a regular 3x3 conv expanding x4/x8, then 1x1 project) in the first three stages, MBConv blocks (1x1 expand x8, 5x5 depthwise, 1x1 project) in the last three, residual adds where the shape allows, 1x1 head conv, global avgpool, FC. No squeeze-excite; ReLU (fused); BN folded into conv biases; TF "same" padding.`,
    source: `Gupta & Tan 2019, Google AI blog "EfficientNet-EdgeTPU" and arXiv:2003.02838; blocks as tensorflow/tpu models/official/efficientnet/edgetpu/efficientnet_edgetpu_builder.py; totals as timm efficientnet_e${variant.toLowerCase()} (${published}, 1000 classes)`,
    inputs: { image: { shape: [1, 3, size, size] } },
    layers,
  };
}

/**
 * SSD's extra feature maps and box/class predictors (TF object detection API, COCO: 90 classes +
 * background, kernel-1 convolutional box predictor, 3 anchors on the first map and 6 on the rest,
 * 1917 in all at 300x300), on `features` (the two backbone maps) and 1x1 + 3x3/2 extra layers of
 * depth 512, 256, 256, 128.
 */
function ssdHead(features: [string, string]): LayerSpec[] {
  const classes = 91;
  const layers: LayerSpec[] = [];
  const maps: string[] = [...features];
  let prev = features[1];
  [512, 256, 256, 128].forEach((depth, i) => {
    const n = `${features[1]}_${i + 2}`;
    layers.push(from(prev, cv(`${n}_1x1_${depth / 2}`, depth / 2)));
    layers.push(cv(`${n}_3x3_s2_${depth}`, depth, 3, 2, 'same'));
    prev = `${n}_3x3_s2_${depth}`;
    maps.push(prev);
  });
  const boxes: string[] = [];
  const scores: string[] = [];
  maps.forEach((map, i) => {
    const anchors = i === 0 ? 3 : 6;
    for (const [kind, perAnchor, list] of [
      ['BoxEncodingPredictor', 4, boxes],
      ['ClassPredictor', classes, scores],
    ] as const) {
      const n = `BoxPredictor_${i}.${kind}`;
      // NHWC order, then one row per anchor, as the exported graph reshapes before concatenating.
      layers.push(
        { type: 'pointwise', name: n, input: map, outChannels: anchors * perAnchor },
        { type: 'transpose', name: `${n}.nhwc`, perm: [0, 2, 3, 1] },
        { type: 'reshape', name: `${n}.rows`, shape: [1, -1, perAnchor] },
      );
      list.push(`${n}.rows`);
    }
  });
  layers.push(
    { type: 'concat', name: 'raw_outputs.box_encodings', inputs: boxes, axis: 1 },
    { type: 'concat', name: 'concat_1', inputs: scores, axis: 1 },
    { type: 'activation', name: 'raw_outputs.class_predictions', function: 'sigmoid' },
  );
  return layers;
}

/** SSD MobileNet v1 (TF object detection API, as the quantized COCO model Coral compiles) at 300x300. */
function mobilenetSsdV1(): Doc {
  const layers: LayerSpec[] = [cv('Conv2d_0', 32, 3, 2, 'same')];
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
    layers.push({ type: 'depthwise', name: `Conv2d_${i + 1}_depthwise`, kernel: 3, stride, padding: 'same' });
    layers.push({ type: 'pointwise', name: `Conv2d_${i + 1}_pointwise`, outChannels: channels });
  });
  layers.push(...ssdHead(['Conv2d_11_pointwise', 'Conv2d_13_pointwise']));
  return {
    name: 'mobilenet-ssd-v1',
    description:
      'SSD MobileNet v1 (300x300, COCO 90 classes + background): MobileNetV1 1.0 (TF "same" padding) to Conv2d_13_pointwise, 4 extra feature layers (1x1 conv of half depth, then 3x3/2 conv of depth 512, 256, 256, 128) giving 19x19, 10x10, 5x5, 3x3, 2x2, 1x1 maps; on each, a 1x1 box conv (4 per anchor) and a 1x1 class conv (91 per anchor), 3 anchors on the 19x19 map and 6 elsewhere (1917 boxes), reshaped and concatenated, sigmoid on the scores. NMS (TFLite_Detection_PostProcess) is not a layer. 300x300, not the 224x224 of Coral\'s benchmark table: the model Coral ships (ssd_mobilenet_v1_coco_quant_postprocess_edgetpu) and the TF config it is trained from take 300x300. BN folded into conv biases; ReLU6 fused.',
    source:
      'Liu et al. 2016, "SSD", arXiv:1512.02325; Howard et al. 2017, "MobileNets", arXiv:1704.04861, Table 13 (SSD 300 MobileNet: 1.2 G mult-adds, 6.8 M params); layout as tensorflow/models research/object_detection ssd_mobilenet_v1_feature_extractor.py and samples/configs/ssd_mobilenet_v1_quantized_300x300_coco14_sync.config',
    inputs: { image: { shape: [1, 3, 300, 300] } },
    layers,
  };
}

/** SSD MobileNet v2 (TF object detection API, ssd_mobilenet_v2_quantized_300x300_coco) at 300x300. */
function mobilenetSsdV2(): Doc {
  const layers: LayerSpec[] = [cv('layer_1', 32, 3, 2, 'same')];
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
  let prev = 'layer_1';
  let index = 1;
  for (const [t, c, n, s] of settings) {
    for (let r = 0; r < n; r++) {
      const b = `layer_${++index}`;
      const stride = r === 0 ? s : 1;
      if (t !== 1) layers.push({ type: 'pointwise', name: `${b}.expand`, input: prev, outChannels: channels * t });
      layers.push({
        type: 'depthwise',
        name: `${b}.depthwise`,
        ...(t === 1 ? { input: prev } : {}),
        kernel: 3,
        stride,
        padding: 'same',
      });
      layers.push({ type: 'pointwise', name: `${b}.project`, outChannels: c });
      if (stride === 1 && channels === c) {
        layers.push({ type: 'add', name: `${b}.add`, inputs: [`${b}.project`, prev] });
        prev = `${b}.add`;
      } else prev = `${b}.project`;
      channels = c;
    }
  }
  layers.push(from(prev, cv('layer_19', 1280)));
  layers.push(...ssdHead(['layer_15.expand', 'layer_19']));
  return {
    name: 'mobilenet-ssd-v2',
    description:
      'SSD MobileNet v2 (300x300, COCO 90 classes + background): MobileNetV2 1.0 (TF "same" padding) to layer_19 (1x1 conv 1280), SSD maps from layer_15\'s expansion output (19x19x576) and layer_19 (10x10x1280), 4 extra feature layers (1x1 conv of half depth, then a regular 3x3/2 conv of depth 512, 256, 256, 128); on each of the 6 maps a 1x1 box conv (4 per anchor) and a 1x1 class conv (91 per anchor), 3 anchors on the first map and 6 elsewhere (1917 boxes), reshaped and concatenated, sigmoid on the scores. NMS is not a layer. 300x300, not the 224x224 of Coral\'s benchmark table: the model Coral ships (ssd_mobilenet_v2_coco_quant_postprocess_edgetpu) and its TF config take 300x300. BN folded into conv biases; ReLU6 fused.',
    source:
      'Liu et al. 2016, "SSD", arXiv:1512.02325; Sandler et al. 2018, "MobileNetV2", arXiv:1801.04381 (SSD on MobileNetV2); layout as tensorflow/models research/object_detection ssd_mobilenet_v2_feature_extractor.py and samples/configs/ssd_mobilenet_v2_quantized_300x300_coco.config (kernel-1 box predictor)',
    inputs: { image: { shape: [1, 3, 300, 300] } },
    layers,
  };
}

/**
 * The U-Net of TensorFlow's image segmentation tutorial (Coral's "Unet Mv2"): Keras MobileNetV2
 * encoder to block_16_project, pix2pix upsample decoder, 3 classes, at 128x128.
 */
function unetMobilenetV2(): Doc {
  const layers: LayerSpec[] = [cv('Conv1', 32, 3, 2, 'same')];
  // Keras MobileNetV2 blocks: (expansion, channels, repeats, first stride).
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
  let prev = 'Conv1';
  let block = 0;
  for (const [t, c, n, s] of settings) {
    for (let r = 0; r < n; r++) {
      const b = block === 0 ? 'expanded_conv' : `block_${block}`;
      block++;
      const stride = r === 0 ? s : 1;
      if (t !== 1) layers.push({ type: 'pointwise', name: `${b}_expand`, input: prev, outChannels: channels * t });
      layers.push({
        type: 'depthwise',
        name: `${b}_depthwise`,
        ...(t === 1 ? { input: prev } : {}),
        kernel: 3,
        stride,
        padding: 'same',
      });
      layers.push({ type: 'pointwise', name: `${b}_project`, outChannels: c });
      if (stride === 1 && channels === c) {
        layers.push({ type: 'add', name: `${b}_add`, inputs: [`${b}_project`, prev] });
        prev = `${b}_add`;
      } else prev = `${b}_project`;
      channels = c;
    }
  }
  // The tutorial taps block_16_project before its BN, so that conv has no bias.
  const last = layers[layers.length - 1];
  if (last.type === 'pointwise') last.bias = false;
  // Conv2DTranspose 3x3/2 "same" (no such layer type): a 3x3/1 conv at the input's resolution has
  // its weights and MACs (H·W·9·Cin·Cout), and two self-concats (width, then height) make the 2x map
  // (views, so the 2x map's write is charged at the conv's 1x size).
  const upsample = (n: string, input: string, out: number): LayerSpec[] => [
    from(input, cv(n, out, 3, 1, 1)),
    { type: 'concat', name: `${n}.repeat_w`, inputs: [n, n], axis: 3 },
    { type: 'concat', name: `${n}.repeat_h`, inputs: [`${n}.repeat_w`, `${n}.repeat_w`], axis: 2 },
  ];
  const skips = ['block_13_expand', 'block_6_expand', 'block_3_expand', 'block_1_expand'];
  prev = 'block_16_project';
  [512, 256, 128, 64].forEach((out, i) => {
    layers.push(...upsample(`up_stack.${i}`, prev, out));
    layers.push({ type: 'concat', name: `concat_${i}`, inputs: [`up_stack.${i}.repeat_h`, skips[i]] });
    prev = `concat_${i}`;
  });
  layers.push(...upsample('last', prev, 3));
  return {
    name: 'unet-mobilenetv2',
    description:
      "U-Net with a MobileNetV2 encoder (128x128 input, 3 classes), as TensorFlow's image segmentation tutorial builds it and Coral's \"Unet Mv2 (128x128)\" benchmarks: Keras MobileNetV2 1.0 up to block_16_project (4x4x320, tapped before its BN, so that conv has no bias); decoder of four pix2pix upsample steps (3x3/2 transposed conv to 512, 256, 128, 64 channels, BN, ReLU), each concatenated with the encoder's block_13/6/3/1 expand_relu output; a last 3x3/2 transposed conv to 3 classes at 128x128. Approximation: picojoule has no transposed-conv or upsampling layer, so each 3x3/2 transposed conv is a 3x3/1 conv at its input's resolution (the same weights and the same H*W*9*Cin*Cout MACs) followed by two concats of its output with itself (width, then height), which give the 2x map; a concat is a view, so the 2x map's write is charged at the conv's 1x output size. BN folded into conv biases; ReLU6/ReLU fused.",
    source:
      'Ronneberger et al. 2015, "U-Net", arXiv:1505.04597; Sandler et al. 2018, "MobileNetV2", arXiv:1801.04381; structure as tensorflow/docs site/en/tutorials/images/segmentation.ipynb (keras.applications.MobileNetV2 encoder, tensorflow_examples pix2pix.upsample decoder, OUTPUT_CLASSES = 3; model.summary() total 6,504,227 params, counting 4 per BN channel); layer names as Keras',
    inputs: { image: { shape: [1, 3, 128, 128] } },
    layers,
  };
}

/** MobileOne S0…S4 in its inference-time (re-parameterised) form, as apple/ml-mobileone reparameterize_model leaves it. */
function mobileone(variant: 0 | 1 | 2 | 3 | 4): Doc {
  // Width multipliers of stages 1-4, ml-mobileone PARAMS; S4 adds squeeze-excite to its last blocks.
  const widths = [
    [0.75, 1.0, 1.0, 2.0],
    [1.5, 1.5, 2.0, 2.5],
    [1.5, 2.0, 2.5, 4.0],
    [2.0, 2.5, 3.0, 4.0],
    [3.0, 3.5, 3.5, 4.0],
  ][variant];
  const useSe = variant === 4;
  const repeats = [2, 8, 10, 1];
  const stem = Math.min(64, Math.floor(64 * widths[0]));
  const layers: LayerSpec[] = [cv('stage0', stem, 3, 2, 1)];
  let channels = stem;
  let size = 112;
  /** Squeeze-excite on `x` ([1, C, H, W]): avgpool, 1x1 reduce (C/16) + ReLU, 1x1 expand + sigmoid, x * scale. */
  const se = (x: string): LayerSpec[] => {
    const hw = size * size;
    return [
      { type: 'avgpool', name: `${x}.se.pool`, input: `${x}.conv`, global: true },
      { type: 'pointwise', name: `${x}.se.reduce`, outChannels: Math.floor(channels * 0.0625) },
      { type: 'pointwise', name: `${x}.se.expand`, outChannels: channels },
      { type: 'activation', name: `${x}.se.sigmoid`, function: 'sigmoid' },
      // x * scale broadcast over H·W (add/mul do not broadcast): per channel, [H·W, 1] · [1, 1].
      { type: 'reshape', name: `${x}.se.rows`, input: `${x}.conv`, shape: [1, channels, hw, 1] },
      { type: 'matmul', name: `${x}.se.scale`, inputs: [`${x}.se.rows`, `${x}.se.sigmoid`] },
      { type: 'reshape', name: x, shape: [1, channels, size, size] },
    ];
  };
  let prev = 'stage0';
  repeats.forEach((n, s) => {
    const planes = Math.floor([64, 128, 256, 512][s] * widths[s]);
    const seBlocks = useSe ? (s === 2 ? 5 : s === 3 ? 1 : 0) : 0;
    for (let i = 0; i < n; i++) {
      const stride = i === 0 ? 2 : 1;
      if (stride === 2) size /= 2;
      const withSe = i >= n - seBlocks;
      const dw = `stage${s + 1}.${2 * i}`;
      const pw = `stage${s + 1}.${2 * i + 1}`;
      const conv = (name: string) => (withSe ? `${name}.conv` : name);
      layers.push({ type: 'depthwise', name: conv(dw), input: prev, kernel: 3, stride, padding: 1 });
      if (withSe) layers.push(...se(dw));
      layers.push({ type: 'pointwise', name: conv(pw), input: dw, outChannels: planes });
      channels = planes;
      if (withSe) layers.push(...se(pw));
      prev = pw;
    }
  });
  layers.push(
    { type: 'avgpool', name: 'gap', input: prev, global: true },
    { type: 'flatten', name: 'flatten' },
    { type: 'dense', name: 'linear', outFeatures: 1000 },
  );
  const published = [
    '2.1 M params, 275 M FLOPs (mult-adds), 0.79 ms',
    '4.8 M, 825 M, 0.89 ms',
    '7.8 M, 1299 M, 1.18 ms',
    '10.1 M, 1896 M, 1.53 ms',
    '14.8 M, 2978 M, 1.86 ms',
  ][variant];
  return {
    name: `mobileone-s${variant}`,
    description: `MobileOne-S${variant} (224x224, 1000 classes) in its inference-time form, every train-time branch (k over-parameterised 3x3/1x1 convs, scale and identity BN branches) re-parameterised into one conv with bias: 3x3/2 stem conv ${stem}, then stages of 2, 8, 10, 1 blocks, each a 3x3 depthwise conv and a 1x1 conv (widths ${repeats.map((_, s) => Math.floor([64, 128, 256, 512][s] * widths[s])).join(', ')}; the first block of a stage has stride 2), no residual adds, global avgpool, FC.${useSe ? ' S4 puts squeeze-excite (global avgpool, 1x1 to C/16 + ReLU, 1x1 to C + sigmoid, scale) on both convs of the last 5 blocks of stage 3 and the block of stage 4; the broadcast scale is a per-channel [H*W, 1] x [1, 1] matmul, since add/mul do not broadcast.' : ''} ReLU fused.`,
    source: `Vasu et al. 2023, "MobileOne: An Improved One millisecond Mobile Backbone", CVPR, arXiv:2206.04040 (S${variant}: ${published} on iPhone 12); widths and blocks as apple/ml-mobileone mobileone.py (PARAMS, reparameterize_model)`,
    inputs: { image: { shape: [1, 3, 224, 224] } },
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
const docs = [
  mobilenetV1(),
  mobilenetV2(),
  resnet(18),
  resnet(50),
  dsCnn(),
  bertBaseLayer(),
  tiny(),
  inceptionV1(),
  inceptionV3(299),
  inceptionV3(224),
  inceptionV4(),
  squeezenet(),
  efficientnetEdgeTpu('S'),
  efficientnetEdgeTpu('M'),
  efficientnetEdgeTpu('L'),
  mobilenetSsdV1(),
  mobilenetSsdV2(),
  unetMobilenetV2(),
  ...([0, 1, 2, 3, 4] as const).map(mobileone),
  distilbert(),
];
for (const doc of docs) {
  writeFileSync(join(outDir, `${doc.name}.json`), render(doc));
  console.log(`${doc.name}: ${doc.layers.length} layers`);
}
