#!/usr/bin/env python3
"""Independent NumPy float64 reference for SPEC section 1 (typed-mlp), and the generator of the
extra reference cases test/fixtures/gen_<name>.json.

Nothing here reads or imports the TypeScript code. Run from the repository root:

    python3 test/reference/reference.py            # regenerate every gen_*.json deterministically
    python3 test/reference/reference.py --check    # only print the diagnostics, write nothing

Math (SPEC section 1; no biases):
    X_1 = X,  Z_l = X_l W_l,  X_{l+1} = ReLU(Z_l),  Yhat = sigmoid(Z_L)
    J   = (1/N) sum_rows sum_outputs  y*softplus(-z) + (1-y)*softplus(z),  softplus = logaddexp(0, .)
    delta_L = Yhat - Y,  delta_l = (delta_{l+1} W_{l+1}^T) * [Z_l > 0]   (ReLU'(0) = 0)
    dJ/dW_l = X_l^T delta_l / N
    prediction = 1 if Yhat > 0.5 else 0 (exactly 0.5 -> 0),  accuracy = mean(prediction == Y)
    full-batch SGD W_l <- W_l - lr dJ/dW_l; losses[k] = loss BEFORE update k, final_loss after the last.

Matrix products use an exactly summed dot product (math.fsum of the float64 products), so the
reference does not depend on the BLAS build or on summation order: every entry of X·W is the
correctly rounded sum of the correctly rounded products.
"""

from __future__ import annotations

import json
import math
import os
import sys
from fractions import Fraction

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
FIXTURE_DIR = os.path.normpath(os.path.join(HERE, "..", "fixtures"))


# ---------------------------------------------------------------------------------------------
# Primitives
# ---------------------------------------------------------------------------------------------

def matmul(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """a (n×k) · b (k×m) in float64, each entry an exactly summed (fsum) dot product."""
    a = np.asarray(a, dtype=np.float64)
    b = np.asarray(b, dtype=np.float64)
    assert a.ndim == 2 and b.ndim == 2 and a.shape[1] == b.shape[0], (a.shape, b.shape)
    out = np.empty((a.shape[0], b.shape[1]), dtype=np.float64)
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


def sigmoid(z: np.ndarray) -> np.ndarray:
    """Overflow-free logistic: uses e^{-|z|} only."""
    z = np.asarray(z, dtype=np.float64)
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


def softplus(t: np.ndarray) -> np.ndarray:
    return np.logaddexp(0.0, t)


def relu(z: np.ndarray) -> np.ndarray:
    return np.where(z > 0, z, 0.0)


def relu_grad(z: np.ndarray) -> np.ndarray:
    return (z > 0).astype(np.float64)  # ReLU'(0) = 0


def as_labels(Y, n: int, k: int) -> np.ndarray:
    """Y reshaped explicitly to N×K (a flat list is accepted); never broadcast."""
    y = np.asarray(Y, dtype=np.float64)
    assert y.size == n * k, f"Y has {y.size} entries, expected {n}×{k}"
    return y.reshape(n, k)


# ---------------------------------------------------------------------------------------------
# Forward / loss / backward
# ---------------------------------------------------------------------------------------------

def evaluate(weights, X, Y, diag: dict | None = None) -> dict:
    Ws = [np.asarray(w, dtype=np.float64) for w in weights]
    X = np.asarray(X, dtype=np.float64)
    N = X.shape[0]
    K = Ws[-1].shape[1]
    Y = as_labels(Y, N, K)
    for l in range(1, len(Ws)):
        assert Ws[l].shape[0] == Ws[l - 1].shape[1], "weights do not chain"
    assert X.shape[1] == Ws[0].shape[0]

    L = len(Ws)
    Xs, Zs = [X], []
    for l, W in enumerate(Ws):
        Z = matmul(Xs[-1], W)
        if diag is not None:
            diag["cancel_fwd"] = max(diag.get("cancel_fwd", 1.0), cancellation(Xs[-1], W, Z))
            if l < L - 1:
                nz = np.abs(Z[Z != 0.0])
                if nz.size:
                    diag["min_abs_hidden_z"] = min(diag.get("min_abs_hidden_z", math.inf), float(nz.min()))
        Zs.append(Z)
        if l < L - 1:
            Xs.append(relu(Z))
    ZL = Zs[-1]
    Yhat = sigmoid(ZL)

    elem = Y * softplus(-ZL) + (1.0 - Y) * softplus(ZL)
    per_sample = np.array([math.fsum(row) for row in elem], dtype=np.float64)
    loss = math.fsum(per_sample) / N

    deltas = [None] * L
    deltas[L - 1] = Yhat - Y
    for l in range(L - 2, -1, -1):
        back = matmul(deltas[l + 1], Ws[l + 1].T)
        if diag is not None:
            diag["cancel_bwd"] = max(diag.get("cancel_bwd", 1.0), cancellation(deltas[l + 1], Ws[l + 1].T, back))
        deltas[l] = back * relu_grad(Zs[l])  # multiplying by the 0/1 mask (may give -0.0)
    grads = []
    for l in range(L):
        g = matmul(Xs[l].T, deltas[l])
        if diag is not None:
            diag["cancel_grad"] = max(diag.get("cancel_grad", 1.0), cancellation(Xs[l].T, deltas[l], g))
        grads.append(g / N)

    pred = (Yhat > 0.5).astype(np.int64)
    accuracy = float(np.mean(pred == Y))
    half_rows = [int(i) for i in range(N) if np.any(Yhat[i] == 0.5)]
    return {
        "layer_sizes": [int(Ws[0].shape[0])] + [int(W.shape[1]) for W in Ws],
        "Xs": Xs,
        "Zs": Zs,
        "Yhat": Yhat,
        "predictions": pred,
        "rows_with_Yhat_exactly_half": half_rows,
        "loss": float(loss),
        "per_sample_loss": per_sample,
        "accuracy": accuracy,
        "deltas": deltas,
        "grads": grads,
        "_weights": Ws,
    }


def train(weights, X, Y, lr: float, epochs: int, diag: dict | None = None) -> dict:
    Ws = [np.array(w, dtype=np.float64) for w in weights]
    losses = []
    for _ in range(epochs):
        ev = evaluate(Ws, X, Y, diag)
        losses.append(ev["loss"])
        Ws = [W - lr * g for W, g in zip(Ws, ev["grads"])]
    final = evaluate(Ws, X, Y, diag)
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
    """Computes expected/expected_train and writes out_dir/gen_<name>.json (same format as the
    shared fixtures, without gradcheck/provenance). Returns the fixture dict plus diagnostics."""
    weights = [np.asarray(w, dtype=np.float64) for w in weights]
    X = np.asarray(X, dtype=np.float64)
    Y_file = np.asarray(Y, dtype=np.float64)  # kept in the file as given (may be flat)
    diag_eval: dict = {}
    ev = evaluate(weights, X, Y_file, diag_eval)
    ev.pop("_weights")
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


def self_check():
    """Sanity checks of the reference against SPEC numbers and against a plain numpy version."""
    # Stable loss: z = 40, y = 0 -> 40; z = 40, y = 1 -> 4.248e-18.
    assert softplus(np.array(40.0)) == 40.0
    assert abs(softplus(np.array(-40.0)) - 4.248354255291589e-18) < 1e-30
    assert sigmoid(np.array([800.0]))[0] == 1.0 and sigmoid(np.array([-800.0]))[0] == 0.0
    assert sigmoid(np.array([0.0]))[0] == 0.5
    # The shared XOR fixture, if present, must be reproduced.
    shared = os.path.normpath(os.path.join(HERE, "..", "fixtures", "xor_2_3_1.json"))
    if os.path.exists(shared):
        f = json.load(open(shared))
        ev = evaluate(f["weights"], f["X"], f["Y"])
        assert abs(ev["loss"] - f["expected"]["loss"]) <= 1e-12 * abs(f["expected"]["loss"])
        for g, e in zip(ev["grads"], f["expected"]["grads"]):
            assert np.allclose(g, e, rtol=1e-12, atol=0)


def main(argv):
    write = "--check" not in argv
    self_check()
    os.makedirs(FIXTURE_DIR, exist_ok=True)
    for c in cases():
        r = make_fixture(c["name"], c["description"], c["weights"], c["X"], c["Y"], c["lr"], c["epochs"], write=write)
        de, dt = r["diag_eval"], r["diag_train"]
        print(f"{'wrote' if write else 'would write'} {os.path.relpath(r['path'])} ({r['bytes']} bytes); "
              f"eval cancellation fwd/bwd/grad = {de.get('cancel_fwd', 1):.3g}/{de.get('cancel_bwd', 1):.3g}/"
              f"{de.get('cancel_grad', 1):.3g}; train max cancellation = "
              f"{max(dt.get('cancel_fwd', 1), dt.get('cancel_bwd', 1), dt.get('cancel_grad', 1)):.3g}; "
              f"min |non-zero hidden Z| during training = {dt.get('min_abs_hidden_z', math.inf):.3g}")


if __name__ == "__main__":
    main(sys.argv[1:])
