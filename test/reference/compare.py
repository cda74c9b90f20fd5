#!/usr/bin/env python3
"""Checks the typed-mlp CLI against reference fixtures at relative tolerance 1e-9.

Usage (from the repository root, after `npx tsc -p tsconfig.build.json`):

    python3 test/reference/compare.py                      # every test/fixtures/gen_*.json
    python3 test/reference/compare.py --model              # every test/fixtures/model/gen_*.json and
                                                           # ../shared/fixtures/model/*.json (SPEC 5-6)
    python3 test/reference/compare.py FILE [FILE ...]      # any fixture in the shared format

For each file it runs `node bin/typed-mlp.js eval FILE` and `node bin/typed-mlp.js train FILE`
and compares every number: |a - e| <= 1e-9 * max(|a|, |e|); an exact zero must be matched by an
exact zero (-0.0 == 0.0); integers (predictions, layer sizes) must be equal. Prints the maximum
relative error per key and the first disagreements; exits 1 if any key disagrees.

A key absent from the fixture is skipped (section-1 fixtures have no bias_grads, mae, r2, ...).
Model fixtures (SPEC 5-6) add bias_grads <-> biasGrads, mae, r2, final_biases <-> finalBiases: a
layer without a bias is null on both sides, and a bias entry may be a row of n numbers or a 1 x n
matrix on either side (the shared fixtures write bias_grads as 1 x n matrices and final_biases as
rows). final_mae / final_r2 are compared when the CLI prints finalMae / finalR2 (SPEC 3/6 do not
name them for train; otherwise they are reported as skipped). For a linear head (the last entry
of "activations") the CLI's eval `predictions` must equal the fixture's Yhat and it must print no
`accuracy` (SPEC 6).
"""

from __future__ import annotations

import glob
import json
import math
import os
import subprocess
import sys

REL = 1e-9
ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
CLI = os.path.join(ROOT, "bin", "typed-mlp.js")

EVAL_KEYS = [  # (CLI key, fixture key in "expected", exact?); skipped when the fixture lacks the key
    ("layerSizes", "layer_sizes", True),
    ("Xs", "Xs", False),
    ("Zs", "Zs", False),
    ("Yhat", "Yhat", False),
    ("predictions", "predictions", True),
    ("loss", "loss", False),
    ("perSampleLoss", "per_sample_loss", False),
    ("accuracy", "accuracy", False),
    ("deltas", "deltas", False),
    ("grads", "grads", False),
    ("biasGrads", "bias_grads", False),
    ("mae", "mae", False),
    ("r2", "r2", False),
]
TRAIN_KEYS = [  # (CLI key, fixture key in "expected_train", exact?); skipped when the fixture lacks the key
    ("losses", "losses", False),
    ("finalLoss", "final_loss", False),
    ("finalWeights", "final_weights", False),
    ("finalYhat", "final_Yhat", False),
    ("finalPredictions", "final_predictions", True),
    ("finalAccuracy", "final_accuracy", False),
    ("finalBiases", "final_biases", False),
    ("finalMae", "final_mae", False),
    ("finalR2", "final_r2", False),
]
OPTIONAL_CLI_KEYS = {"finalMae", "finalR2"}  # not named by SPEC: compared only when the CLI prints them
BIAS_KEYS = {"biasGrads", "finalBiases"}


def rel_err(a: float, e: float) -> float:
    if a == e:
        return 0.0
    if not (math.isfinite(a) and math.isfinite(e)):
        return math.inf
    return abs(a - e) / max(abs(a), abs(e))  # one of them non-zero here


def flat_bias_rows(v):
    """A list of per-layer bias entries with every 1 x n matrix [[...]] turned into its row [...]
    (null entries and anything else are left alone)."""
    if not isinstance(v, list):
        return v
    return [e[0] if isinstance(e, list) and len(e) == 1 and isinstance(e[0], list) else e for e in v]


def walk(actual, expected, path, exact, out):
    """Appends (path, actual, expected, rel) for every leaf; structural mismatches get rel = inf.
    An expected null (a layer without a bias) must be matched by a null."""
    if expected is None:
        out.append((path, actual, expected, 0.0 if actual is None else math.inf))
        return
    if isinstance(expected, list):
        if not isinstance(actual, list) or len(actual) != len(expected):
            out.append((path, _shape(actual), _shape(expected), math.inf))
            return
        for i, (a, e) in enumerate(zip(actual, expected)):
            walk(a, e, f"{path}[{i}]", exact, out)
        return
    if isinstance(actual, bool) or not isinstance(actual, (int, float)):
        out.append((path, actual, expected, math.inf))
        return
    if exact:
        out.append((path, actual, expected, 0.0 if actual == expected else math.inf))
    else:
        out.append((path, actual, expected, rel_err(float(actual), float(expected))))


def _shape(v):
    if isinstance(v, list):
        return f"list(len={len(v)})"
    return repr(v)


def run_cli(cmd, path):
    p = subprocess.run(["node", CLI, cmd, path], capture_output=True, text=True, cwd=ROOT)
    if p.returncode != 0:
        raise RuntimeError(f"`typed-mlp {cmd} {path}` exited {p.returncode}: {p.stderr.strip()}")
    return json.loads(p.stdout)


def compare_file(path) -> bool:
    fx = json.load(open(path))
    name = os.path.basename(path)
    ok = True
    print(f"== {name}")
    acts = fx.get("activations")
    linear_head = isinstance(acts, list) and len(acts) > 0 and acts[-1] == "linear"
    for cmd, keys, exp in (("eval", EVAL_KEYS, fx["expected"]), ("train", TRAIN_KEYS, fx["expected_train"])):
        try:
            got = run_cli(cmd, path)
        except RuntimeError as err:
            print(f"  {cmd}: ERROR {err}")
            ok = False
            continue
        for cli_key, fx_key, exact in keys:
            if fx_key not in exp:
                continue
            if cli_key not in got:
                if cli_key in OPTIONAL_CLI_KEYS:
                    print(f"  {cmd}.{cli_key:<17} not printed by the CLI (optional, skipped)")
                    continue
                print(f"  {cmd}.{cli_key}: MISSING from CLI output")
                ok = False
                continue
            actual, expected = got[cli_key], exp[fx_key]
            if cli_key in BIAS_KEYS:
                actual, expected = flat_bias_rows(actual), flat_bias_rows(expected)
            ok = report(f"{cmd}.{cli_key}", actual, expected, cli_key, exact, "reference") and ok
        if cmd == "eval" and linear_head:
            ok = check_linear_head(got, exp) and ok
    return ok


def report(label, actual, expected, path, exact, reference) -> bool:
    """Compares one key leaf by leaf, prints its line (and the first disagreements); True if it agrees."""
    leaves = []
    walk(actual, expected, path, exact, leaves)
    worst = max((r for *_, r in leaves), default=0.0)
    bad = [leaf for leaf in leaves if leaf[3] > REL]
    status = "ok" if not bad else f"DISAGREE ({len(bad)} of {len(leaves)} entries)"
    cmd, _, key = label.partition(".")
    print(f"  {cmd}.{key:<17} n={len(leaves):<5} max rel err = {worst:.3e}  {status}")
    for p_, a, e, r in bad[:5]:
        print(f"      {p_}: CLI {a!r} vs {reference} {e!r} (rel {r:.3e})")
    return not bad


def check_linear_head(got, exp) -> bool:
    """SPEC 6: for a linear head eval prints no `accuracy`, and `predictions` equals `Yhat`."""
    ok = True
    if "accuracy" in got:
        print(f"  eval.accuracy: the CLI printed {got['accuracy']!r} for a linear head (SPEC 6: no accuracy)")
        ok = False
    if "Yhat" in exp:
        if "predictions" not in got:
            print("  eval.predictions: MISSING from CLI output (SPEC 6: equals Yhat for a linear head)")
            return False
        ok = report("eval.predictions=Yhat", got["predictions"], exp["Yhat"], "predictions", False, "reference Yhat") and ok
    return ok


def model_files():
    shared = os.path.normpath(os.path.join(ROOT, "..", "shared", "fixtures", "model"))
    return (sorted(glob.glob(os.path.join(ROOT, "test", "fixtures", "model", "gen_*.json")))
            + sorted(glob.glob(os.path.join(shared, "*.json"))))


def main(argv):
    if argv == ["--model"]:
        files = model_files()
    else:
        files = argv or sorted(glob.glob(os.path.join(ROOT, "test", "fixtures", "gen_*.json")))
    if not files:
        print("no fixture files found")
        return 1
    results = {os.path.basename(f): compare_file(f) for f in files}
    print()
    for f, ok in results.items():
        print(f"{'PASS' if ok else 'FAIL'}  {f}")
    return 0 if all(results.values()) else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
