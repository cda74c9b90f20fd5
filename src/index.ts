export { Matrix, matrix, zeros, fromArray, column } from './matrix.js';
export { matmul, transpose } from './ops/matmul.js';
export { withShape, assertCols } from './shape.js';
export {
  Network,
  fromWeights,
  withSizes,
  type TrainOptions,
  type TrainResult,
  type FitOptions,
  type FitHistory,
  type EpochLogs,
  type FromWeightsOptions,
  type Activation,
} from './network.js';
export type { Trainer } from './train/trainer.js';
export type { OptimizerSpec } from './train/optimizers.js';
export type { ProgressOptions, ProgressStream } from './train/progress.js';
export { kernelBackend, setKernelBackend, type KernelBackend } from './kernels/select.js';
export { network, NetworkBuilder, type NetworkOptions, type LayerOptions } from './builder.js';
export type { HiddenActivation, OutputActivation } from './layers/kinds.js';
export type { WeightsOf, BiasesOf, PerLayer, LayerInputs, Evaluation } from './network-types.js';
export type { GradCheck } from './gradcheck.js';
export { predictionsOf, accuracyOf } from './metrics.js';
export { bceWithLogits, softplus } from './loss.js';
export { sigmoid } from './layers/sigmoid.js';
export { mulberry32, normal, heNormal, glorotUniform } from './random.js';
export { TypedMlpError, ShapeError, ValueError, FormatError, InputError } from './errors.js';
export { saveNetwork, loadNetwork, DEFAULT_MAX_BYTES, type SavedNetwork, type LoadOptions } from './io/format.js';
export { toOnnx, type OnnxOptions } from './onnx/export.js';
export { lossCurveSvg, networkSvg, type LossHistory, type LossCurveOptions, type NetworkSvgOptions } from './plot/index.js';
export type * from '../types/index.js';
