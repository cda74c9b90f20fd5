/** What `typed-mlp --help`, `typed-mlp help COMMAND` and `typed-mlp COMMAND --help` print. */
import { HIDDEN_ACTIVATIONS } from '../activations/index.js';
import { HEAD_NAMES } from '../heads/index.js';
import { OPTIMIZERS } from '../optimizers/index.js';
import { SYNOPSES, type Command } from './args.js';
import { FIT_DEFAULTS } from './fit.js';

const d = FIT_DEFAULTS;

/** The sample CSV of fit's example: price ≈ 50 + 30·rooms − 0.8·age, and a text column. */
export const HOUSES_CSV = `  rooms,age,note,price
  3,12,"near the park, quiet",131.2
  5,40,,166.9
  4,3,corner plot,169.0`;

/** The sample CSV of predict's example: the feature columns by name, and one more that is ignored. */
export const NEW_HOUSES_CSV = `  id,age,rooms
  A1,25,4
  A2,8,6`;

const CSV_FORMAT = `CSV format (DATA):
  - the first row is the header: one name per column, every name non-empty and distinct;
  - fields are separated by commas; a field in double quotes may hold commas, line breaks and
    quotes written twice ("say ""hi"""); spaces around an unquoted field are dropped;
  - UTF-8, at most 64 MiB; LF, CRLF or CR line ends; blank lines are skipped; a byte-order
    mark is ignored;
  - every row has as many fields as the header (a ragged row is an error, never padded);
  - feature cells (and the targets of linear and sigmoid heads) are plain decimal numbers:
    12, -0.5, .5, 1e-3. Anything else is an error naming the row and the column: "" (empty),
    "abc", "1,5" (a decimal comma), "0x10", "NaN", "Infinity", "1e400". A value that is not a
    number never becomes one. Row 1 is the first row after the header.`;

const MODEL_FORMAT = `Model file (MODEL, written by fit --save): the library's saved network (JSON: "format":
"typed-mlp", "version": 1, "sizes", "activations", "layers" with each layer's weights and bias,
"inputScaler" when fit ran with --standardize: the mean and scale of each feature, taken from
the training rows only, and "targetScaler" when it also scaled the targets of a linear head: the
mean and scale of each target), plus the columns it was trained on:
  "features"  the feature column names, in input order (predict reads them by name)
  "targets"   the target column names
  "labels"    softmax with one target column only: the class names, in output order
It loads in code with loadModel(text), which returns the network and its scalers (inputScaler,
targetScaler) and ignores the three column keys.`;

export const FIT_HELP = `usage: typed-mlp fit DATA.csv --target COL [--target COL2 …] [options]

Trains a feed-forward network on the rows of a CSV file and saves it for \`typed-mlp predict\`.

Columns
  --target COL            the column to predict; repeat for several (required)
  --features a,b,c        the input columns, comma-separated; repeatable, and a value that is
                            exactly a column's name is that column ("weight, kg")
                            (default: every column that is not a target)
Network
  --layers 16,16          hidden layer sizes, comma-separated; "none" for no hidden layer
                            (default ${d.layers})
  --activation NAME       the hidden layers' activation, or one per hidden layer (tanh,relu)
                            ${HIDDEN_ACTIVATIONS.join(', ')} (default ${d.activation})
  --head NAME             ${HEAD_NAMES.join(', ')} (default ${d.head})
                            linear   regression: targets are any numbers; loss mean squared error
                            sigmoid  binary (or multi-label): targets in [0, 1], usually 0 or 1;
                                     binary cross-entropy
                            softmax  classes: one target column of class names or numbers (one-hot
                                     encoded; the names are saved), or several columns of
                                     probabilities that sum to 1; categorical cross-entropy
Training
  --optimizer NAME        ${Object.keys(OPTIMIZERS).join(', ')} (default ${d.optimizer})
  --lr X                  learning rate (default ${d.lr})
  --batch-size N          rows per step; larger than the data is one batch (default ${d.batchSize})
  --epochs N              passes over the training rows (default ${d.epochs})
  --validation-split F    the fraction of rows held out to validate, in [0, 1); a seeded shuffle,
                            stratified by class for sigmoid and softmax heads (default ${d.validationSplit})
  --seed N                seeds the initial weights, the split and the shuffle of every epoch: the
                            same seed gives the same model (default ${d.seed})
  --standardize           scale each feature to mean 0 and standard deviation 1, with the mean and
                            scale of the training rows only, and with a linear head each target too
                            (so that targets far from 0, such as prices in the hundreds, train on
                            the defaults). The scalers are saved in the model and predict applies
                            them: its values, and the loss, MAE and R² fit prints, are in the
                            targets' units
Output
  --save model.json       write the model (nothing is written unless training succeeds)
  --plot loss.svg         write the loss curve (training and validation loss per epoch) as SVG
  --json                  print one line of JSON instead of the text summary

Defaults: Keras's where Keras has one (Adam at lr 0.001, batches of 32, rows reshuffled every
epoch, biases on, validation_split 0). Keras's 1 epoch leaves a network untrained, so fit runs
${d.epochs}. Keras has no default for the layers or the head: fit takes two hidden layers of 16 ReLU
units and a linear head (a Dense layer without activation). Initial weights are the library's:
He-normal before relu, Glorot-uniform otherwise (Keras: Glorot-uniform everywhere), from --seed,
which has a default (Keras's is random) so that a run can be repeated. Unlike Keras's
validation_split (the last rows, unshuffled), the validation rows are a seeded random sample,
stratified for classifiers (as scikit-learn's train_test_split).

Output: on a terminal, a progress bar on stderr while it trains; then on stdout a short summary:
the rows used, the network, and the final loss with accuracy (classifiers) or MAE and R²
(regression) on the training and the validation rows. The loss is the head's: for a linear head
the mean squared error in the targets' units squared (with --standardize too: the predictions are
mapped back to the targets' units first), MAE in the targets' units; for sigmoid and softmax heads
the binary or categorical cross-entropy. With --json, one line of JSON instead:
  rows {train, validation}, features, targets, labels (softmax with class names), sizes,
  activations, head, settings {optimizer, lr, batchSize, epochs, validationSplit, seed,
  standardize}, classes {names, train, validation} (rows per class in each part; classifiers),
  train {loss, accuracy | mae, r2}, validation {…} (with --validation-split),
  history {loss, accuracy | mae, valLoss, valAccuracy | valMae} per epoch, saved, plot.
history and the --plot curve are what training minimized: with --standardize and a linear head,
of the standardized targets (so not in the targets' units, unlike train and validation).
Bad input exits 2 with one line on stderr naming the flag, row or column, and writes no file.

${CSV_FORMAT}

${MODEL_FORMAT}

Example:
  typed-mlp fit houses.csv --target price --features rooms,age --standardize \\
    --validation-split 0.2 --save house-model.json --plot loss.svg
where houses.csv is a header and one row per house (the note column is text: --features leaves
it out; without --features every column but the target would be a feature):
${HOUSES_CSV}
  …
Then, for new rows with the columns rooms and age (in any order; others are ignored):
  typed-mlp predict house-model.json new-houses.csv --out predictions.csv
For classes, a column of class names: --target species --head softmax.`;

export const PREDICT_HELP = `usage: typed-mlp predict MODEL.json DATA.csv [--out FILE.csv | --out FILE.json] [--json]

Predicts every row of DATA with a model saved by \`typed-mlp fit --save\`. The model's feature
columns are read by name (in any order; other columns are ignored; a missing one is an error),
its saved scaler is applied (--standardize), and the network's outputs are written:
  linear head    one column per target: the predicted value
  sigmoid head   per target T: T (the class, 0 or 1: 1 where p > 0.5) and p_T (the probability)
  softmax head   the target column (the predicted class name; with several target columns,
                 "class", the name of the most probable one) and p_NAME for each class
                 (its probability)

  --out FILE      write to FILE instead of stdout: CSV when it ends in .csv, JSON when in .json
                    (nothing is written if anything fails)
  --json          print JSON on stdout instead of CSV

CSV out has a header row, comma separators, LF line ends, and RFC 4180 quoting (a field with a
comma, a quote, a line break or edge spaces is quoted, quotes doubled); numbers at round-trip
precision. JSON out is one array with one object per row, keyed by the same column names.

${CSV_FORMAT}

${MODEL_FORMAT}

Example: with house-model.json written by fit (see typed-mlp help fit: a regression of price on
rooms and age) and new-houses.csv holding
${NEW_HOUSES_CSV}
  typed-mlp predict house-model.json new-houses.csv --out predictions.csv
writes predictions.csv: a header "price", then one predicted price per row, in the order of the
rows of new-houses.csv.`;

export const SUMMARY_HELP = `usage: typed-mlp summary MODEL.json [--json]

Prints a saved model: the network's layers (activation, output shape, weights, bias and parameter
count per layer, the totals and the head, as Keras's model.summary()), then the feature and target
columns, the class names (softmax) and the saved scaling (each feature's mean and scale, and each
target's when fit standardized them). A network saved by the library (saveNetwork) without the
column keys is shown too.

  --json          one line of JSON instead: sizes, activations, head, parameters, features,
                    targets, labels, inputScaler, targetScaler

${MODEL_FORMAT}

Example: the model of typed-mlp help fit's example
  typed-mlp summary house-model.json`;

/** What FILE of eval, train and gradcheck holds. */
const CASE_FORMAT = `FILE is a JSON object (unknown keys are ignored):
  "weights"      required: W_1 … W_L, each an array of rows; W_l is n_l × n_{l+1}
  "X"            required: N × n_1, an array of rows
  "Y"            required: N × K labels, rows or one flat list; they must fit the head:
                   sigmoid in [0, 1], softmax rows summing to 1, linear any finite numbers
  "biases"       optional: one entry per layer, a row of n_{l+1} numbers or null for a layer
                   without bias (default: no biases)
  "activations"  optional: one name per layer, hidden ones then the head, e.g. ["tanh", "linear"]
                   hidden: ${HIDDEN_ACTIVATIONS.join(', ')}
                   head: ${HEAD_NAMES.join(', ')} (softmax needs 2+ outputs)
                   (default: relu for every hidden layer, sigmoid head)
  "train"        optional: {"lr": X, "epochs": N, "weightDecay": L}; weightDecay ≥ 0 is L2 on the
                   weights only, never the biases (default 0); --lr, --epochs, --weight-decay
                   override them`;

/** What each of eval, train and gradcheck prints (one line of JSON, with these keys). */
const CASE_OUTPUT = {
  eval: `layerSizes, Xs, Zs, Yhat, predictions, loss, perSampleLoss, accuracy (classifier
             heads) or mae and r2 (linear head, whose predictions are Yhat), deltas, grads,
             and biasGrads (1×n rows, null per layer without bias) when FILE has biases`,
  train: `lr, epochs, weightDecay (when given), losses (losses[k] before update k),
             finalLoss, finalWeights, finalBiases (when FILE has biases), finalYhat,
             finalPredictions, finalAccuracy (classifier) or finalMae and finalR2 (linear)`,
  gradcheck: `maxAbsErr, maxRelErr, worst, eps`,
} as const;

/** The JSON case of the examples: XOR, a 2-3-1 network with a tanh hidden layer and a sigmoid head. */
export const XOR_JSON = `  {"weights": [[[0.1, 0.6, 0.3], [0.1, -0.2, 0.4]], [[-0.2], [1.1], [1.3]]],
   "biases": [[0, 0, 0], [0]],
   "activations": ["tanh", "sigmoid"],
   "X": [[0, 0], [0, 1], [1, 0], [1, 1]],
   "Y": [0, 1, 1, 0],
   "train": {"lr": 1, "epochs": 500}}`;

const CASE_HELP = {
  eval: `usage: typed-mlp eval FILE [--plot net.svg]

Runs the network of FILE forward on its X, and back: the activations of every layer, the loss
against Y, the deltas and the gradients, all as one line of JSON on stdout.

  --plot net.svg  also write a diagram of the network (its layers and weights) as SVG

${CASE_FORMAT}

Output is one line of JSON on stdout; bad input exits 2 with one line on stderr.
  eval       ${CASE_OUTPUT.eval}

Example: save this as xor.json
${XOR_JSON}
then
  typed-mlp eval xor.json --plot net.svg
prints {"layerSizes":[2,3,1],"Xs":[…],…,"loss":…,…} and writes net.svg.`,
  train: `usage: typed-mlp train FILE [--lr X] [--epochs N] [--weight-decay L] [--plot loss.svg]

Trains the network of FILE on its X and Y by full-batch gradient descent (every row at each
step), and prints the losses along the way and the trained network as one line of JSON.

  --lr X            the learning rate (> 0); overrides "train".lr of FILE (one of the two is needed)
  --epochs N        the number of steps, a positive integer; overrides "train".epochs (one of the
                      two is needed)
  --weight-decay L  L2 on the weights (≥ 0), never the biases; overrides "train".weightDecay
                      (default 0)
  --plot loss.svg   also write the loss curve as SVG

${CASE_FORMAT}

Output is one line of JSON on stdout; bad input exits 2 with one line on stderr.
  train      ${CASE_OUTPUT.train}

Example: save this as xor.json
${XOR_JSON}
then
  typed-mlp train xor.json --plot loss.svg
prints {"lr":1,"epochs":500,"losses":[…],"finalLoss":…,…,"finalAccuracy":1}: XOR learned.`,
  gradcheck: `usage: typed-mlp gradcheck FILE [--eps 1e-6]

Checks the network's gradients on FILE's X and Y: each one computed by backpropagation against
the central finite difference (L(w + eps) − L(w − eps)) / 2·eps, and prints the largest gaps.

  --eps X         the finite-difference step (> 0, default 1e-6)

${CASE_FORMAT}

Output is one line of JSON on stdout; bad input exits 2 with one line on stderr.
  gradcheck  ${CASE_OUTPUT.gradcheck}

Example: save this as xor.json
${XOR_JSON}
then
  typed-mlp gradcheck xor.json
prints {"eps":0.000001,"maxAbsErr":…,"maxRelErr":…,"worst":{…}}: here both errors are below 1e-8,
as they are when the gradients are right (worst names the weight with the largest gap).`,
} as const satisfies Record<'eval' | 'train' | 'gradcheck', string>;

/** What `typed-mlp --help` prints: every command, then the JSON FILE of eval, train and gradcheck. */
export const GENERAL_HELP = `${SYNOPSES.map(([usage, what], i) => `${i === 0 ? 'usage: ' : '       '}${usage.padEnd(52)}${usage.length > 52 ? '\n' + ' '.repeat(59) : ''}${what}`).join('\n')}

fit, predict and summary work on CSV files and saved models (see typed-mlp help fit); eval, train
and gradcheck on one JSON FILE, below (see typed-mlp help eval for an example).

${CASE_FORMAT}

Output is one line of JSON on stdout; bad input exits 2 with one line on stderr.
  eval       ${CASE_OUTPUT.eval}
  train      ${CASE_OUTPUT.train}
  gradcheck  ${CASE_OUTPUT.gradcheck}`;

/** The help of one command. */
export function commandHelp(command: Command): string {
  switch (command) {
    case 'fit':
      return FIT_HELP;
    case 'predict':
      return PREDICT_HELP;
    case 'summary':
      return SUMMARY_HELP;
    default:
      return CASE_HELP[command];
  }
}
