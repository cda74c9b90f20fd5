/**
 * `typed-mlp predict` and `typed-mlp summary` on models saved by `fit`: the built CLI in child
 * processes. Output to stdout, to --out FILE.csv and FILE.json, the same numbers every way; columns
 * read by name; and every kind of bad input (exit 2, one line, no --out file).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import { network, saveNetwork } from '../src/index.js';
import { cli, scratchDir } from './helpers/cli.js';

const { dir, path, file } = scratchDir('typed-mlp-predict-');
const ok = (r: ReturnType<typeof cli>) => {
  expect(r.stderr, r.stderr).toBe('');
  expect(r.status).toBe(0);
  return r;
};

// Classes with awkward names (a comma, quotes, a line break), in a CRLF file with a BOM, a blank
// line, a quoted header name and a text column the model does not use.
const TRAIN = '\ufeffid,"size, cm",weight,note,kind\r\n' + [
  '1,1.0,10,"plain",small',
  '2,1.2,11,"has, comma","big ""XL"""',
  '3,0.9,9,"two\r\nlines",small',
  '',
  '4,5.0,50,x,"big ""XL"""',
  '5,4.8,52,y,"odd\nname"',
  '6,5.1,49,z,"odd\nname"',
  '7,1.1,12,q,small',
  '8,5.2,51,r,"big ""XL"""',
  '9,3.0,30,s,"odd\nname"',
].join('\r\n') + '\r\n';
const CLASSES = ['big "XL"', 'odd\nname', 'small'];

let classifier: string;
let regression: string;
let plain: string;
beforeAll(() => {
  const data = file('train.csv', TRAIN);
  classifier = path('classifier.json');
  ok(cli('fit', data, '--target', 'kind', '--features', 'size, cm', '--features', 'weight', '--head', 'softmax', '--layers', '4', '--epochs', '30', '--standardize', '--save', classifier));
  regression = path('regression.json');
  ok(cli('fit', data, '--target', 'weight', '--features', 'size, cm', '--layers', 'none', '--epochs', '10', '--save', regression));
  plain = file('plain-network.json', JSON.stringify(saveNetwork(network(2, { seed: 1 }).relu(3).sigmoid(1))));
});

const NEW = 'weight,extra,"size, cm"\n10,a,1\n50,"b, c",5\n30,,3\n';

describe('predict', () => {
  it('stdout is CSV by default; --out .csv, --out .json and --json give the same predictions', () => {
    const data = file('new.csv', NEW);
    const stdout = ok(cli('predict', classifier, data)).stdout;
    const rows = parse(stdout, { columns: true }) as Record<string, string>[];
    expect(Object.keys(rows[0]!)).toEqual(['kind', ...CLASSES.map((c) => `p_${c}`)]);
    expect(rows).toHaveLength(3);
    expect(stdout.split('\n')[0]).toBe('kind,"p_big ""XL""","p_odd\nname"'.split('\n')[0]); // quoted header fields

    const csvOut = path('preds.csv');
    expect(ok(cli('predict', classifier, data, '--out', csvOut)).stdout).toBe(`wrote 3 predictions to ${csvOut}\n`);
    expect(readFileSync(csvOut, 'utf8')).toBe(stdout);

    const jsonOut = path('preds.JSON');
    expect(JSON.parse(ok(cli('predict', classifier, data, '--out', jsonOut, '--json')).stdout)).toEqual({ out: jsonOut, format: 'json', rows: 3 });
    const objects = JSON.parse(readFileSync(jsonOut, 'utf8')) as Record<string, string | number>[];
    expect(JSON.parse(ok(cli('predict', classifier, data, '--json')).stdout)).toEqual(objects);
    objects.forEach((o, i) => {
      expect(o.kind).toBe(rows[i]!.kind);
      for (const c of CLASSES) expect(o[`p_${c}`]).toBe(Number(rows[i]![`p_${c}`])); // CSV numbers round-trip exactly
    });
  });

  it('columns are read by name: another order and extra columns give the same predictions', () => {
    const a = ok(cli('predict', classifier, file('a.csv', NEW))).stdout;
    const b = ok(cli('predict', classifier, file('b.csv', '"size, cm",weight\r\n1,10\r\n5,50\r\n3,30\r\n'))).stdout;
    expect(b).toBe(a);
  });

  it('a regression model (no hidden layer, no scaler) predicts its target column', () => {
    const out = JSON.parse(ok(cli('predict', regression, file('r.csv', NEW), '--json')).stdout) as { weight: number }[];
    expect(out.map((o) => Object.keys(o))).toEqual([['weight'], ['weight'], ['weight']]);
    expect(out.every((o) => Number.isFinite(o.weight))).toBe(true);
  });
});

describe('summary', () => {
  it('prints the network summary, the columns, the classes and the saved scaling', () => {
    const out = ok(cli('summary', classifier)).stdout;
    expect(out).toMatch(/^Network<\[2, 4, 3\], "softmax">\n/);
    expect(out).toMatch(/parameters: 27 \(trainable 27, frozen 0\)/);
    expect(out).toMatch(/\nfeatures \(2\): "size, cm", "weight"\ntargets \(1\): "kind"\nclasses \(3\): "big \\"XL\\"", "odd\\nname", "small"\n/);
    expect(out).toMatch(/\ninput scaling: standard \(fit on the training rows; predict applies it\)\n {2}feature +mean +scale\n {2}size, cm +[\d.]+ +[\d.]+\n {2}weight +/);
    expect(ok(cli('summary', regression)).stdout).toMatch(/\ninput scaling: none \(the features go in as they are\)\n$/);
  });

  it('a network saved by the library alone (no column names) is summarized too', () => {
    const out = ok(cli('summary', plain)).stdout;
    expect(out).toMatch(/^Network<\[2, 3, 1\], "sigmoid">\n/);
    expect(out).toMatch(/\ncolumns: none saved \(a network saved by the library, not by typed-mlp fit: predict cannot read it\)\ninput scaling: none/);
    expect(JSON.parse(ok(cli('summary', plain, '--json')).stdout)).toEqual({ sizes: [2, 3, 1], activations: ['relu', 'sigmoid'], head: 'sigmoid', parameters: 13 });
  });

  it('--json gives the same facts as one line of JSON', () => {
    const out = JSON.parse(ok(cli('summary', classifier, '--json')).stdout);
    expect(out).toMatchObject({ sizes: [2, 4, 3], activations: ['relu', 'softmax'], head: 'softmax', parameters: 27, features: ['size, cm', 'weight'], targets: ['kind'], labels: CLASSES });
    expect(out.inputScaler.kind).toBe('standard');
    expect(out.inputScaler.mean).toHaveLength(2);
  });
});

const bad: [string, () => string[], RegExp][] = [
  ['a missing feature column', () => ['predict', classifier, file('d.csv', 'weight,other\n1,2\n')], /^the model's feature "size, cm" is not a column of DATA ".*d\.csv"; its columns are "weight", "other"$/],
  ['a feature cell that is not a number', () => ['predict', classifier, file('d.csv', 'weight,"size, cm"\n1,2\n3,n/a\n')], /^DATA ".*d\.csv" row 2, column "size, cm" is "n\/a", not a number$/],
  ['a ragged row', () => ['predict', classifier, file('d.csv', 'weight,"size, cm"\n1,2\n3\n')], /^DATA ".*": row 2 has 1 field but the header has 2/],
  ['an empty data file', () => ['predict', classifier, file('d.csv', '')], /^DATA ".*" is empty/],
  ['a model file that is not JSON', () => ['predict', file('m.json', 'id,x\n1,2\n'), file('d.csv', NEW)], /^MODEL ".*m\.json" is not valid JSON: /],
  ['a model file that is some other JSON', () => ['predict', file('m.json', '{"weights": [[1]]}'), file('d.csv', NEW)], /^MODEL ".*m\.json" is not a typed-mlp model: format is missing$/],
  ['a model file with a duplicate key', () => ['predict', file('m.json', '{"format": "typed-mlp", "format": "x"}'), file('d.csv', NEW)], /^MODEL ".*" has a duplicate key "format" \(line 1, column \d+\): JSON would silently keep only the last value$/],
  ['a saved network without the column names', () => ['predict', plain, file('d.csv', NEW)], /^MODEL ".*" has no "features" and "targets": it is a saved network, but not one written by typed-mlp fit --save \(predict needs the column names\)$/],
  ['a model whose features do not match its network', () => ['predict', file('m.json', JSON.stringify({ ...JSON.parse(readFileSync(classifier, 'utf8')), features: ['only one'] })), file('d.csv', NEW)], /^MODEL ".*": "features" names 1 columns but the network takes 2 inputs$/],
  ['labels on a model that is not softmax', () => ['predict', file('m.json', JSON.stringify({ ...JSON.parse(readFileSync(regression, 'utf8')), labels: ['a'] })), file('d.csv', NEW)], /^MODEL ".*": "labels" \(class names\) belong to a softmax head, but the network's head is linear$/],
  ['a missing model file', () => ['predict', join(dir, 'none.json'), file('d.csv', NEW)], /^MODEL ".*none\.json" cannot be read: no such file$/],
  ['only one argument', () => ['predict', file('m.json', '{}')], /^predict needs MODEL and DATA, got only MODEL: typed-mlp predict MODEL DATA$/],
  ['no argument', () => ['predict'], /^predict needs MODEL and DATA$/],
  ['three arguments', () => ['predict', 'a', 'b', 'c'], /^unexpected argument "c"; predict takes MODEL and DATA$/],
  ['--out with another extension', () => ['predict', classifier, file('d.csv', NEW), '--out', path('p.txt')], /^--out ".*p\.txt" must end in \.csv or \.json \(the format is chosen by the extension\)$/],
  ['--out onto the data file', () => { const d = file('d.csv', NEW); return ['predict', classifier, d, '--out', d]; }, /^--out ".*d\.csv" is a file this command reads: writing it would destroy it$/],
  ['--out in a missing directory', () => ['predict', classifier, file('d.csv', NEW), '--out', join(dir, 'nope', 'p.csv')], /^--out ".*p\.csv" cannot be written: no such directory$/],
  ['a flag predict does not take', () => ['predict', classifier, file('d.csv', NEW), '--target', 'x'], /^predict does not take --target; it takes --out, --json$/],
  ['summary of a file that is not a model', () => ['summary', file('m.json', '[1, 2]')], /^MODEL ".*" is not a typed-mlp model: a saved network must be a JSON object, got an array$/],
  ['summary of a model with broken column keys', () => ['summary', file('m.json', JSON.stringify({ ...JSON.parse(readFileSync(classifier, 'utf8')), targets: 'kind' }))], /^MODEL ".*": "targets" must be a non-empty array of names, got "kind"$/],
];

describe('a model or case file that is not JSON: one line that keeps the whole of the parser\'s message', () => {
  // V8 quotes the start of the text, line breaks and all, and ends in "is not valid JSON": the line
  // breaks are written as \n, and nothing after the first one is lost.
  const csvText = 'a,b,y\n1,2,3\n';
  const whole = /: Unexpected token 'a', "a,b,y\\n1,2,3\\n" is not valid JSON\n$/;

  it.each([
    ['predict', (m: string) => ['predict', m, file('d.csv', NEW)], 'MODEL'],
    ['summary', (m: string) => ['summary', m], 'MODEL'],
    ['eval', (m: string) => ['eval', m], 'FILE'],
  ] as const)('%s', (_, argv, what) => {
    const r = cli(...argv(file('ok.csv', csvText)));
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(new RegExp(`^typed-mlp: ${what} ".*ok\\.csv" is not valid JSON: [^\\n]+\\n$`));
    expect(r.stderr).toMatch(whole);
  });

  it('CRLF and a longer text: \\r\\n, and the end of the message kept', () => {
    const r = cli('summary', file('crlf.csv', 'a,b,y\r\n1,2,3\r\n4,5,6\r\n7,8,9\r\n10,11,12\r\n'));
    expect(r.stderr).toMatch(/^typed-mlp: MODEL ".*crlf\.csv" is not valid JSON: Unexpected token 'a', "a,b,y\\r\\n1,2,?\S*"\.{3} is not valid JSON\n$/);
  });
});

describe.each(bad)('predict and summary, bad input: %s', (_, args, message) => {
  it('exits 2 with one line on stderr, nothing on stdout, and no --out file', () => {
    const argv = args();
    const out = argv.includes('--out') ? undefined : path('never.csv');
    const r = cli(...argv, ...(out && argv[0] === 'predict' && argv.length === 3 ? ['--out', out] : []));
    expect(r.stdout).toBe('');
    expect(r.status, r.stderr).toBe(2);
    expect(r.stderr).toMatch(/^typed-mlp: [^\n]+\n$/);
    expect(r.stderr.slice('typed-mlp: '.length, -1)).toMatch(message);
    if (out) expect(existsSync(out)).toBe(false);
  });
});
