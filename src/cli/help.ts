/** What `typed-mlp --help`, `typed-mlp help COMMAND` and `typed-mlp COMMAND --help` print. */
import { HIDDEN_ACTIVATIONS } from '../activations/index.js';
import { HEAD_NAMES } from '../heads/index.js';
import { OPTIMIZERS } from '../optimizers/index.js';
import { CASE_COMMANDS, HELP, USAGE, type Command } from './args.js';
import { FIT_DEFAULTS } from './fit.js';

const d = FIT_DEFAULTS;

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
and "inputScaler" when fit ran with --standardize: the mean and scale of each feature, taken
from the training rows only), plus the columns it was trained on:
  "features"  the feature column names, in input order (predict reads them by name)
  "targets"   the target column names
  "labels"    softmax with one target column only: the class names, in output order
It loads in code with loadModel(text); loadModel ignores the three column keys.`;

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
                            scale of the training rows only; saved in the model, and predict applies it
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
(regression) on the training and the validation rows. With --json, one line of JSON instead:
  rows {train, validation}, features, targets, labels (softmax with class names), sizes,
  activations, head, settings {optimizer, lr, batchSize, epochs, validationSplit, seed,
  standardize}, classes {names, train, validation} (rows per class in each part; classifiers),
  train {loss, accuracy | mae, r2}, validation {…} (with --validation-split),
  history {loss, accuracy | mae, valLoss, valAccuracy | valMae} per epoch, saved, plot.
Bad input exits 2 with one line on stderr naming the flag, row or column, and writes no file.

${CSV_FORMAT}

${MODEL_FORMAT}

Example:
  typed-mlp fit iris.csv --target species --head softmax --layers 8 --epochs 200 \\
    --validation-split 0.2 --standardize --save iris-model.json --plot loss.svg
  typed-mlp predict iris-model.json new-flowers.csv --out predictions.csv`;

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

Example:
  typed-mlp predict iris-model.json new-flowers.csv --out predictions.csv`;

export const SUMMARY_HELP = `usage: typed-mlp summary MODEL.json [--json]

Prints a saved model: the network's layers (activation, output shape, weights, bias and parameter
count per layer, the totals and the head, as Keras's model.summary()), then the feature and target
columns, the class names (softmax) and the saved input scaling (each feature's mean and scale).
A network saved by the library (saveNetwork) without the column keys is shown too.

  --json          one line of JSON instead: sizes, activations, head, parameters, features,
                    targets, labels, inputScaler

${MODEL_FORMAT}

Example:
  typed-mlp summary iris-model.json`;

/** What `typed-mlp --help` prints: every command, then the JSON FILE of eval, train and gradcheck. */
export const GENERAL_HELP = `usage: typed-mlp fit DATA.csv --target COL [options]       train on a CSV file, save the model
       typed-mlp predict MODEL.json DATA.csv [--out FILE]  predict the rows of a CSV file
       typed-mlp summary MODEL.json                        the layers and columns of a saved model
${USAGE.replace('usage: ', '       ')}
       typed-mlp help COMMAND | typed-mlp COMMAND --help   a command's flags, defaults and formats
       typed-mlp --version

fit, predict and summary work on CSV files and saved models (see typed-mlp help fit); eval, train
and gradcheck on one JSON FILE, below.

${HELP}`;

/** The help of one command (eval, train and gradcheck share theirs). */
export function commandHelp(command: Command): string {
  if ((CASE_COMMANDS as readonly string[]).includes(command)) return HELP;
  return command === 'fit' ? FIT_HELP : command === 'predict' ? PREDICT_HELP : SUMMARY_HELP;
}
