import type { InputSize, LayerShapes, OutputSize } from '../types/index.js';
import type { ClassifierHead, HeadName } from './heads/index.js';
import type { Matrix } from './matrix.js';

/**
 * The weight matrices of a network with sizes S, as a typed tuple:
 * `WeightsOf<[9, 6, 6, 1]>` is `[Matrix<9, 6>, Matrix<6, 6>, Matrix<6, 1>]`. Gradients have the same type.
 */
export type WeightsOf<S extends readonly number[]> = MatricesOf<LayerShapes<S>>;

type MatricesOf<P extends readonly (readonly [number, number])[]> = {
  -readonly [I in keyof P]: P[I] extends readonly [infer R extends number, infer C extends number] ? Matrix<R, C> : never;
};

/**
 * The bias rows of a network with sizes S: layer l's is a `Matrix<1, n_{l+1}>`, or null without bias.
 * `BiasesOf<[2, 3, 1]>` is `[Matrix<1, 3> | null, Matrix<1, 1> | null]`.
 */
export type BiasesOf<S extends readonly number[]> = S extends readonly [number, ...infer Rest extends number[]]
  ? { -readonly [I in keyof Rest]: Matrix<1, Rest[I]> | null }
  : (Matrix<1, number> | null)[];

/**
 * One N-row matrix per layer, each as wide as that layer's output: the type of Z_1 … Z_L and δ_1 … δ_L.
 * `PerLayer<[9, 6, 6, 1], 5>` is `[Matrix<5, 6>, Matrix<5, 6>, Matrix<5, 1>]`.
 */
export type PerLayer<S extends readonly number[], N extends number> = S extends readonly [number, ...infer Rest extends number[]]
  ? { -readonly [I in keyof Rest]: Matrix<N, Rest[I]> }
  : Matrix<N, number>[];

/** X_1 … X_L, each as wide as that layer's input: `LayerInputs<[9, 6, 6, 1], 5>` is `[Matrix<5, 9>, Matrix<5, 6>, Matrix<5, 6>]`. */
export type LayerInputs<S extends readonly number[], N extends number> = S extends readonly [...infer Init extends number[], number]
  ? { -readonly [I in keyof Init]: Matrix<N, Init[I]> }
  : Matrix<N, number>[];

/**
 * What `evaluate` scores besides the loss, by head: a classifier's accuracy, or a regression net's
 * mae (the mean |ŷ − y| over every entry) and r2 (sklearn `r2_score`, uniform average over outputs).
 */
export type HeadScores<H extends HeadName> = H extends ClassifierHead
  ? {
      /** The fraction of label entries (sigmoid) or rows (softmax) predicted right. */
      readonly accuracy: number;
    }
  : {
      /** (1/(N·K)) Σ |ŷ − y|. */
      readonly mae: number;
      /** Per output 1 − SS_res/SS_tot, averaged over outputs (an output with constant labels scores 1 if fit exactly, else 0). */
      readonly r2: number;
    };

/** Everything one forward and backward pass computes for a batch of N rows, with the head's scores. */
export type Evaluation<S extends readonly number[], N extends number, H extends HeadName = 'sigmoid'> = EvaluationCore<S, N> & HeadScores<H>;

/** What `evaluate` computes for every head. */
export interface EvaluationCore<S extends readonly number[], N extends number> {
  /** The layer sizes n_1 … n_{L+1} (a copy: changing it changes nothing). */
  readonly layerSizes: Readonly<S>;
  /** X_1 … X_L (X_1 is the batch). */
  readonly Xs: LayerInputs<S, N>;
  /** Z_1 … Z_L. */
  readonly Zs: PerLayer<S, N>;
  /** Ŷ, the head applied to Z_L (σ(Z_L), softmax(Z_L) or Z_L). */
  readonly Yhat: Matrix<N, OutputSize<S>>;
  /** The head's predictions: classes (sigmoid: 1 where Ŷ > 0.5, exactly 0.5 gives 0; softmax: one-hot), or Ŷ for linear. */
  readonly predictions: Matrix<N, OutputSize<S>>;
  /** J, the mean over rows of the per-row loss. */
  readonly loss: number;
  /** Each row's loss (summed over its outputs for sigmoid, averaged over them for linear). */
  readonly perSampleLoss: number[];
  /** δ_1 … δ_L. */
  readonly deltas: PerLayer<S, N>;
  /** ∂J/∂W_1 … ∂J/∂W_L. */
  readonly grads: WeightsOf<S>;
  /** ∂J/∂b_1 … ∂J/∂b_L (null for a layer without bias). */
  readonly biasGrads: BiasesOf<S>;
}

export type { InputSize, OutputSize };
