#!/usr/bin/env python3
"""Independent NumPy reference for the metrics of SPEC sections 5 and 7 (typed-mlp), and the generator
of test/fixtures/metrics/metrics_reference.json, which test/metrics.test.ts reads.

Nothing here reads or imports the TypeScript code. sklearn is not installed, so its definitions are
written out below from its documentation and source (sklearn 1.5, sklearn/metrics/_classification.py and
_regression.py), following its own code paths rather than the TypeScript's:

    confusion_matrix(y_true, y_pred, labels=range(K))       C[t, p] = #rows with true t, predicted p
    precision_recall_fscore_support(..., zero_division=0)   from multilabel_confusion_matrix:
        tp_sum, pred_sum = tp + fp, true_sum = tp + fn      per label
        precision = tp_sum / pred_sum, recall = tp_sum / true_sum, 0 where the denominator is 0
        f1 = 2 tp_sum / (true_sum + pred_sum)               0 where true_sum + pred_sum = 0
        average='binary' -> the entry of pos_label=1; average='macro' -> the plain mean over the labels
    r2_score(multioutput='uniform_average', force_finite=True)
        per output 1 - SS_res / SS_tot; SS_tot about np.average(y_true, axis=0)
        SS_tot = 0: 1 if SS_res = 0 else 0; then the mean over outputs
    mean_absolute_error / root_mean_squared_error (multioutput='uniform_average')
        per output mean |d| / sqrt(mean d^2), then the mean over outputs

Where the library pins something sklearn does differently, the library's rule is used and noted:
  - macro averages run over every class 0..K-1 (sklearn's labels=range(K)), not only the classes seen;
  - multilabel accuracy is the fraction of entries right (the library's `accuracy`), not sklearn's
    subset accuracy (whole rows right);
  - a constant output in r2 is found by comparing its labels (SPEC 5: "labels all equal"), not by the float
    test SS_tot != 0, which the rounded mean breaks: [0.1, 0.1, 0.1] has mean 0.10000000000000002.
Sums use math.fsum (correctly rounded), so the reference does not depend on summation order.

Run from the repository root:
    python3 test/reference/metrics_reference.py          # (re)write the fixture deterministically
    python3 test/reference/metrics_reference.py --check  # print the cases, write nothing
"""

from __future__ import annotations

import json
import math
import os
import sys

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.normpath(os.path.join(HERE, "..", "fixtures", "metrics", "metrics_reference.json"))


# --- classification ------------------------------------------------------------------------------

def to_targets(y_true: np.ndarray, y_pred: np.ndarray, head: str):
    """sklearn-style targets: 1-D class vectors (binary, multiclass) or 0/1 indicator matrices (multilabel)."""
    k = y_true.shape[1]
    if head == "softmax":
        return "multiclass", np.argmax(y_true, axis=1), np.argmax(y_pred, axis=1), k  # argmax: first on ties
    assert np.all((y_true == 0) | (y_true == 1))
    t, p = y_true.astype(np.int64), (y_pred > 0.5).astype(np.int64)  # exactly 0.5 -> 0
    return ("binary", t[:, 0], p[:, 0], 2) if k == 1 else ("multilabel", t, p, k)


def confusion_matrix(t: np.ndarray, p: np.ndarray, n_labels: int) -> np.ndarray:
    return np.bincount(t * n_labels + p, minlength=n_labels * n_labels).reshape(n_labels, n_labels)


def label_sums(kind: str, t: np.ndarray, p: np.ndarray, n_labels: int):
    """tp_sum, pred_sum, true_sum per label, as sklearn's multilabel_confusion_matrix computes them."""
    if kind == "multilabel":
        return (t & p).sum(axis=0), p.sum(axis=0), t.sum(axis=0)
    tp = t == p
    return (np.bincount(t[tp], minlength=n_labels), np.bincount(p, minlength=n_labels), np.bincount(t, minlength=n_labels))


def divide(num: np.ndarray, den: np.ndarray) -> np.ndarray:
    out = np.zeros(len(num), dtype=np.float64)
    nz = den != 0
    out[nz] = num[nz] / den[nz]
    return out  # zero_division=0


def classification_case(name: str, head: str, y_true, y_pred) -> dict:
    yt, yp = np.asarray(y_true, dtype=np.float64), np.asarray(y_pred, dtype=np.float64)
    kind, t, p, n_labels = to_targets(yt, yp, head)
    tp_sum, pred_sum, true_sum = label_sums(kind, t, p, n_labels)
    prec, rec = divide(tp_sum, pred_sum), divide(tp_sum, true_sum)
    f = divide(2 * tp_sum, true_sum + pred_sum)
    pick = (lambda a: float(a[1])) if kind == "binary" else (lambda a: math.fsum(a) / len(a))
    if kind == "multilabel":
        confusion = [[[int(((t[:, j] == a) & (p[:, j] == b)).sum()) for b in (0, 1)] for a in (0, 1)] for j in range(n_labels)]
        accuracy = float((t == p).sum()) / t.size
    else:
        confusion = confusion_matrix(t, p, n_labels).tolist()
        accuracy = float((t == p).sum()) / len(t)
    expected = {"task": kind, "accuracy": accuracy, "precision": pick(prec), "recall": pick(rec), "f1": pick(f), "confusion": confusion}
    return {"name": name, "head": head, "y_true": yt.tolist(), "y_pred": yp.tolist(), "expected": expected}


def softmax_rows(z: np.ndarray) -> np.ndarray:
    e = np.exp(z - z.max(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)


def one_hot(classes, k: int) -> np.ndarray:
    return np.eye(k)[np.asarray(classes)]


def classification_cases(rng: np.random.Generator) -> list[dict]:
    cases = []
    yt = rng.integers(0, 2, size=(40, 1))
    yp = rng.uniform(size=(40, 1))
    yp[::7] = 0.5  # exactly 0.5 is class 0
    cases.append(classification_case("binary_random_40", "sigmoid", yt, yp))
    cases.append(classification_case("binary_no_positives", "sigmoid", np.zeros((5, 1)), rng.uniform(0, 0.5, size=(5, 1))))
    cases.append(classification_case("binary_never_predicts_positive", "sigmoid", [[1], [0], [1], [0]], [[0.1], [0.2], [0.5], [0.3]]))

    logits = rng.normal(size=(50, 4))
    logits[:, 3] -= 10  # class 3 is never predicted
    cases.append(classification_case("multiclass_class3_never_predicted", "softmax", one_hot(rng.integers(0, 4, 50), 4), softmax_rows(logits)))
    classes = rng.choice([0, 1, 3], size=30)  # class 2 is never a label, but is predicted
    cases.append(classification_case("multiclass_class2_never_present", "softmax", one_hot(classes, 4), softmax_rows(rng.normal(size=(30, 4)))))
    ties = np.array([[0.4, 0.4, 0.2], [0.3, 0.35, 0.35], [1 / 3, 1 / 3, 1 / 3], [0.1, 0.2, 0.7], [0.5, 0.25, 0.25]])
    cases.append(classification_case("multiclass_ties_first_wins", "softmax", one_hot([1, 2, 2, 2, 0], 3), ties))
    soft_labels = softmax_rows(rng.normal(size=(20, 5)))  # probability rows as labels: their argmax is the class
    cases.append(classification_case("multiclass_soft_labels", "softmax", soft_labels, softmax_rows(rng.normal(size=(20, 5)))))
    cases.append(classification_case("multiclass_perfect", "softmax", one_hot([0, 1, 2, 1], 3), one_hot([0, 1, 2, 1], 3) * 0.8 + 0.05))

    yt = rng.integers(0, 2, size=(30, 3))
    cases.append(classification_case("multilabel_random_30x3", "sigmoid", yt, rng.uniform(size=(30, 3))))
    yt = np.array([[1, 0, 0], [0, 0, 1], [1, 0, 1], [0, 0, 0]])  # column 1: no positives, none predicted
    yp = np.array([[0.9, 0.1, 0.2], [0.6, 0.4, 0.5], [0.2, 0.3, 0.8], [0.1, 0.0, 0.7]])
    cases.append(classification_case("multilabel_empty_column", "sigmoid", yt, yp))
    return cases


# --- regression ----------------------------------------------------------------------------------

def regression_case(name: str, y_true, y_pred) -> dict:
    yt, yp = np.asarray(y_true, dtype=np.float64), np.asarray(y_pred, dtype=np.float64)
    n, k = yt.shape
    mae, rmse, r2 = [], [], []
    for j in range(k):
        t, p = yt[:, j].tolist(), yp[:, j].tolist()
        mae.append(math.fsum(abs(a - b) for a, b in zip(p, t)) / n)
        ss_res = math.fsum((a - b) ** 2 for a, b in zip(t, p))
        rmse.append(math.sqrt(ss_res / n))
        mean = math.fsum(t) / n
        ss_tot = math.fsum((a - mean) ** 2 for a in t)
        constant = all(a == t[0] for a in t)
        r2.append((1.0 if ss_res == 0 else 0.0) if constant else 1.0 - ss_res / ss_tot)
    expected = {"mae": math.fsum(mae) / k, "rmse": math.fsum(rmse) / k, "r2": math.fsum(r2) / k,
                "global_rmse": math.sqrt(math.fsum(((yp - yt) ** 2).ravel().tolist()) / (n * k))}
    return {"name": name, "y_true": yt.tolist(), "y_pred": yp.tolist(), "expected": expected}


def regression_cases(rng: np.random.Generator) -> list[dict]:
    scales = np.array([1.0, 100.0, 0.01])
    yt = rng.normal(size=(25, 3)) * scales
    cases = [regression_case("reg_random_25x3_scales", yt, yt + rng.normal(size=(25, 3)) * scales * 0.5)]
    yt = rng.normal(size=(12, 1))
    cases.append(regression_case("reg_random_12x1", yt, yt + rng.normal(size=(12, 1))))
    # column 0 constant 0.1 and predicted off (0), column 1 constant and exact (1), column 2 ordinary
    yt = [[0.1, 7.0, 1.0], [0.1, 7.0, 2.0], [0.1, 7.0, 4.0]]
    yp = [[0.1, 7.0, 1.5], [0.2, 7.0, 2.0], [0.1, 7.0, 3.0]]
    cases.append(regression_case("reg_constant_columns", yt, yp))
    cases.append(regression_case("reg_one_row", [[1.0, 2.0]], [[1.0, 2.5]]))
    yt = rng.normal(size=(10, 2))
    cases.append(regression_case("reg_perfect", yt, yt))
    return cases


def main() -> None:
    rng = np.random.default_rng(20240607)
    data = {"classification": classification_cases(rng), "regression": regression_cases(rng)}
    for c in data["classification"] + data["regression"]:
        print(c["name"], json.dumps(c["expected"]) if "--check" in sys.argv else "")
    if "--check" in sys.argv:
        return
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    with open(OUT, "w") as fh:
        json.dump(data, fh, indent=1)
        fh.write("\n")
    print("wrote", os.path.relpath(OUT))


if __name__ == "__main__":
    main()
