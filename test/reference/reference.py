#!/usr/bin/env python3
"""Independent NumPy float64 reference for SPEC sections 1 and 5-6 (typed-mlp), and the generator of
the extra reference cases test/fixtures/gen_<name>.json (section 1) and
test/fixtures/model/gen_<name>.json (sections 5-6: biases, activations, heads, weight decay).

Nothing here reads or imports the TypeScript code. Run from the repository root:

    python3 test/reference/reference.py                # regenerate every gen_*.json deterministically
    python3 test/reference/reference.py --check        # only print the diagnostics, write nothing
    python3 test/reference/reference.py --out-dir D    # write D/gen_*.json and D/model/gen_*.json instead
    python3 test/reference/reference.py --validate F.. # compare this reference with model fixtures F..
                                                       # (max relative error per key), write nothing

Every run except --validate first reproduces the shared fixtures it can find (../shared/fixtures
relative to the repository root, its model/ folder, and test/fixtures) and fails if it disagrees
with them by more than 1e-12 relative.

Math, section 1 (no biases, ReLU hidden layers, sigmoid head; the default of everything below):
    X_1 = X,  Z_l = X_l W_l,  X_{l+1} = ReLU(Z_l),  Yhat = sigmoid(Z_L)
    J   = (1/N) sum_rows sum_outputs  y*softplus(-z) + (1-y)*softplus(z),  softplus(t) = log(1+e^t)
    delta_L = Yhat - Y,  delta_l = (delta_{l+1} W_{l+1}^T) * [Z_l > 0]   (ReLU'(0) = 0)
    dJ/dW_l = X_l^T delta_l / N
    prediction = 1 if Yhat > 0.5 else 0 (exactly 0.5 -> 0),  accuracy = mean over entries of (prediction == Y)
    full-batch SGD W_l <- W_l - lr dJ/dW_l; losses[k] = loss BEFORE update k, final_loss after the last.

Math, sections 5-6 (file keys "biases", "activations", "train.weightDecay"):
    Z_l = X_l W_l + b_l        b_l a row of n_{l+1} numbers, or no term at all for a layer whose bias is null
    X_{l+1} = f_l(Z_l)         f_l in relu, leakyRelu (z if z > 0 else 0.01 z), tanh, sigmoid, linear
    delta_l = (delta_{l+1} W_{l+1}^T) * f_l'(Z_l)
              relu' = [z > 0] (0 at 0); leakyRelu' = 1 if z > 0 else 0.01 (0.01 at 0);
              tanh' = sech^2 z = 4u/(1+u)^2, u = e^{-2|z|};  sigmoid' = e/(1+e)^2, e = e^{-|z|};  linear' = 1
    dJ/dW_l = X_l^T delta_l / N,   dJ/db_l = (1/N) sum_rows delta_l
              (bias_grads entries are written as 1 x n_{l+1} matrices and final_biases entries as rows,
              as in ../shared/fixtures/model; null for a layer without a bias)
    heads (Yhat, per-sample loss, delta_L); J is the mean over the N rows of the per-sample loss:
      sigmoid  Yhat = sigmoid(Z_L); sum_k y softplus(-z) + (1-y) softplus(z); Yhat - Y
               prediction 1 if Yhat > 0.5 else 0; accuracy = mean over all N*K entries of (prediction == Y)
      softmax  Yhat = softmax(Z_L) by row; -sum_k y_k log yhat_k with log yhat_k = (z_k - m) - log1p(t),
               m = max_k z_k, t = sum over k other than the (first) argmax of e^{z_k - m}, so it is finite
               even where yhat_k underflows to 0; Yhat - Y
               prediction = one-hot at the row's argmax of Yhat (the first on ties);
               accuracy = fraction of rows with argmax Yhat == argmax Y (first on ties, both)
      linear   Yhat = Z_L; (1/K) sum_k (yhat - y)^2; 2 (Yhat - Y) / K.  No predictions or accuracy, but
               mae = (1/(N K)) sum |yhat - y|,
               r2  = (1/K) sum_k r2_k, r2_k = 1 - SS_res/SS_tot (SS_tot about output k's mean label);
                     an output whose labels are all equal (exactly, as given) scores 1.0 if SS_res == 0,
                     else 0.0 (so a batch of ONE row scores 0 or 1, where sklearn would return NaN)
    full-batch SGD with weight decay lam (coupled, as PyTorch SGD(weight_decay=lam)):
      W_l <- W_l - lr (dJ/dW_l + lam W_l),  b_l <- b_l - lr dJ/db_l  (biases are never decayed);
      losses[k] = the data loss J BEFORE update k (no penalty term), final_* after the last update.

Matrix products use an exactly summed dot product (math.fsum of the float64 products), so the
reference does not depend on the BLAS build or on summation order: every entry of X·W is the
correctly rounded sum of the correctly rounded products. A bias enters that same sum as one more
term (X_l augmented with a column of ones, W_l with the row b_l), so Z_l = X_l W_l + b_l is rounded
once. Bias gradients are fsum column sums. Loss sums, mae and the r2 sums of squares are fsum too.
Every transcendental function is evaluated by Python's `math` (the C library, element by element),
never by NumPy's vectorised ufuncs, whose SIMD exp differs by an ulp between machines (on an AVX-512
host np.exp gave a result 1 ulp from the correctly rounded one and changed two section-1 fixtures).

Diagnostics (printed, not stored) say how well conditioned each case is for a 1e-9 relative
comparison against an implementation that sums naively: the worst sum|terms|/|result| of every
product (forward, backward, gradients, bias gradients), the smallest non-zero |Z| feeding a kink
(relu, leakyRelu), the amplification |Yhat|/|Yhat - Y| of delta_L, the distance of the
naive tanh' = 1 - tanh^2 and sigmoid' = s(1-s) from the exact forms, the r2 condition
sum|SS_res/SS_tot|/|r2|, and the margin of every prediction (|Yhat - 0.5| or the top-two gap).
For each model case the script also recomputes the whole case (eval and every training step) with
naive left-to-right matrix sums, bias added last, as a plain implementation would, and reports the
largest relative difference from the reference; and it checks the analytic gradients against
central differences of J. Model cases whose figures would make a 1e-9 comparison fragile (see
MAX_* below) are reported and make the script exit 1.
"""

from __future__ import annotations

import json
import math
import os
import sys
from fractions import Fraction

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", ".."))
FIXTURE_DIR = os.path.normpath(os.path.join(HERE, "..", "fixtures"))
MODEL_DIR_NAME = "model"
SHARED_DIRS = [os.path.normpath(os.path.join(ROOT, "..", "shared", "fixtures")), FIXTURE_DIR]

HIDDEN_ACTIVATIONS = ("relu", "leakyRelu", "tanh", "sigmoid", "linear", "softsign")
HEADS = ("sigmoid", "softmax", "linear")
LEAKY_SLOPE = 0.01


# ---------------------------------------------------------------------------------------------
# Primitives
# ---------------------------------------------------------------------------------------------

# "fsum" (the reference) or, for the sensitivity diagnostic only, "naive": a plain left-to-right
# loop, as an implementation without compensated summation computes it.
MATMUL_MODE = "fsum"


def matmul(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """a (n×k) · b (k×m) in float64, each entry an exactly summed (fsum) dot product."""
    a = np.asarray(a, dtype=np.float64)
    b = np.asarray(b, dtype=np.float64)
    assert a.ndim == 2 and b.ndim == 2 and a.shape[1] == b.shape[0], (a.shape, b.shape)
    out = np.empty((a.shape[0], b.shape[1]), dtype=np.float64)
    if MATMUL_MODE == "naive":
        for i in range(a.shape[0]):
            for j in range(b.shape[1]):
                s = 0.0
                for p, q in zip(a[i, :].tolist(), b[:, j].tolist()):
                    s += p * q
                out[i, j] = s
        return out
    for i in range(a.shape[0]):
        for j in range(b.shape[1]):
            out[i, j] = math.fsum(a[i, :] * b[:, j])
    return out


def cancellation(a: np.ndarray, b: np.ndarray, c: np.ndarray) -> float:
    """max over entries of sum|a_ik b_kj| / |c_ij| (c = a·b): how much a naive sum may lose.

    Entries that are exactly zero with all-zero terms are skipped; an exact zero from cancelling
    non-zero terms counts as infinite (those are flagged unless every product is exact)."""
    absum = np.abs(a) @ np.abs(b)
    worst = 1.0
    for i in range(c.shape[0]):
        for j in range(c.shape[1]):
            if absum[i, j] == 0.0:
                continue
            if c[i, j] == 0.0:
                if robust_zero(a[i, :], b[:, j]):
                    continue  # exact zero in every summation order we care about
                return math.inf
            worst = max(worst, absum[i, j] / abs(c[i, j]))
    return worst


def robust_zero(x: np.ndarray, y: np.ndarray) -> bool:
    """True when every product x_k*y_k is exact in float64, the products sum to exactly 0, and the
    naive left-to-right float sum (as a plain loop would compute it) is 0 too."""
    total = Fraction(0)
    naive = 0.0
    for p, q in zip(x.tolist(), y.tolist()):
        prod = p * q
        if Fraction(prod) != Fraction(p) * Fraction(q):
            return False
        total += Fraction(prod)
        naive += prod
    return total == 0 and naive == 0.0


def emap(f, a) -> np.ndarray:
    """Applies the scalar function f (a `math` function) to every entry, keeping the shape."""
    a = np.asarray(a, dtype=np.float64)
    return np.array([f(t) for t in a.ravel().tolist()], dtype=np.float64).reshape(a.shape)


def sigmoid(z: np.ndarray) -> np.ndarray:
    """Overflow-free logistic: uses e^{-|z|} only (libm exp, element by element)."""
    z = np.asarray(z, dtype=np.float64)
    e = emap(lambda t: math.exp(-abs(t)), z)
    return np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


def _softplus1(t: float) -> float:
    """log(1 + e^t), the same formula as numpy.logaddexp(0, t), with libm exp/log1p."""
    if t == 0.0:
        return math.log(2.0)
    if t < 0.0:
        return math.log1p(math.exp(t))
    if t > 0.0:
        return t + math.log1p(math.exp(-t))
    return t  # NaN


def softplus(t: np.ndarray) -> np.ndarray:
    return emap(_softplus1, t)


def relu(z: np.ndarray) -> np.ndarray:
    return np.where(z > 0, z, 0.0)


def relu_grad(z: np.ndarray) -> np.ndarray:
    return (z > 0).astype(np.float64)  # ReLU'(0) = 0


def _sech2(t: float) -> float:
    u = math.exp(-2.0 * abs(t))  # 2|t| is exact; no overflow for any t
    return 4.0 * u / ((1.0 + u) * (1.0 + u))


def _sigmoid_grad1(t: float) -> float:
    e = math.exp(-abs(t))
    return e / ((1.0 + e) * (1.0 + e))


def activate(name: str, z: np.ndarray) -> np.ndarray:
    if name == "relu":
        return relu(z)
    if name == "leakyRelu":
        return np.where(z > 0, z, LEAKY_SLOPE * z)
    if name == "tanh":
        return emap(math.tanh, z)
    if name == "sigmoid":
        return sigmoid(z)
    if name == "linear":
        return np.array(z, dtype=np.float64, copy=True)
    if name == "softsign":
        return emap(lambda v: v / (1.0 + abs(v)), z)  # z / (1 + |z|)
    raise ValueError(f"unknown activation {name!r}")


def activation_grad(name: str, z: np.ndarray) -> np.ndarray:
    """f'(z), each in a form without cancellation (the exact derivative, correctly rounded to a few ulp)."""
    if name == "relu":
        return relu_grad(z)
    if name == "leakyRelu":
        return np.where(z > 0, 1.0, LEAKY_SLOPE)  # leakyRelu'(0) = 0.01
    if name == "tanh":
        return emap(_sech2, z)
    if name == "sigmoid":
        return emap(_sigmoid_grad1, z)
    if name == "linear":
        return np.ones_like(np.asarray(z, dtype=np.float64))
    if name == "softsign":
        return emap(lambda v: 1.0 / ((1.0 + abs(v)) * (1.0 + abs(v))), z)  # 1 / (1 + |z|)^2
    raise ValueError(f"unknown activation {name!r}")


def naive_activation_grad(name: str, z: np.ndarray):
    """The derivative as a plain implementation computes it from f(z) (diagnostic only)."""
    if name == "tanh":
        a = emap(math.tanh, z)
        return 1.0 - a * a
    if name == "sigmoid":
        s = sigmoid(z)
        return s * (1.0 - s)
    return None


def softmax_rows(Z: np.ndarray):
    """Row-wise softmax and log-softmax, stable: m = max, t = sum of e^{z_k-m} over the k other than
    the first argmax (whose term is exactly 1), Yhat_k = e^{z_k-m}/(1+t), log Yhat_k = (z_k-m) - log1p(t)."""
    Yhat = np.empty_like(Z)
    logp = np.empty_like(Z)
    for i in range(Z.shape[0]):
        z = Z[i, :].tolist()
        j_star = int(np.argmax(Z[i, :]))
        m = z[j_star]
        shifted = [zk - m for zk in z]
        ez = [math.exp(s) for s in shifted]
        t = math.fsum(e for k, e in enumerate(ez) if k != j_star)
        denom = 1.0 + t
        l1p = math.log1p(t)
        for k in range(len(z)):
            Yhat[i, k] = ez[k] / denom
            logp[i, k] = shifted[k] - l1p
    return Yhat, logp


def as_labels(Y, n: int, k: int) -> np.ndarray:
    """Y reshaped explicitly to N×K (a flat list is accepted); never broadcast."""
    y = np.asarray(Y, dtype=np.float64)
    assert y.size == n * k, f"Y has {y.size} entries, expected {n}×{k}"
    return y.reshape(n, k)


def regression_metrics(Yhat: np.ndarray, Y: np.ndarray, diag: dict | None = None):
    """mae over all entries and sklearn-style r2 (uniform average over outputs), fsum everywhere.
    An output whose labels are all exactly equal scores 1.0 if SS_res == 0 else 0.0 (SPEC)."""
    N, K = Y.shape
    resid = Yhat - Y
    mae = math.fsum(np.abs(resid).ravel().tolist()) / (N * K)
    r2s = []
    cond = 1.0  # relative error amplification of 1 - SS_res/SS_tot, then of the average
    for k in range(K):
        y = Y[:, k]
        ss_res = math.fsum((resid[:, k] ** 2).tolist())
        if np.all(y == y[0]):
            r2s.append(1.0 if ss_res == 0.0 else 0.0)
            continue
        mean = math.fsum(y.tolist()) / N
        ss_tot = math.fsum(((y - mean) ** 2).tolist())
        r2k = 1.0 - ss_res / ss_tot
        cond = max(cond, math.inf if r2k == 0.0 else (ss_res / ss_tot) / abs(r2k))
        r2s.append(r2k)
    r2 = math.fsum(r2s) / K
    if r2 != 0.0:
        cond = max(cond, math.fsum(abs(v) for v in r2s) / abs(r2))
    elif any(v != 0.0 for v in r2s):
        cond = math.inf
    if diag is not None:
        diag["r2_cond"] = max(diag.get("r2_cond", 1.0), cond)
    return float(mae), float(r2)


# ---------------------------------------------------------------------------------------------
# Forward / loss / backward
# ---------------------------------------------------------------------------------------------

def _norm_model(Ws, biases, activations):
    L = len(Ws)
    acts = list(activations) if activations is not None else ["relu"] * (L - 1) + ["sigmoid"]
    assert len(acts) == L, f"{len(acts)} activations for {L} layers"
    for a in acts[:-1]:
        assert a in HIDDEN_ACTIVATIONS, f"unknown hidden activation {a!r}"
    assert acts[-1] in HEADS, f"unknown head {acts[-1]!r}"
    if acts[-1] == "softmax":
        assert Ws[-1].shape[1] >= 2, "softmax needs K >= 2"
    if biases is None:
        bs = [None] * L
    else:
        assert len(biases) == L, f"{len(biases)} bias entries for {L} layers"
        bs = []
        for l, b in enumerate(biases):
            if b is None:
                bs.append(None)
                continue
            b = np.asarray(b, dtype=np.float64).reshape(-1)
            assert b.shape[0] == Ws[l].shape[1], f"biases[{l}] has {b.shape[0]} entries, layer gives {Ws[l].shape[1]}"
            bs.append(b)
    return bs, acts


def _check_labels(head: str, Y: np.ndarray):
    assert np.all(np.isfinite(Y)), "labels must be finite"
    if head == "sigmoid":
        assert np.all((Y >= 0) & (Y <= 1)), "sigmoid labels must be in [0, 1]"
    elif head == "softmax":
        assert np.all(Y >= 0), "softmax labels must be non-negative"
        for row in Y:
            assert math.fsum(row.tolist()) == 1.0, f"softmax label row {row.tolist()} is not on the simplex"


def evaluate(weights, X, Y, diag: dict | None = None, biases=None, activations=None) -> dict:
    """Forward, loss, backward for one batch. With biases=None and activations=None this is SPEC
    section 1 exactly (the code path that produced test/fixtures/gen_*.json)."""
    Ws = [np.asarray(w, dtype=np.float64) for w in weights]
    X = np.asarray(X, dtype=np.float64)
    N = X.shape[0]
    K = Ws[-1].shape[1]
    Y = as_labels(Y, N, K)
    for l in range(1, len(Ws)):
        assert Ws[l].shape[0] == Ws[l - 1].shape[1], "weights do not chain"
    assert X.shape[1] == Ws[0].shape[0]
    bs, acts = _norm_model(Ws, biases, activations)
    head = acts[-1]
    _check_labels(head, Y)
    ones = np.ones((N, 1), dtype=np.float64)

    L = len(Ws)
    Xs, Zs = [X], []
    for l, W in enumerate(Ws):
        if bs[l] is None:
            A, B = Xs[-1], W
        else:  # the bias is one more term of the same exactly rounded sum
            A, B = np.hstack([Xs[-1], ones]), np.vstack([W, bs[l][None, :]])
        Z = matmul(A, B)
        if diag is not None:
            diag["cancel_fwd"] = max(diag.get("cancel_fwd", 1.0), cancellation(A, B, Z))
            if l < L - 1 and acts[l] in ("relu", "leakyRelu"):
                nz = np.abs(Z[Z != 0.0])
                if nz.size:
                    diag["min_abs_hidden_z"] = min(diag.get("min_abs_hidden_z", math.inf), float(nz.min()))
            if l < L - 1:
                naive = naive_activation_grad(acts[l], Z)
                if naive is not None:
                    exact = activation_grad(acts[l], Z)
                    rel = np.abs(naive - exact) / exact
                    diag["act_grad_naive_rel"] = max(diag.get("act_grad_naive_rel", 0.0), float(rel.max()))
        Zs.append(Z)
        if l < L - 1:
            Xs.append(activate(acts[l], Z))
    ZL = Zs[-1]

    out_extra = {}
    if head == "sigmoid":
        Yhat = sigmoid(ZL)
        elem = Y * softplus(-ZL) + (1.0 - Y) * softplus(ZL)
        per_sample = np.array([math.fsum(row) for row in elem], dtype=np.float64)
        dL = Yhat - Y
        pred = (Yhat > 0.5).astype(np.int64)
        accuracy = float(np.mean(pred == Y))
        if diag is not None:
            off = np.abs(Yhat[Yhat != 0.5] - 0.5)
            if off.size:
                diag["pred_margin"] = min(diag.get("pred_margin", math.inf), float(off.min()) / 0.5)
    elif head == "softmax":
        Yhat, logp = softmax_rows(ZL)
        per_sample = np.array([-math.fsum((Y[i] * logp[i]).tolist()) + 0.0 for i in range(N)], dtype=np.float64)  # + 0.0: no -0.0
        dL = Yhat - Y
        arg = np.argmax(Yhat, axis=1)  # first on ties
        pred = np.zeros((N, K), dtype=np.int64)
        pred[np.arange(N), arg] = 1
        accuracy = float(np.mean(arg == np.argmax(Y, axis=1)))
        if diag is not None:
            for i in range(N):
                srt = np.sort(Yhat[i])[::-1]
                if srt[0] != srt[1]:  # exact ties are deliberate (first-on-ties rule) and robust
                    diag["pred_margin"] = min(diag.get("pred_margin", math.inf), float((srt[0] - srt[1]) / srt[0]))
            ysrt = np.sort(Y, axis=1)[:, ::-1]
            assert np.all(ysrt[:, 0] != ysrt[:, 1]), "a softmax label row has a tied argmax"
    else:  # linear
        Yhat = np.array(ZL, copy=True)
        resid = Yhat - Y
        per_sample = np.array([math.fsum((row ** 2).tolist()) / K for row in resid], dtype=np.float64)
        dL = 2.0 * resid / K
        pred = Yhat
        accuracy = None
        mae, r2 = regression_metrics(Yhat, Y, diag)
        out_extra = {"mae": mae, "r2": r2}
    loss = math.fsum(per_sample) / N
    if diag is not None:
        d = Yhat - Y
        nz = d != 0.0
        if np.any(nz):
            amp = float(np.max(np.abs(Yhat[nz]) / np.abs(d[nz])))
            diag["cancel_delta_L"] = max(diag.get("cancel_delta_L", 1.0), amp)

    deltas = [None] * L
    deltas[L - 1] = dL
    for l in range(L - 2, -1, -1):
        back = matmul(deltas[l + 1], Ws[l + 1].T)
        if diag is not None:
            diag["cancel_bwd"] = max(diag.get("cancel_bwd", 1.0), cancellation(deltas[l + 1], Ws[l + 1].T, back))
        deltas[l] = back * activation_grad(acts[l], Zs[l])  # relu: multiplying by the 0/1 mask (may give -0.0)
    grads = []
    bias_grads = []
    for l in range(L):
        g = matmul(Xs[l].T, deltas[l])
        if diag is not None:
            diag["cancel_grad"] = max(diag.get("cancel_grad", 1.0), cancellation(Xs[l].T, deltas[l], g))
        grads.append(g / N)
        if bs[l] is None:
            bias_grads.append(None)
        else:
            gb = matmul(ones.T, deltas[l])
            if diag is not None:
                diag["cancel_grad"] = max(diag.get("cancel_grad", 1.0), cancellation(ones.T, deltas[l], gb))
            bias_grads.append(gb / N)

    half_rows = [int(i) for i in range(N) if np.any(Yhat[i] == 0.5)] if head == "sigmoid" else []
    return {
        "layer_sizes": [int(Ws[0].shape[0])] + [int(W.shape[1]) for W in Ws],
        "head": head,
        "Xs": Xs,
        "Zs": Zs,
        "Yhat": Yhat,
        "predictions": pred,
        "rows_with_Yhat_exactly_half": half_rows,
        "loss": float(loss),
        "per_sample_loss": per_sample,
        "accuracy": accuracy,
        **out_extra,
        "deltas": deltas,
        "grads": grads,
        "bias_grads": bias_grads,
        "_weights": Ws,
        "_biases": bs,
    }


SECTION1_EVAL_KEYS = ["layer_sizes", "Xs", "Zs", "Yhat", "predictions", "rows_with_Yhat_exactly_half",
                      "loss", "per_sample_loss", "accuracy", "deltas", "grads"]


def train(weights, X, Y, lr: float, epochs: int, diag: dict | None = None, biases=None, activations=None,
          weight_decay: float = 0.0, full: bool = False) -> dict:
    """Full-batch SGD. Weight decay is coupled (PyTorch SGD(weight_decay)): the weights step along
    dJ/dW + lam·W, the biases along dJ/db alone. losses[k] is the data loss before update k.
    full=False returns the section-1 result dict (the format of test/fixtures/gen_*.json)."""
    Ws = [np.array(w, dtype=np.float64) for w in weights]
    bs, _ = _norm_model(Ws, biases, activations)
    bs = [None if b is None else np.array(b, dtype=np.float64) for b in bs]
    losses = []
    for _ in range(epochs):
        ev = evaluate(Ws, X, Y, diag, bs, activations)
        losses.append(ev["loss"])
        if weight_decay:
            Ws = [W - lr * (g + weight_decay * W) for W, g in zip(Ws, ev["grads"])]
        else:
            Ws = [W - lr * g for W, g in zip(Ws, ev["grads"])]
        bs = [None if b is None else b - lr * gb[0] for b, gb in zip(bs, ev["bias_grads"])]
    final = evaluate(Ws, X, Y, diag, bs, activations)
    if not full:
        return {
            "lr": lr,
            "epochs": epochs,
            "losses": losses,
            "final_loss": final["loss"],
            "final_weights": Ws,
            "final_Yhat": final["Yhat"],
            "final_predictions": final["predictions"],
            "final_accuracy": final["accuracy"],
        }
    return {"losses": losses, "final": final, "final_weights": Ws, "final_biases": bs}


# ---------------------------------------------------------------------------------------------
# Fixture writing
# ---------------------------------------------------------------------------------------------

def to_json(v):
    if isinstance(v, np.ndarray):
        return v.tolist()
    if isinstance(v, (list, tuple)):
        return [to_json(x) for x in v]
    if isinstance(v, dict):
        return {k: to_json(x) for k, x in v.items()}
    if isinstance(v, np.generic):
        return v.item()
    return v


def make_fixture(name, description, weights, X, Y, lr, epochs, out_dir=FIXTURE_DIR, write=True) -> dict:
    """SECTION 1: computes expected/expected_train and writes out_dir/gen_<name>.json (same format as
    the shared fixtures, without gradcheck/provenance). Returns the fixture dict plus diagnostics."""
    weights = [np.asarray(w, dtype=np.float64) for w in weights]
    X = np.asarray(X, dtype=np.float64)
    Y_file = np.asarray(Y, dtype=np.float64)  # kept in the file as given (may be flat)
    diag_eval: dict = {}
    full = evaluate(weights, X, Y_file, diag_eval)
    ev = {k: full[k] for k in SECTION1_EVAL_KEYS}
    diag_train: dict = {}
    tr = train(weights, X, Y_file, lr, epochs, diag_train)
    fixture = {
        "name": name,
        "description": description,
        "layer_sizes": ev["layer_sizes"],
        "weights": weights,
        "X": X,
        "Y": Y_file,
        "train": {"lr": lr, "epochs": epochs},
        "expected": ev,
        "expected_train": tr,
    }
    fixture = to_json(fixture)
    text = json.dumps(fixture, allow_nan=False)
    path = os.path.join(out_dir, f"gen_{name}.json")
    if write:
        with open(path, "w") as f:
            f.write(text + "\n")
    return {"fixture": fixture, "path": path, "bytes": len(text) + 1, "diag_eval": diag_eval, "diag_train": diag_train}


def model_expected(ev: dict, has_biases: bool) -> dict:
    """The `expected` block of a model fixture (keys of ../shared/fixtures/model, plus Xs and, for a
    classifier head, predictions and accuracy)."""
    out = {"layer_sizes": ev["layer_sizes"], "Xs": ev["Xs"], "Zs": ev["Zs"], "Yhat": ev["Yhat"]}
    if ev["head"] != "linear":
        out["predictions"] = ev["predictions"]
        out["accuracy"] = ev["accuracy"]
    out.update(loss=ev["loss"], per_sample_loss=ev["per_sample_loss"], deltas=ev["deltas"], grads=ev["grads"])
    if has_biases:
        out["bias_grads"] = ev["bias_grads"]
    if ev["head"] == "linear":
        out["mae"] = ev["mae"]
        out["r2"] = ev["r2"]
    return out


def model_expected_train(tr: dict, has_biases: bool) -> dict:
    final = tr["final"]
    out = {"losses": tr["losses"], "final_loss": final["loss"], "final_weights": tr["final_weights"]}
    if has_biases:
        out["final_biases"] = tr["final_biases"]
    out["final_Yhat"] = final["Yhat"]
    if final["head"] == "linear":
        out["final_mae"] = final["mae"]
        out["final_r2"] = final["r2"]
    else:
        out["final_predictions"] = final["predictions"]
        out["final_accuracy"] = final["accuracy"]
    return out


def make_model_fixture(c: dict, out_dir: str, write=True) -> dict:
    """SECTIONS 5-6: writes out_dir/gen_<name>.json for the case dict c (name, description, weights,
    optional biases / activations / weight_decay, X, Y, lr, epochs). A key that is None is left out
    of the file, so the CLI's defaults apply."""
    weights = [np.asarray(w, dtype=np.float64) for w in c["weights"]]
    biases = c.get("biases")
    if biases is not None:
        biases = [None if b is None else np.asarray(b, dtype=np.float64).reshape(-1) for b in biases]
    acts = c.get("activations")
    wd = c.get("weight_decay")
    X = np.asarray(c["X"], dtype=np.float64)
    Y_file = np.asarray(c["Y"], dtype=np.float64)
    has_b = biases is not None
    diag_eval: dict = {}
    ev = evaluate(weights, X, Y_file, diag_eval, biases, acts)
    diag_train: dict = {}
    tr = train(weights, X, Y_file, c["lr"], c["epochs"], diag_train, biases, acts, wd or 0.0, full=True)
    fixture = {"name": c["name"], "description": c["description"], "weights": weights}
    if has_b:
        fixture["biases"] = biases
    if acts is not None:
        fixture["activations"] = list(acts)
    fixture.update(X=X, Y=Y_file)
    fixture["train"] = {"lr": c["lr"], "epochs": c["epochs"]}
    if wd is not None:
        fixture["train"]["weightDecay"] = wd
    fixture["expected"] = model_expected(ev, has_b)
    fixture["expected_train"] = model_expected_train(tr, has_b)
    fixture = to_json(fixture)
    text = json.dumps(fixture, allow_nan=False)
    path = os.path.join(out_dir, f"gen_{c['name']}.json")
    if write:
        os.makedirs(out_dir, exist_ok=True)
        with open(path, "w") as f:
            f.write(text + "\n")
    return {"fixture": fixture, "path": path, "bytes": len(text) + 1, "diag_eval": diag_eval, "diag_train": diag_train}
# ---------------------------------------------------------------------------------------------
# The generated cases
# ---------------------------------------------------------------------------------------------

def glorot(rng: np.random.Generator, sizes) -> list:
    return [rng.uniform(-1, 1, (a, b)) * math.sqrt(6.0 / (a + b)) for a, b in zip(sizes[:-1], sizes[1:])]


def cases():
    out = []

    # 1. Deeper net: 6 weight layers.
    rng = np.random.default_rng(5876541)
    sizes = [5, 8, 7, 6, 5, 4, 1]
    W = [np.round(w, 6) for w in glorot(rng, sizes)]
    X = np.round(rng.uniform(-1, 1, (7, 5)), 6)
    Y = rng.integers(0, 2, (7, 1)).astype(np.float64)
    out.append(dict(
        name="deep_5_8_7_6_5_4_1_batch7",
        description="Deeper net 5-8-7-6-5-4-1 (6 weight layers), batch 7. Glorot-uniform weights and "
                    "X ~ U(-1,1) (numpy default_rng(5876541)), rounded to 6 decimals; random 0/1 labels.",
        weights=W, X=X, Y=Y, lr=0.3, epochs=150))

    # 2. Batch of one row.
    rng = np.random.default_rng(451)
    W = [np.round(w, 6) for w in glorot(rng, [4, 5, 1])]
    W[0][:, 0] = np.abs(W[0][:, 0])  # make sure at least one hidden unit is active for the row
    X = np.array([[0.7, 0.2, 0.9, 0.4]])
    Y = np.array([[1.0]])
    out.append(dict(
        name="batch1_4_5_1",
        description="A batch of ONE row: 4-5-1, X is 1×4, label 1. Glorot-uniform weights (numpy "
                    "default_rng(451)) rounded to 6 decimals, first hidden column made non-negative.",
        weights=W, X=X, Y=Y, lr=0.5, epochs=50))

    # 3. Saturated logits: single layer 2-1, W = [[1],[1]], Z_L exactly ±800 and ±40.
    W = [np.array([[1.0], [1.0]])]
    X = np.array([[800.0, 0.0], [800.0, 0.0], [-800.0, 0.0], [-800.0, 0.0], [800.0, 0.0], [-800.0, 0.0],
                  [0.0, 40.0], [0.0, 40.0], [0.0, -40.0], [0.0, -40.0]])
    Y = np.array([[0.0], [1.0], [0.0], [1.0], [1.0], [0.0], [0.0], [1.0], [0.0], [1.0]])
    out.append(dict(
        name="saturated_2_1",
        description="Saturated logits: single-layer 2-1 net with W = [[1],[1]], so Z_L is exactly "
                    "+800, +800, -800, -800, +800, -800, +40, +40, -40, -40 with labels 0,1,0,1,1,0,0,1,0,1. The "
                    "naive log(sigmoid) loss is inf/NaN here; the stable softplus form gives 800, 0, 0, 800, "
                    "0, 0, 40, 4.25e-18, 4.25e-18, 40 per row. sigmoid(±800) must not overflow (it is "
                    "exactly 1.0 and 0.0 in float64). After 5 steps Z is still ±160 and ±38.",
        weights=W, X=X, Y=Y, lr=0.001, epochs=5))

    # 4. ReLU input exactly 0 for non-zero rows (exact cancellation, all products exact).
    W1 = np.array([[0.5, 1.0, -0.75, 0.3],
                   [-0.5, -2.0, 0.75, 0.6]])
    W2 = np.array([[0.8], [-1.1], [0.9], [0.7]])
    X = np.array([[1.0, 1.0], [2.0, 2.0], [-2.0, -1.0], [-4.0, -2.0], [-1.0, -1.0],
                  [0.5, 1.5], [-1.0, 0.5], [0.0, 0.0]])
    Y = np.array([[1.0], [0.0], [1.0], [0.0], [1.0], [1.0], [0.0], [1.0]])
    out.append(dict(
        name="relu_zero_2_4_1",
        description="Hidden pre-activations exactly 0.0 for non-zero rows, pinning ReLU'(0) = 0: unit 0 "
                    "has w = [0.5, -0.5] (Z = 0 on rows [1,1], [2,2], [-1,-1] and negative elsewhere, so "
                    "it never trains: its gradient column stays exactly 0 through training), unit 1 "
                    "w = [1, -2] (Z = 0 on [-2,-1], [-4,-2]), unit 2 w = [-0.75, 0.75] (Z = 0 on the "
                    "diagonal rows). Every product is exact in float64. Row [0,0] gives Yhat = 0.5 "
                    "exactly, prediction 0.",
        weights=[W1, W2], X=X, Y=Y, lr=0.1, epochs=20))

    # 5. Three outputs.
    rng = np.random.default_rng(343)
    W = [np.round(w, 6) for w in glorot(rng, [3, 4, 3])]
    X = np.round(rng.uniform(-1, 1, (6, 3)), 6)
    Y = rng.integers(0, 2, (6, 3)).astype(np.float64)
    out.append(dict(
        name="multi_output_3_4_3",
        description="K = 3 outputs: 3-4-3 net, batch 6, Y an N×3 0/1 matrix (accuracy is the mean over "
                    "all N×K entries). Glorot-uniform weights and X ~ U(-1,1) (numpy default_rng(343)), "
                    "rounded to 6 decimals.",
        weights=W, X=X, Y=Y, lr=0.2, epochs=30))

    # 6. Flat Y for a K = 1 net.
    rng = np.random.default_rng(3141)
    W = [np.round(w, 6) for w in glorot(rng, [3, 4, 1])]
    X = np.round(rng.uniform(-1, 1, (5, 3)), 6)
    Y = np.array([0.0, 1.0, 1.0, 0.0, 1.0])
    out.append(dict(
        name="flat_y_3_4_1",
        description="Y stored FLAT ([0,1,1,0,1]) for a K = 1 net 3-4-1, batch 5; expected values use Y "
                    "reshaped to 5×1 (a broadcast 5×5 would be wrong). Glorot-uniform weights and "
                    "X ~ U(-1,1) (numpy default_rng(3141)), rounded to 6 decimals.",
        weights=W, X=X, Y=Y, lr=0.2, epochs=40))
    return out


# ---------------------------------------------------------------------------------------------
# The generated model cases (SPEC sections 5-6), written to test/fixtures/model/gen_<name>.json
# ---------------------------------------------------------------------------------------------

def _r6(a):
    return np.round(np.asarray(a, dtype=np.float64), 6)


def _net(seed: int, sizes, bias_layers, n_rows: int, bias_scale: float = 0.3):
    """Glorot-uniform weights, U(-bias_scale, bias_scale) biases for the layers in bias_layers (None
    elsewhere) and X ~ U(-1, 1), all from default_rng(seed) and rounded to 6 decimals."""
    rng = np.random.default_rng(seed)
    W = [_r6(w) for w in glorot(rng, sizes)]
    b = [_r6(rng.uniform(-bias_scale, bias_scale, n)) if l in bias_layers else None
         for l, n in enumerate(sizes[1:])]
    X = _r6(rng.uniform(-1, 1, (n_rows, sizes[0])))
    return rng, W, b, X


def _one_hot(classes, k):
    Y = np.zeros((len(classes), k))
    Y[np.arange(len(classes)), classes] = 1.0
    return Y


def model_cases():
    out = []

    # 1. Multi-output regression, tanh hidden, biases on both layers.
    rng, W, b, X = _net(61001, [4, 6, 3], {0, 1}, 8)
    Y = _r6(np.stack([np.sin(2 * X[:, 0]) + X[:, 1], X[:, 2] * X[:, 3] - 0.5, 1.5 * X[:, 0] - X[:, 3] ** 2], axis=1))
    out.append(dict(
        name="reg_multi_4_6_3_tanh_bias",
        description="Multi-output regression K = 3: 4-6-3, tanh hidden, linear head (MSE over all N*K "
                    "entries, delta_L = (2/K)(Yhat - Y)), biases on both layers, batch 8. Glorot-uniform "
                    "weights, U(-0.3,0.3) biases, X ~ U(-1,1) (numpy default_rng(61001)), targets "
                    "[sin(2x0)+x1, x2*x3-0.5, 1.5x0-x3^2], all rounded to 6 decimals.",
        weights=W, biases=b, activations=["tanh", "linear"], X=X, Y=Y, lr=0.05, epochs=40))

    # 2. Regression, batch of one, large targets.
    rng, W, b, X = _net(61002, [3, 5, 2], {0, 1}, 1)
    X = np.array([[1.5, -2.0, 0.5]])
    Y = np.array([[1250.0, -870.5]])
    out.append(dict(
        name="reg_batch1_large_3_5_2_linear_bias",
        description="Regression with a batch of ONE row and large targets (1250, -870.5): 3-5-2, linear "
                    "hidden layer with bias, linear head with bias. Every output of a single row has "
                    "all-equal labels, so by SPEC r2 scores 0 for it unless SS_res = 0 (sklearn would "
                    "return NaN for fewer than two samples): r2 and final_r2 are 0.0. Glorot-uniform "
                    "weights, U(-0.3,0.3) biases (numpy default_rng(61002)), rounded to 6 decimals.",
        weights=W, biases=b, activations=["linear", "linear"], X=X, Y=Y, lr=5e-5, epochs=30))

    # 3. Regression with constant outputs: one fitted exactly (r2_k = 1), one not (r2_k = 0).
    rng, W, b, X = _net(61003, [3, 5, 3], {1}, 8)
    W[1][:, 1] = 0.0
    b[1][1] = 0.0
    Y = np.stack([_r6(X[:, 0] - 2 * X[:, 1] * X[:, 2]), np.zeros(8), np.full(8, -2.5)], axis=1)
    out.append(dict(
        name="reg_const_outputs_3_5_3_relu",
        description="Regression with constant label columns, the r2 edge: 3-5-3, relu hidden WITHOUT bias "
                    "(biases[0] = null), linear head with bias. Output 0 is x0 - 2 x1 x2; output 1 is "
                    "constantly 0 and its weight column and bias are exactly 0, so Yhat[:,1] = 0 exactly, "
                    "its delta and gradient column are 0 and it stays exact through training (r2_1 = 1); "
                    "output 2 is constantly -2.5 and not fitted exactly (r2_2 = 0). r2 = (r2_0 + 1 + 0)/3. "
                    "Glorot-uniform weights, U(-0.3,0.3) biases, X ~ U(-1,1) (numpy default_rng(61003)), "
                    "rounded to 6 decimals.",
        weights=W, biases=b, activations=["relu", "linear"], X=X, Y=Y, lr=0.05, epochs=40))

    # 4. All targets constant, a net that cannot fit them (no biases, a zero input row).
    rng, W, _, X = _net(61004, [2, 4, 2], set(), 6)
    X[3] = 0.0
    Y = np.tile([0.75, -1.25], (6, 1))
    out.append(dict(
        name="reg_all_const_2_4_2_linear_nobias",
        description="Regression whose labels are ALL constant (0.75 and -1.25 in every row): 2-4-2, linear "
                    "hidden layer, linear head, no biases (no \"biases\" key). Row 3 of X is all zeros, so its "
                    "Yhat is exactly 0 and the net can never fit: every output scores r2 = 0 (SS_tot = 0, "
                    "SS_res > 0), r2 = final_r2 = 0.0. Glorot-uniform weights and X ~ U(-1,1) (numpy "
                    "default_rng(61004)), rounded to 6 decimals.",
        weights=W, biases=None, activations=["linear", "linear"], X=X, Y=Y, lr=0.1, epochs=30))

    # 5. Regression with weight decay, sigmoid hidden.
    rng, W, b, X = _net(61005, [3, 6, 1], {0, 1}, 10)
    Y = _r6(np.tanh(X[:, [0]] - X[:, [1]]) + 0.5 * X[:, [2]] + 0.2)
    out.append(dict(
        name="reg_wd_3_6_1_sigmoid_bias",
        description="Regression with weight decay 0.05 (coupled, PyTorch SGD(weight_decay): weights step "
                    "along dJ/dW + 0.05 W, biases never decayed; losses are the data loss only): 3-6-1, "
                    "sigmoid hidden, linear head, biases on both layers, batch 10. Glorot-uniform weights, "
                    "U(-0.3,0.3) biases, X ~ U(-1,1) (numpy default_rng(61005)), targets "
                    "tanh(x0 - x1) + 0.5 x2 + 0.2, rounded to 6 decimals.",
        weights=W, biases=b, activations=["sigmoid", "linear"], X=X, Y=Y, lr=0.2, epochs=50,
        weight_decay=0.05))

    # 6. Softmax K = 3 with weight decay and biases.
    rng, W, b, X = _net(61006, [4, 6, 3], {0, 1}, 9)
    cls = np.array([0, 1, 2, 2, 1, 0, 1, 2, 0])
    Y = _one_hot(cls, 3)
    out.append(dict(
        name="softmax3_wd_4_6_3_leaky_bias",
        description="Softmax head K = 3 (categorical cross-entropy, delta_L = Yhat - Y) with weight decay "
                    "0.01 and biases on both layers: 4-6-3, leakyRelu hidden (slope 0.01), batch 9, one-hot "
                    "labels. Glorot-uniform weights, U(-0.3,0.3) biases, X ~ U(-1,1) (numpy "
                    "default_rng(61006)), rounded to 6 decimals.",
        weights=W, biases=b, activations=["leakyRelu", "softmax"], X=X, Y=Y, lr=0.5, epochs=40,
        weight_decay=0.01))

    # 7. Softmax K = 2 without biases, one soft label row.
    rng, W, _, X = _net(61007, [3, 5, 2], set(), 7)
    Y = _one_hot([0, 1, 1, 0, 1, 0, 1], 2)
    Y[4] = [0.25, 0.75]
    out.append(dict(
        name="softmax2_nobias_3_5_2_tanh",
        description="Softmax head with K = 2, no biases (no \"biases\" key): 3-5-2, tanh hidden, batch 7. "
                    "Labels one-hot except row 4 = [0.25, 0.75] (a soft label on the simplex; its loss "
                    "is -0.25 log yhat_0 - 0.75 log yhat_1 and accuracy compares argmax Y = 1). "
                    "Glorot-uniform weights and X ~ U(-1,1) (numpy default_rng(61007)), rounded to 6 "
                    "decimals.",
        weights=W, biases=None, activations=["tanh", "softmax"], X=X, Y=Y, lr=0.5, epochs=40))

    # 8. Sigmoid multi-output K = 2 with leakyRelu (hidden layer without bias), weight decay.
    rng, W, b, X = _net(61008, [3, 5, 2], {1}, 8)
    Y = np.array([[1, 0], [0, 0], [1, 1], [0, 1], [1, 0], [0, 1], [1, 1], [0, 0]], dtype=np.float64)
    out.append(dict(
        name="sigmoid_multi_3_5_2_leaky_wd",
        description="Sigmoid head with K = 2 outputs (binary cross-entropy per output, accuracy the mean over "
                    "all N*K entries): 3-5-2, leakyRelu hidden WITHOUT bias (biases[0] = null), head with "
                    "bias, weight decay 0.02, batch 8. Glorot-uniform weights, U(-0.3,0.3) biases, "
                    "X ~ U(-1,1) (numpy default_rng(61008)), rounded to 6 decimals.",
        weights=W, biases=b, activations=["leakyRelu", "sigmoid"], X=X, Y=Y, lr=0.5, epochs=40,
        weight_decay=0.02))

    # 9. Hidden Z exactly 0 in a relu and in a leakyRelu layer (integer data, exact products).
    X = np.array([[1, 1], [2, 1], [0, 1], [1, 0], [-1, 2], [3, -1]], dtype=np.float64)
    W1 = np.array([[1, 2, -1, 1], [-1, 1, 2, 1]], dtype=np.float64)
    b1 = np.array([0, -3, 1, -1], dtype=np.float64)
    W2 = np.array([[1, 2, -1], [-1, -1, 1], [0, 1, 0], [-2, -2, 1]], dtype=np.float64)
    W3 = np.array([[0.5], [-0.25], [0.75]])
    b3 = np.array([-0.5])
    Y = np.array([[1], [0], [1], [1], [0], [1]], dtype=np.float64)
    out.append(dict(
        name="zero_z_2_4_3_1_relu_leaky",
        description="Hidden pre-activations exactly 0 from cancelling non-zero integer terms, pinning "
                    "relu'(0) = 0 and leakyRelu'(0) = 0.01: 2-4-3-1 with relu (bias [0,-3,1,-1]), leakyRelu "
                    "(no bias, biases[1] = null), sigmoid head (bias [-0.5]); integer X and hidden weights, "
                    "so every product is exact. Z_1 = 0 at (0,0) [1-1], (0,1) [2+1-3], (3,2) [-1+1], "
                    "(2,3), (3,3), (4,3); Z_2 = 0 at (0,1) [2-2] and (5,0) [4-2-2] and, from all-zero "
                    "terms, (2,0), (2,2), (4,0), (4,2).",
        weights=[W1, W2, W3], biases=[b1, None, b3], activations=["relu", "leakyRelu", "sigmoid"],
        X=X, Y=Y, lr=0.1, epochs=10, gradcheck=False))

    # 10. Deep: 4 weight layers, mixed activations, softmax head.
    rng, W, b, X = _net(61210, [3, 6, 5, 4, 3], {0, 1, 3}, 8)
    Y = _one_hot([2, 0, 1, 1, 0, 2, 2, 1], 3)
    out.append(dict(
        name="deep_3_6_5_4_3_mixed",
        description="Deep net, 4 weight layers 3-6-5-4-3: leakyRelu (bias), tanh (bias), sigmoid (NO bias, "
                    "biases[2] = null), softmax head (bias), weight decay 0.001, batch 8, one-hot labels. "
                    "Glorot-uniform weights, U(-0.3,0.3) biases, X ~ U(-1,1) (numpy default_rng(61210)), "
                    "rounded to 6 decimals.",
        weights=W, biases=b, activations=["leakyRelu", "tanh", "sigmoid", "softmax"], X=X, Y=Y,
        lr=0.5, epochs=40, weight_decay=0.001))

    # 11. Softmax with saturated logits (single layer), and an exact three-way tie.
    W = [np.array([[1.0, 0.0, -1.0], [0.0, 1.0, 0.0], [0.0, 0.0, 1.0]])]
    X = np.array([[800.0, 0.0, 0.0], [800.0, 0.0, 0.0], [800.0, 0.0, 0.0], [0.0, 0.0, 0.0],
                  [0.0, 30.0, 0.0], [0.0, 0.0, 0.0], [1.0, 0.0, 1.0]])
    Y = _one_hot([0, 1, 2, 0, 0, 2, 1], 3)
    out.append(dict(
        name="softmax3_saturated_3_3",
        description="Softmax with saturated logits, single layer 3-3, no biases: rows 0-2 have Z = [800, 0, "
                    "-800] with labels 0, 1, 2 (per-sample loss 0, 800, 1600: log yhat must come from "
                    "log-sum-exp, yhat_2 is exactly 0 in float64); row 4 has Z = [0, 30, 0] with label 0; "
                    "rows 3 and 5 are all-zero inputs, so Z = [0, 0, 0], Yhat = 1/3 each, an exact tie "
                    "whose prediction is the FIRST class (row 3, label 0, counts as correct; row 5, label 2, "
                    "does not), and they stay exact ties through training.",
        weights=W, biases=None, activations=["softmax"], X=X, Y=Y, lr=1e-4, epochs=5))

    # 12. Default activations (no "activations" key) with biases.
    rng, W, b, X = _net(61512, [2, 5, 1], {0, 1}, 6)
    Y = np.array([0, 1, 1, 0, 1, 0], dtype=np.float64)
    out.append(dict(
        name="defaults_bias_2_5_1",
        description="Biases on both layers and NO \"activations\" key, so the defaults apply (relu hidden, "
                    "sigmoid head): 2-5-1, batch 6, flat Y. Glorot-uniform weights, U(-0.3,0.3) biases, "
                    "X ~ U(-1,1) (numpy default_rng(61512)), rounded to 6 decimals.",
        weights=W, biases=b, activations=None, X=X, Y=Y, lr=0.5, epochs=30))

    # 13. Regression: sigmoid (no bias) -> tanh (bias) -> linear head (no bias).
    rng, W, b, X = _net(61013, [2, 5, 4, 1], {1}, 9)
    Y = _r6(X[:, [0]] ** 2 - X[:, [1]])
    out.append(dict(
        name="reg_2_5_4_1_sigmoid_tanh_headnobias",
        description="Regression 2-5-4-1: sigmoid hidden WITHOUT bias, tanh hidden with bias, linear head "
                    "WITHOUT bias (biases = [null, b, null]), batch 9, targets x0^2 - x1. Glorot-uniform "
                    "weights, U(-0.3,0.3) biases, X ~ U(-1,1) (numpy default_rng(61013)), rounded to 6 "
                    "decimals.",
        weights=W, biases=b, activations=["sigmoid", "tanh", "linear"], X=X, Y=Y, lr=0.1, epochs=50))

    # 14. relu (bias) -> linear (bias) -> softmax head (no bias).
    rng, W, b, X = _net(61614, [4, 5, 4, 3], {0, 1}, 8)
    Y = _one_hot([1, 2, 0, 0, 1, 2, 1, 0], 3)
    out.append(dict(
        name="softmax3_relu_linear_bias_4_5_4_3",
        description="Softmax head K = 3 WITHOUT bias after relu (bias) and linear (bias) hidden layers: "
                    "4-5-4-3, biases = [b, b, null], batch 8. Glorot-uniform weights, U(-0.3,0.3) biases, "
                    "X ~ U(-1,1) (numpy default_rng(61614)), rounded to 6 decimals.",
        weights=W, biases=b, activations=["relu", "linear", "softmax"], X=X, Y=Y, lr=0.3, epochs=40))

    # 15. softsign (bias) -> tanh (no bias) -> linear head K = 2 (bias), weight decay.
    rng, W, b, X = _net(61715, [3, 6, 4, 2], {0, 2}, 7)
    Y = np.round(rng.uniform(-2.0, 2.0, size=(7, 2)), 6)
    out.append(dict(
        name="reg_softsign_tanh_wd_3_6_4_2",
        description="Regression K = 2 after a softsign hidden layer (z/(1+|z|), bias) and tanh (no bias): "
                    "3-6-4-2, biases = [b, null, b], batch 7, weight decay 0.01. Glorot-uniform weights, "
                    "U(-0.3,0.3) biases, X ~ U(-1,1), Y ~ U(-2,2) (numpy default_rng(61715)), rounded to 6 decimals.",
        weights=W, biases=b, activations=["softsign", "tanh", "linear"], X=X, Y=Y, lr=0.05, epochs=40,
        weight_decay=0.01))
    return out
# ---------------------------------------------------------------------------------------------
# Checks
# ---------------------------------------------------------------------------------------------

def _rel(a: float, e: float) -> float:
    if a == e:
        return 0.0
    if not (math.isfinite(a) and math.isfinite(e)):
        return math.inf
    return abs(a - e) / max(abs(a), abs(e))


def max_rel(actual, expected) -> float:
    """Max relative error over the leaves of two nested lists / numbers (None must match None;
    a 1×n matrix and a flat row of n count as the same shape)."""
    if expected is None or actual is None:
        return 0.0 if expected is None and actual is None else math.inf
    if isinstance(expected, (list, tuple)) or isinstance(actual, (list, tuple)):
        if not (isinstance(expected, (list, tuple)) and isinstance(actual, (list, tuple))):
            return math.inf
        if len(expected) == 1 and isinstance(expected[0], list) and not (actual and isinstance(actual[0], list)):
            expected = expected[0]
        if len(actual) == 1 and isinstance(actual[0], list) and not (expected and isinstance(expected[0], list)):
            actual = actual[0]
        if len(actual) != len(expected):
            return math.inf
        return max((max_rel(a, e) for a, e in zip(actual, expected)), default=0.0)
    return _rel(float(actual), float(expected))


def validate_model_fixture(path: str, verbose=True) -> float:
    """Recomputes a model fixture (../shared/fixtures/model format) with this reference and returns
    the largest relative error over every number of `expected` and `expected_train`."""
    f = json.load(open(path))
    tr_opts = f.get("train", {})
    acts = f.get("activations")
    biases = f.get("biases")
    ev = evaluate(f["weights"], f["X"], f["Y"], None, biases, acts)
    tr = train(f["weights"], f["X"], f["Y"], tr_opts["lr"], tr_opts["epochs"], None, biases, acts,
               tr_opts.get("weightDecay", 0.0), full=True)
    mine_e = to_json(model_expected(ev, biases is not None))
    mine_t = to_json(model_expected_train(tr, biases is not None))
    worst = 0.0
    if verbose:
        print(f"validate {os.path.relpath(path)}")
    for block, mine in (("expected", mine_e), ("expected_train", mine_t)):
        for key, val in f.get(block, {}).items():
            if key not in mine:
                if verbose:
                    print(f"  {block}.{key:<18} not computed by this reference (skipped)")
                continue
            r = max_rel(mine[key], val)
            worst = max(worst, r)
            if verbose:
                print(f"  {block}.{key:<18} max rel err = {r:.3e}")
    return worst


def self_check():
    """Sanity checks of the reference against SPEC numbers and against the shared fixtures."""
    # Stable loss: z = 40, y = 0 -> 40; z = 40, y = 1 -> 4.248e-18.
    assert softplus(np.array(40.0)) == 40.0
    assert abs(softplus(np.array(-40.0)) - 4.248354255291589e-18) < 1e-30
    assert sigmoid(np.array([800.0]))[0] == 1.0 and sigmoid(np.array([-800.0]))[0] == 0.0
    assert sigmoid(np.array([0.0]))[0] == 0.5
    # softplus is numpy.logaddexp(0, .) in formula; libm vs numpy may differ by an ulp only.
    t = np.linspace(-50, 50, 1001)
    assert np.allclose(softplus(t), np.logaddexp(0.0, t), rtol=4e-16, atol=0)
    # Activation derivatives against central differences; leakyRelu'(0) = 0.01, relu'(0) = 0.
    for name in HIDDEN_ACTIVATIONS:
        z = np.array([-2.3, -0.4, 0.35, 1.7])
        h = 1e-6
        fd = (activate(name, z + h) - activate(name, z - h)) / (2 * h)
        assert np.allclose(activation_grad(name, z), fd, rtol=1e-8, atol=1e-10), name
    assert activation_grad("leakyRelu", np.array([0.0]))[0] == 0.01
    assert activation_grad("relu", np.array([0.0]))[0] == 0.0
    # Softmax: stable form, exact tie, a plain form where it does not underflow.
    Yh, lp = softmax_rows(np.array([[800.0, 0.0, -800.0], [0.0, 0.0, 0.0], [0.3, -1.2, 2.0]]))
    assert Yh[0].tolist() == [1.0, 0.0, 0.0] and lp[0].tolist() == [0.0, -800.0, -1600.0]
    assert Yh[1].tolist() == [1 / 3, 1 / 3, 1 / 3]
    z = np.array([0.3, -1.2, 2.0])
    assert np.allclose(Yh[2], np.exp(z) / np.exp(z).sum(), rtol=1e-15) and np.allclose(lp[2], np.log(Yh[2]), rtol=1e-15)
    # r2 / mae against a plain formula (sklearn's r2_score definition).
    Yt = np.array([[1.0, 2.0], [2.0, 2.0], [4.0, 2.0]])
    Yp = np.array([[1.5, 2.0], [1.5, 2.0], [3.0, 2.5]])
    mae, r2 = regression_metrics(Yp, Yt)
    r2_0 = 1 - np.sum((Yp[:, 0] - Yt[:, 0]) ** 2) / np.sum((Yt[:, 0] - Yt[:, 0].mean()) ** 2)
    assert abs(r2 - (r2_0 + 0.0) / 2) < 1e-15 and abs(mae - np.mean(np.abs(Yp - Yt))) < 1e-15
    assert regression_metrics(Yt, Yt)[1] == 1.0
    # The shared section-1 fixtures, where present, must be reproduced.
    for d in SHARED_DIRS:
        shared = os.path.join(d, "xor_2_3_1.json")
        if os.path.exists(shared):
            f = json.load(open(shared))
            ev = evaluate(f["weights"], f["X"], f["Y"])
            assert abs(ev["loss"] - f["expected"]["loss"]) <= 1e-12 * abs(f["expected"]["loss"])
            for g, e in zip(ev["grads"], f["expected"]["grads"]):
                assert np.allclose(g, e, rtol=1e-12, atol=0)


def shared_model_fixtures():
    found = []
    for d in SHARED_DIRS:
        md = os.path.join(d, MODEL_DIR_NAME)
        if os.path.isdir(md):
            found += [os.path.join(md, n) for n in sorted(os.listdir(md))
                      if n.endswith(".json") and not n.startswith("gen_")]
    return found


# Limits for a model case to count as well conditioned for a 1e-9 relative comparison.
MAX_CANCEL = 1e5          # sum|terms|/|result| of any product, and |Yhat|/|Yhat - Y|
MAX_R2_COND = 1e4
MAX_NAIVE_ACT_GRAD = 1e-11
MIN_PRED_MARGIN = 1e-6
MIN_KINK_Z = 1e-6


MAX_TWIN = 1e-10          # the whole case recomputed with naive sums must agree to this
MAX_GRADCHECK = 1e-5      # analytic vs central differences of J (skipped for cases with Z exactly 0 at a kink)


def gradcheck_case(c: dict) -> float:
    """Central differences of the data loss J in every weight and bias at the initial point, against
    the analytic dJ/dW, dJ/db: max |a - n| / max(|a|, |n|, 1e-4 max(1, J)). Checks that the backward
    pass (deltas, 2/K, leaky slopes, softmax delta, bias sums) is the derivative of the stated loss."""
    acts = c.get("activations")
    Ws = [np.array(w, dtype=np.float64) for w in c["weights"]]
    bs = None if c.get("biases") is None else [None if b is None else np.array(b, dtype=np.float64).reshape(-1)
                                               for b in c["biases"]]
    ev = evaluate(Ws, c["X"], c["Y"], None, bs, acts)
    floor = 1e-4 * max(1.0, abs(ev["loss"]))
    params = [(Ws[l], ev["grads"][l]) for l in range(len(Ws))]
    if bs is not None:
        params += [(bs[l], ev["bias_grads"][l][0]) for l in range(len(bs)) if bs[l] is not None]
    worst = 0.0
    for P, G in params:
        for idx in np.ndindex(P.shape):
            old = P[idx]
            h = 1e-6 * max(1.0, abs(old))
            P[idx] = old + h
            jp = evaluate(Ws, c["X"], c["Y"], None, bs, acts)["loss"]
            P[idx] = old - h
            jm = evaluate(Ws, c["X"], c["Y"], None, bs, acts)["loss"]
            P[idx] = old
            n, a = (jp - jm) / (2 * h), G[idx]
            worst = max(worst, abs(a - n) / max(abs(a), abs(n), floor))
    return worst


def naive_twin_difference(c: dict, fixture: dict) -> float:
    """Recomputes case c with naive (left-to-right, bias last) matrix sums and returns the largest
    relative difference from the reference over every number of expected and expected_train: the
    error an honest implementation may show, which must stay well below 1e-9."""
    global MATMUL_MODE
    MATMUL_MODE = "naive"
    try:
        twin = make_model_fixture(c, "", write=False)["fixture"]
    finally:
        MATMUL_MODE = "fsum"
    return max(max_rel(twin[b][k], fixture[b][k]) for b in ("expected", "expected_train") for k in fixture[b])


def conditioning_problems(diags) -> list:
    worst = lambda k, default: [d.get(k, default) for d in diags]
    probs = []
    c = max(max(worst(k, 1.0)) for k in ("cancel_fwd", "cancel_bwd", "cancel_grad", "cancel_delta_L"))
    if c > MAX_CANCEL:
        probs.append(f"cancellation {c:.3g} > {MAX_CANCEL:g}")
    if max(worst("r2_cond", 1.0)) > MAX_R2_COND:
        probs.append(f"r2 condition {max(worst('r2_cond', 1.0)):.3g}")
    if max(worst("act_grad_naive_rel", 0.0)) > MAX_NAIVE_ACT_GRAD:
        probs.append(f"naive activation derivative off by {max(worst('act_grad_naive_rel', 0.0)):.3g}")
    if min(worst("pred_margin", math.inf)) < MIN_PRED_MARGIN:
        probs.append(f"prediction margin {min(worst('pred_margin', math.inf)):.3g}")
    if min(worst("min_abs_hidden_z", math.inf)) < MIN_KINK_Z:
        probs.append(f"|Z| at a kink {min(worst('min_abs_hidden_z', math.inf)):.3g}")
    return probs


def main(argv):
    write = "--check" not in argv
    if "--validate" in argv:
        files = argv[argv.index("--validate") + 1:]
        worst = max((validate_model_fixture(p) for p in files), default=0.0)
        print(f"max relative error over all files: {worst:.3e}")
        return 0 if worst <= 1e-12 else 1
    out_dir = FIXTURE_DIR
    if "--out-dir" in argv:
        out_dir = os.path.abspath(argv[argv.index("--out-dir") + 1])
    self_check()
    os.makedirs(out_dir, exist_ok=True)
    for c in cases():
        r = make_fixture(c["name"], c["description"], c["weights"], c["X"], c["Y"], c["lr"], c["epochs"],
                         out_dir=out_dir, write=write)
        de, dt = r["diag_eval"], r["diag_train"]
        print(f"{'wrote' if write else 'would write'} {os.path.relpath(r['path'])} ({r['bytes']} bytes); "
              f"eval cancellation fwd/bwd/grad = {de.get('cancel_fwd', 1):.3g}/{de.get('cancel_bwd', 1):.3g}/"
              f"{de.get('cancel_grad', 1):.3g}; train max cancellation = "
              f"{max(dt.get('cancel_fwd', 1), dt.get('cancel_bwd', 1), dt.get('cancel_grad', 1)):.3g}; "
              f"min |non-zero hidden Z| during training = {dt.get('min_abs_hidden_z', math.inf):.3g}")

    # Sections 5-6: the shared model fixtures must be reproduced, then the generated model cases.
    worst_shared = 0.0
    for p in shared_model_fixtures():
        worst_shared = max(worst_shared, validate_model_fixture(p))
    assert worst_shared <= 1e-12, f"this reference disagrees with a shared model fixture: {worst_shared:.3e}"
    model_dir = os.path.join(out_dir, MODEL_DIR_NAME)
    failed = []
    for c in model_cases():
        r = make_model_fixture(c, model_dir, write=write)
        de, dt = r["diag_eval"], r["diag_train"]
        both = lambda k, d=1.0: (de.get(k, d), dt.get(k, d))
        print(f"{'wrote' if write else 'would write'} {os.path.relpath(r['path'])} ({r['bytes']} bytes); "
              f"eval/train: cancellation fwd {both('cancel_fwd')[0]:.3g}/{both('cancel_fwd')[1]:.3g}, "
              f"bwd {both('cancel_bwd')[0]:.3g}/{both('cancel_bwd')[1]:.3g}, "
              f"grad {both('cancel_grad')[0]:.3g}/{both('cancel_grad')[1]:.3g}, "
              f"|Yhat|/|Yhat-Y| {both('cancel_delta_L')[0]:.3g}/{both('cancel_delta_L')[1]:.3g}; "
              f"min |kink Z| {both('min_abs_hidden_z', math.inf)[0]:.3g}/{both('min_abs_hidden_z', math.inf)[1]:.3g}; "
              f"naive f' rel {both('act_grad_naive_rel', 0.0)[0]:.3g}/{both('act_grad_naive_rel', 0.0)[1]:.3g}; "
              f"r2 cond {both('r2_cond')[0]:.3g}/{both('r2_cond')[1]:.3g}; "
              f"pred margin {both('pred_margin', math.inf)[0]:.3g}/{both('pred_margin', math.inf)[1]:.3g}")
        twin = naive_twin_difference(c, r["fixture"])
        if c.get("gradcheck", True):
            gc = gradcheck_case(c)
            gc_text = f"{gc:.3g}"
        else:
            gc, gc_text = 0.0, "skipped (hidden Z exactly 0 at a kink: central differences straddle it)"
        print(f"  same case with naive left-to-right matrix sums: max rel difference {twin:.3g}; "
              f"central-difference gradcheck: {gc_text}")
        probs = conditioning_problems([de, dt])
        if gc > MAX_GRADCHECK:
            probs.append(f"gradcheck {gc:.3g} > {MAX_GRADCHECK:g}")
        if twin > MAX_TWIN:
            probs.append(f"naive-sum twin differs by {twin:.3g} > {MAX_TWIN:g}")
        if r["bytes"] >= 60_000:
            probs.append(f"file is {r['bytes']} bytes")
        if probs:
            failed.append(c["name"])
            print(f"  ILL-CONDITIONED / TOO BIG: {'; '.join(probs)}")
    if failed:
        print(f"cases failing the conditioning limits: {failed}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
