#!/usr/bin/env node
// Independent reference embeddings for SupportKB's Java embedder tests.
//
// Deliberately shares no code with supportkb-ml: tokenization is done by the
// pure-JS @huggingface/tokenizers package, inference by onnxruntime-node, and
// pooling / normalisation by the few lines below. See README.md.
//
// Usage: node embed-reference.mjs [--models DIR] [--out FILE]
//   --models  directory holding <model>.onnx and <model>-tokenizer.json
//             (default: ./models next to this script, or $REF_MODEL_DIR)
//   --out     output JSON (default: ../../supportkb-ml/src/test/resources/reference/reference-vectors.json)

import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as ort from 'onnxruntime-node';
import { Tokenizer } from '@huggingface/tokenizers';

const HERE = dirname(fileURLToPath(import.meta.url));

function arg(name, fallback) {
  const i = process.argv.indexOf(name);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}
const MODEL_DIR = resolve(arg('--models', process.env.REF_MODEL_DIR ?? join(HERE, 'models')));
const OUT = resolve(arg('--out', join(HERE, '..', '..', 'supportkb-ml', 'src', 'test', 'resources', 'reference', 'reference-vectors.json')));

// Exact texts given to the model (prefixes are part of the text).
// U+2013 EN DASH in "5–10" is written as an escape so editors cannot alter it.
const COMMON = [
  'How do I reset my password if I no longer have access to my email?',
  'Refunds are issued to the original payment method within 5\u201310 business days.',
  'The sync agent crashes on startup with error E1042 after upgrading to version 3.2.',
];

const MODELS = [
  {
    name: 'bge-small-en-v1.5',
    pooling: 'cls',
    maxTokens: 512,
    texts: [...COMMON, 'Represent this sentence for searching relevant passages: how long does a refund take'],
  },
  {
    name: 'e5-small-v2',
    pooling: 'mean',
    maxTokens: 512,
    texts: [
      ...COMMON,
      'query: how long does a refund take',
      'passage: Refunds are issued to the original payment method within 5\u201310 business days.',
    ],
  },
  {
    name: 'all-minilm-l6-v2',
    pooling: 'mean',
    maxTokens: 256,
    texts: [...COMMON],
  },
];

function pkgVersion(pkg) {
  return JSON.parse(readFileSync(join(HERE, 'node_modules', ...pkg.split('/'), 'package.json'), 'utf8')).version;
}

function loadTokenizer(path) {
  const json = JSON.parse(readFileSync(path, 'utf8'));
  // all-minilm-l6-v2's tokenizer.json ships truncation=128 and Fixed(128) padding.
  // The reference uses the real tokens only: drop both (tokenizers.js ignores
  // them anyway, this just makes the intent explicit).
  json.truncation = null;
  json.padding = null;
  return new Tokenizer(json, {});
}

// 7 significant digits, returned as a JS number (JSON prints the shortest form).
const round7 = (x) => Number(x.toPrecision(7));

async function embedModel(m) {
  const tokenizer = loadTokenizer(join(MODEL_DIR, `${m.name}-tokenizer.json`));
  const session = await ort.InferenceSession.create(join(MODEL_DIR, `${m.name}.onnx`), {
    intraOpNumThreads: 1,
    interOpNumThreads: 1,
    executionProviders: ['cpu'],
  });
  const want = ['input_ids', 'attention_mask', 'token_type_ids'];
  for (const n of want) if (!session.inputNames.includes(n)) throw new Error(`${m.name}: missing input ${n}, has ${session.inputNames}`);

  const cls = tokenizer.token_to_id('[CLS]');
  const sep = tokenizer.token_to_id('[SEP]');
  const results = [];
  for (const text of m.texts) {
    const enc = tokenizer.encode(text, { add_special_tokens: true });
    const ids = enc.input_ids ?? enc.ids;
    const n = ids.length;
    if (ids[0] !== cls || ids[n - 1] !== sep) throw new Error(`${m.name}: expected [CLS] ... [SEP], got ${ids}`);
    if (n > m.maxTokens) throw new Error(`${m.name}: ${n} tokens > max ${m.maxTokens} (reference never truncates)`);
    if (ids.includes(tokenizer.token_to_id('[PAD]'))) throw new Error(`${m.name}: padding found in ${ids}`);

    const feeds = {
      input_ids: new ort.Tensor('int64', BigInt64Array.from(ids, BigInt), [1, n]),
      attention_mask: new ort.Tensor('int64', new BigInt64Array(n).fill(1n), [1, n]),
      token_type_ids: new ort.Tensor('int64', new BigInt64Array(n), [1, n]),
    };
    const out = await session.run(feeds);
    const hidden = out[session.outputNames[0]];
    const [b, seq, dim] = hidden.dims;
    if (b !== 1 || seq !== n || dim !== 384) throw new Error(`${m.name}: unexpected output dims ${hidden.dims}`);
    const h = hidden.data; // Float32Array, row-major [1, seq, dim]

    // Pool in float64.
    const v = new Float64Array(dim);
    if (m.pooling === 'cls') {
      for (let d = 0; d < dim; d++) v[d] = h[d];
    } else {
      // masked mean; mask is all ones here (no padding), so this is the plain mean
      const mask = feeds.attention_mask.data;
      let count = 0;
      for (let t = 0; t < seq; t++) {
        if (mask[t] === 0n) continue;
        count++;
        for (let d = 0; d < dim; d++) v[d] += h[t * dim + d];
      }
      for (let d = 0; d < dim; d++) v[d] /= count;
    }
    let norm = 0;
    for (let d = 0; d < dim; d++) norm += v[d] * v[d];
    norm = Math.sqrt(norm);
    const vector = Array.from(v, (x) => round7(x / norm));

    results.push({ text, tokenIds: Array.from(ids, Number), vector });
    for (const t of Object.values(out)) t.dispose?.();
  }
  await session.release();
  return results;
}

const output = {
  generatedBy: 'tools/reference/embed-reference.mjs',
  onnxruntime: pkgVersion('onnxruntime-node'),
  tokenizer: `@huggingface/tokenizers@${pkgVersion('@huggingface/tokenizers')}`,
  models: {},
};
for (const m of MODELS) {
  output.models[m.name] = await embedModel(m);
  console.error(`${m.name}: ${output.models[m.name].length} vectors`);
}
mkdirSync(dirname(OUT), { recursive: true });
// Pretty-print, but keep each numeric array (tokenIds, vector) on one line.
const json = JSON.stringify(output, null, 2).replace(/\[[-0-9.e+,\s]*\]/g, (a) => a.replace(/\s+/g, ''));
writeFileSync(OUT, json + '\n');
console.error(`wrote ${OUT}`);
