#!/usr/bin/env python3
"""Writes test/fixtures/onnx/: feed-forward networks exported by PyTorch's torch.onnx.export, and
PyTorch's own outputs on fixed inputs, for test/onnx-import.test.ts (fromOnnx).

Needs Debian's python3-torch and python3-onnx (apt-get install -y python3-torch python3-onnx);
CI does not have them and only reads the committed files. Run from anywhere:

    /usr/bin/python3 scripts/onnx-fixtures.py

The files were made with torch 1.13.1 (Debian 1.13.1+dfsg) and onnx 1.12.0; that torch has only
the TorchScript exporter (no dynamo_export). Every model is seeded, so a rerun with the same
versions writes the same bytes.

For each supported model NAME it writes NAME.onnx and NAME.json:
    {"sizes": [...], "head": "sigmoid" | "softmax" | "linear", "activations": [...],
     "source": how the file was made, "inputs": [[...], ...], "outputs": [[...], ...]}
inputs are the rows given to PyTorch (float32 values, or float64 for the .double() models) and
outputs PyTorch's results for them, printed exactly (a float32 is exact as a JSON double). A model
whose input has more than two dims is given the rows as one [1, N, n] batch; the outputs are its
N rows.

Some files are the exporter's bytes rewritten with the onnx package into forms other exporters
write (float_data instead of raw_data, Constant nodes instead of initializers, Gemm with transB=0
and alpha/beta, nodes out of order with Identity and Reshape no-ops). Each rewrite leaves what the
model computes the same (alpha and beta are powers of two, so the scaling is exact), so PyTorch's
outputs still apply; the test also runs them in onnxruntime.

The bad_*.onnx files are real exports of graphs fromOnnx refuses (a Conv, a BatchNorm, a residual
branch, ...); the test checks each error names the node.
"""
import io
import json
import os

import numpy as np
import onnx
import torch
from onnx import TensorProto, helper, numpy_helper
from torch import nn

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'test', 'fixtures', 'onnx')
TORCH = f'torch {torch.__version__} (Debian python3-torch 1.13.1), onnx {onnx.__version__}'


def export(model, example, opset, dynamic=True, **kw):
    """The bytes torch.onnx.export writes (TorchScript exporter), input 'input', output 'output'."""
    model.eval()
    f = io.BytesIO()
    axes = None
    if dynamic:
        batch = 1 if example.dim() == 3 else 0
        axes = {'input': {batch: 'N'}, 'output': {batch: 'N'}}
    torch.onnx.export(model, example, f, opset_version=opset, input_names=['input'], output_names=['output'],
                      dynamic_axes=axes, **kw)
    return f.getvalue()


def rows(seed, n, width, low=-2.0, high=2.0, dtype=torch.float32):
    g = torch.Generator().manual_seed(seed)
    return (torch.rand(n, width, generator=g, dtype=torch.float64) * (high - low) + low).to(dtype)


def listed(t):
    return [[float(v) for v in row] for row in t.tolist()]


def write(name, data, meta=None):
    with open(os.path.join(OUT, f'{name}.onnx'), 'wb') as f:
        f.write(data)
    if meta is not None:
        with open(os.path.join(OUT, f'{name}.json'), 'w') as f:
            json.dump(meta, f, separators=(',', ':'))
            f.write('\n')


def supported(name, model, x, sizes, head, activations, opset, source, three_d=False, rewrite=None, **kw):
    """Exports `model`, optionally rewrites the ONNX, and writes it with PyTorch's outputs on `x`."""
    torch.manual_seed(0)
    model.eval()
    example = x.unsqueeze(0) if three_d else x
    data = export(model, example, opset, **kw)
    if rewrite is not None:
        m = onnx.load_from_string(data)
        rewrite(m)
        data = m.SerializeToString()
    m = onnx.load_from_string(data)
    if rewrite is None or getattr(rewrite, 'checkable', True):
        onnx.checker.check_model(m)
    with torch.no_grad():
        y = model(example)
    if three_d:
        y = y[0]
    meta = {'sizes': sizes, 'head': head, 'activations': activations,
            'source': f'{source}; torch.onnx.export opset {opset}; {TORCH}',
            'inputs': listed(x), 'outputs': listed(y)}
    write(name, data, meta)


def seq(seed, *layers):
    torch.manual_seed(seed)
    return nn.Sequential(*[layer() for layer in layers])


# ---------------------------------------------------------------------------------------------
# Rewrites: the same model in forms other exporters write.

def to_float_data(m):
    """Every initializer as float_data / double_data (repeated, packed) instead of raw_data."""
    for i, t in enumerate(m.graph.initializer):
        a = numpy_helper.to_array(t)
        m.graph.initializer[i].CopyFrom(helper.make_tensor(t.name, t.data_type, a.shape, a.flatten().tolist(), raw=False))


def to_constant_nodes(m):
    """Initializers become Constant nodes (value = the tensor), as some exporters write weights."""
    nodes = [helper.make_node('Constant', [], [t.name], name=f'const/{t.name}', value=t) for t in m.graph.initializer]
    del m.graph.initializer[:]
    rest = list(m.graph.node)
    del m.graph.node[:]
    m.graph.node.extend(nodes + rest)


def to_transb0_alpha_beta(m):
    """Gemm with transB=0 (the weight stored [in, out]), alpha=0.5 on a doubled weight, beta=2 on a halved bias."""
    inits = {t.name: t for t in m.graph.initializer}
    for node in m.graph.node:
        if node.op_type != 'Gemm':
            continue
        w = inits[node.input[1]]
        b = inits[node.input[2]]
        w.CopyFrom(numpy_helper.from_array((numpy_helper.to_array(w).T * 2).astype(np.float32), w.name))
        b.CopyFrom(numpy_helper.from_array((numpy_helper.to_array(b) / 2).astype(np.float32), b.name))
        del node.attribute[:]
        node.attribute.extend([helper.make_attribute('alpha', 0.5), helper.make_attribute('beta', 2.0),
                               helper.make_attribute('transB', 0)])


def to_shuffled_with_noops(m):
    """Identity and Reshape([-1, 6]) no-ops after the first ReLU and an Identity at the end, then the nodes reversed."""
    nodes = list(m.graph.node)
    relu = next(n for n in nodes if n.op_type == 'Relu')
    after = relu.output[0]
    relu.output[0] = 'relu_raw'
    shape = numpy_helper.from_array(np.array([-1, 6], dtype=np.int64), 'reshape_shape')
    m.graph.initializer.append(shape)
    last = nodes[-1]
    last.output[0] = 'before_identity'
    extra = [
        helper.make_node('Identity', ['relu_raw'], ['relu_id'], name='noop/Identity'),
        helper.make_node('Reshape', ['relu_id', 'reshape_shape'], [after], name='noop/Reshape'),
        helper.make_node('Identity', ['before_identity'], ['output'], name='noop/Identity_out'),
    ]
    del m.graph.node[:]
    m.graph.node.extend(list(reversed(nodes + extra)))


to_shuffled_with_noops.checkable = False  # the checker wants nodes in topological order; fromOnnx follows the edges


def main():
    os.makedirs(OUT, exist_ok=True)
    for f in os.listdir(OUT):
        if f.endswith('.onnx') or f.endswith('.json'):
            os.remove(os.path.join(OUT, f))

    # --- real exports -----------------------------------------------------------------------
    supported('relu_softmax_196_64_10', seq(1, lambda: nn.Linear(196, 64), nn.ReLU, lambda: nn.Linear(64, 10), lambda: nn.Softmax(dim=1)),
              rows(11, 4, 196, 0.0, 1.0), [196, 64, 10], 'softmax', ['relu', 'softmax'], 17,
              'nn.Sequential(Linear(196, 64), ReLU(), Linear(64, 10), Softmax(dim=1)), inputs in [0, 1] like pixels; Gemm transB=1')
    supported('tanh_sigmoid_4_8_1_opset9', seq(2, lambda: nn.Linear(4, 8), nn.Tanh, lambda: nn.Linear(8, 1), nn.Sigmoid),
              rows(12, 5, 4), [4, 8, 1], 'sigmoid', ['tanh', 'sigmoid'], 9,
              'nn.Sequential(Linear(4, 8), Tanh(), Linear(8, 1), Sigmoid()); fixed batch of 5', dynamic=False)
    supported('leakyrelu_linear_3_16_16_2_opset17', seq(3, lambda: nn.Linear(3, 16), nn.LeakyReLU, lambda: nn.Linear(16, 16), nn.LeakyReLU, lambda: nn.Linear(16, 2)),
              rows(13, 6, 3, -3.0, 3.0), [3, 16, 16, 2], 'linear', ['leakyRelu', 'leakyRelu', 'linear'], 17,
              'nn.Sequential(Linear(3, 16), LeakyReLU(), Linear(16, 16), LeakyReLU(), Linear(16, 2)): regression')
    supported('sigmoid_tanh_softmax_5_6_4_3_opset11', seq(4, lambda: nn.Linear(5, 6), nn.Sigmoid, lambda: nn.Linear(6, 4), nn.Tanh, lambda: nn.Linear(4, 3), lambda: nn.Softmax(dim=-1)),
              rows(14, 5, 5), [5, 6, 4, 3], 'softmax', ['sigmoid', 'tanh', 'softmax'], 11,
              'nn.Sequential(Linear(5, 6), Sigmoid(), Linear(6, 4), Tanh(), Linear(4, 3), Softmax(dim=-1)); opset 11 writes Softmax axis=1')
    supported('opset7_sigmoid_softmax_5_3_2', seq(5, lambda: nn.Linear(5, 3), nn.Sigmoid, lambda: nn.Linear(3, 2), lambda: nn.Softmax(dim=1)),
              rows(15, 4, 5), [5, 3, 2], 'softmax', ['sigmoid', 'softmax'], 7,
              'nn.Sequential(Linear(5, 3), Sigmoid(), Linear(3, 2), Softmax(dim=1)); opset 7 (IR 3): initializers also listed as graph inputs')
    supported('keep_initializers_relu_linear_2_3_1', seq(6, lambda: nn.Linear(2, 3), nn.ReLU, lambda: nn.Linear(3, 1)),
              rows(16, 4, 2), [2, 3, 1], 'linear', ['relu', 'linear'], 13,
              'nn.Sequential(Linear(2, 3), ReLU(), Linear(3, 1)); keep_initializers_as_inputs=True', keep_initializers_as_inputs=True)
    supported('matmul_nobias_leakyrelu_sigmoid_3_5_1', seq(7, lambda: nn.Linear(3, 5, bias=False), nn.LeakyReLU, lambda: nn.Linear(5, 1, bias=False), nn.Sigmoid),
              rows(17, 5, 3), [3, 5, 1], 'sigmoid', ['leakyRelu', 'sigmoid'], 13,
              'nn.Sequential(Linear(3, 5, bias=False), LeakyReLU(), Linear(5, 1, bias=False), Sigmoid()): MatMul with the weight stored transposed, no Add')
    supported('matmul_add_3d_tanh_softmax_6_10_4', seq(8, lambda: nn.Linear(6, 10), nn.Tanh, lambda: nn.Linear(10, 4), lambda: nn.Softmax(dim=-1)),
              rows(18, 5, 6), [6, 10, 4], 'softmax', ['tanh', 'softmax'], 13,
              'nn.Sequential(Linear(6, 10), Tanh(), Linear(10, 4), Softmax(dim=-1)) on a [1, N, 6] input: MatMul + Add(bias, ·), Softmax axis=2', three_d=True)
    supported('transpose_nofold_relu_linear_4_7_2', seq(9, lambda: nn.Linear(4, 7, bias=False), nn.ReLU, lambda: nn.Linear(7, 2, bias=False)),
              rows(19, 5, 4), [4, 7, 2], 'linear', ['relu', 'linear'], 13,
              'nn.Sequential(Linear(4, 7, bias=False), ReLU(), Linear(7, 2, bias=False)); do_constant_folding=False: MatMul of Transpose(weight)',
              do_constant_folding=False)
    supported('float64_relu_sigmoid_3_6_1', seq(10, lambda: nn.Linear(3, 6), nn.ReLU, lambda: nn.Linear(6, 1), nn.Sigmoid).double(),
              rows(20, 5, 3, dtype=torch.float64), [3, 6, 1], 'sigmoid', ['relu', 'sigmoid'], 13,
              'nn.Sequential(Linear(3, 6), ReLU(), Linear(6, 1), Sigmoid()).double(): float64 weights in raw_data, float64 inputs and outputs')
    supported('flatten_linear_dropout_relu_sigmoid_5_6_4_2', seq(11, nn.Flatten, lambda: nn.Linear(5, 6), lambda: nn.Linear(6, 4), lambda: nn.Dropout(0.5), nn.ReLU, lambda: nn.Linear(4, 2), nn.Sigmoid),
              rows(21, 5, 5), [5, 6, 4, 2], 'sigmoid', ['linear', 'relu', 'sigmoid'], 13,
              'nn.Sequential(Flatten(), Linear(5, 6), Linear(6, 4), Dropout(0.5), ReLU(), Linear(4, 2), Sigmoid()) in eval mode: a Flatten, two Gemms in a row (a linear hidden layer), Dropout left out')
    supported('softsign_linear_3_4_2', seq(12, lambda: nn.Linear(3, 4), nn.Softsign, lambda: nn.Linear(4, 2)),
              rows(22, 5, 3, -4.0, 4.0), [3, 4, 2], 'linear', ['softsign', 'linear'], 13,
              'nn.Sequential(Linear(3, 4), Softsign(), Linear(4, 2)): torch writes Softsign as x / (1 + |x|), Abs + Add + Div')

    # --- the same network in other exporters' forms (rewritten with the onnx package) ---------
    base = lambda: seq(13, lambda: nn.Linear(4, 6), nn.ReLU, lambda: nn.Linear(6, 3), lambda: nn.Softmax(dim=1))
    x4 = rows(23, 5, 4)
    supported('float_data_relu_softmax_4_6_3', base(), x4, [4, 6, 3], 'softmax', ['relu', 'softmax'], 13,
              'nn.Sequential(Linear(4, 6), ReLU(), Linear(6, 3), Softmax(dim=1)), initializers rewritten as float_data', rewrite=to_float_data)
    supported('constant_nodes_relu_softmax_4_6_3', base(), x4, [4, 6, 3], 'softmax', ['relu', 'softmax'], 13,
              'the same network, initializers rewritten as Constant nodes', rewrite=to_constant_nodes)
    supported('gemm_transb0_alpha_beta_relu_softmax_4_6_3', base(), x4, [4, 6, 3], 'softmax', ['relu', 'softmax'], 13,
              'the same network, Gemm rewritten with transB=0 (weight [in, out]), alpha=0.5 on 2W, beta=2 on b/2', rewrite=to_transb0_alpha_beta)
    supported('shuffled_noops_relu_softmax_4_6_3', base(), x4, [4, 6, 3], 'softmax', ['relu', 'softmax'], 13,
              'the same network, Identity and Reshape([-1, 6]) no-ops inserted and the node list reversed', rewrite=to_shuffled_with_noops)
    supported('double_data_tanh_linear_3_5_2', seq(14, lambda: nn.Linear(3, 5), nn.Tanh, lambda: nn.Linear(5, 2)).double(),
              rows(24, 5, 3, dtype=torch.float64), [3, 5, 2], 'linear', ['tanh', 'linear'], 13,
              'nn.Sequential(Linear(3, 5), Tanh(), Linear(5, 2)).double(), initializers rewritten as double_data', rewrite=to_float_data)

    # --- graphs fromOnnx refuses (real exports) ---------------------------------------------
    def bad(name, model, example, opset=13, **kw):
        torch.manual_seed(0)
        write(f'bad_{name}', export(model, example, opset, **kw))

    x = rows(30, 2, 5)
    bad('conv', seq(20, lambda: nn.Conv1d(1, 2, 3), nn.Flatten, lambda: nn.Linear(6, 1)), x.unsqueeze(1))
    bad('batchnorm', seq(21, lambda: nn.Linear(5, 4), lambda: nn.BatchNorm1d(4), nn.ReLU, lambda: nn.Linear(4, 1)), x)
    bad('elu', seq(22, lambda: nn.Linear(5, 4), nn.ELU, lambda: nn.Linear(4, 1)), x)
    bad('gelu', seq(23, lambda: nn.Linear(5, 4), nn.GELU, lambda: nn.Linear(4, 1)), x)
    bad('logsoftmax', seq(24, lambda: nn.Linear(5, 3), lambda: nn.LogSoftmax(dim=1)), x)
    bad('leakyrelu_0.2', seq(25, lambda: nn.Linear(5, 4), lambda: nn.LeakyReLU(0.2), lambda: nn.Linear(4, 1)), x)
    bad('relu_output', seq(26, lambda: nn.Linear(5, 4), nn.ReLU), x)
    bad('softmax_dim0', seq(27, lambda: nn.Linear(5, 3), lambda: nn.Softmax(dim=0)), x)
    bad('softmax_3d_dim1', seq(28, lambda: nn.Linear(5, 3), lambda: nn.Softmax(dim=1)), x.unsqueeze(0))

    bad('functions', seq(32, lambda: nn.Linear(5, 4), nn.ReLU, lambda: nn.Linear(4, 1)), x, opset=15, export_modules_as_functions=True)
    bad('no_params', seq(33, lambda: nn.Linear(5, 4), nn.ReLU, lambda: nn.Linear(4, 1)), x, export_params=False)

    torch.manual_seed(29)
    drop = nn.Sequential(nn.Linear(5, 4), nn.Dropout(0.5), nn.Linear(4, 1)).train()
    f = io.BytesIO()
    torch.onnx.export(drop, x, f, opset_version=13, input_names=['input'], output_names=['output'], training=torch.onnx.TrainingMode.TRAINING)
    write('bad_dropout_training', f.getvalue())

    class Residual(nn.Module):
        def __init__(self):
            super().__init__()
            self.a = nn.Linear(5, 5)
            self.b = nn.Linear(5, 2)

        def forward(self, x):
            return self.b(torch.relu(self.a(x)) + x)

    torch.manual_seed(31)
    bad('residual', Residual(), x)

    total = sum(os.path.getsize(os.path.join(OUT, f)) for f in os.listdir(OUT))
    print(f'wrote {len(os.listdir(OUT))} files, {total} bytes, to {os.path.normpath(OUT)}')


if __name__ == '__main__':
    main()
