#!/usr/bin/env python3
"""Banking77 1-NN intent accuracy under unsupervised vector post-processing and model ensembles.

Reads the passage-vector caches that `kb eval --cache DIR` writes (32-byte SHA-256 of the text, then the vector as
big-endian float32) for the three built-in models and bge-small-en (v1, from the
LangChain4j jar of that name, read as a model folder), plus "bge-instr": bge-small-en-v1.5 with the
retrieval instruction as its passage prefix, so that its cache holds every text embedded as a query, and scores 1-NN intent accuracy exactly (brute force) over the
same ten holdout folds as `kb eval --split holdout-K`: the documents at positions p with p mod 10 = K are the
queries, the other nine tenths the corpus. Only the corpus (train split) is used; the test queries are never read.

usage: analysis.py CORPUS_JSONL CACHE_ROOT   (CACHE_ROOT/<model>/<model>.vectors)
"""
import hashlib, json, sys
import numpy as np

MODELS = ["bge-small-en-v1.5", "e5-small-v2", "all-minilm-l6-v2", "bge-small-en"]
corpus = [json.loads(line) for line in open(sys.argv[1])]
labels = np.array([d["metadata"]["intent"] for d in corpus])
fold = np.arange(len(corpus)) % 10
same_fold = fold[:, None] == fold[None, :]


def unit(m):
    return m / np.linalg.norm(m, axis=1, keepdims=True)


def vectors(model):
    raw = open(f"{sys.argv[2]}/{model}/{model}.vectors", "rb").read()
    size = 32 + 384 * 4
    cache = {raw[i:i + 32].hex(): np.frombuffer(raw[i + 32:i + size], dtype=">f4") for i in range(0, len(raw), size)}
    rows, missing = [], 0
    for d in corpus:
        v = cache.get(hashlib.sha256(d["text"].encode()).hexdigest())
        if v is None:  # the chunker changed the text (whitespace): the document can then never be a neighbour
            missing += 1
            v = np.full(384, np.nan)
        rows.append(v.astype(np.float64))
    return unit(np.array(rows)), missing


def accuracy(similarity):
    s = np.where(same_fold | np.isnan(similarity), -np.inf, similarity)
    return (labels[s.argmax(1)] == labels).mean()


def report(name, similarity):
    print(f"| {name} | {accuracy(similarity):.4f} |")


INSTRUCTED = "bge-instr"
print("| setting (10 folds pooled, 10,003 queries, exact 1-NN) | top-1 intent accuracy |\n|---|---:|")
vec, sim = {}, {}
for m in MODELS:
    vec[m], missing = vectors(m)
    sim[m] = vec[m] @ vec[m].T
    report(f"{m} ({missing} documents not in the cache)", sim[m])

x = np.nan_to_num(vec["bge-small-en-v1.5"])
centred = x - x.mean(0)
report("bge: mean-centred", unit(centred) @ unit(centred).T)
_, _, components = np.linalg.svd(centred, full_matrices=False)
for d in (1, 2, 5):  # all-but-the-top (Mu & Viswanath 2018): drop the top d principal components
    p = components[:d]
    y = unit(centred - centred @ p.T @ p)
    report(f"bge: all-but-the-top, d={d}", y @ y.T)

base = np.where(same_fold, -np.inf, sim["bge-small-en-v1.5"])
order = np.argsort(-base, axis=1)
for k in (2, 3, 5):  # query expansion: the query moves towards its k first-pass neighbours (what --feedback-docs does)
    q = unit(x + x[order[:, :k]].sum(1))
    report(f"bge: query expansion, k={k}", q @ x.T)

hits = 0
for f in range(10):  # database-side augmentation: each corpus vector averaged with its nearest corpus neighbour
    c, q = np.where(fold != f)[0], np.where(fold == f)[0]
    s = x[c] @ x[c].T
    np.fill_diagonal(s, -np.inf)
    aug = unit(x[c] + x[c][s.argmax(1)])
    hits += (labels[c][(x[q] @ aug.T).argmax(1)] == labels[q]).sum()
print(f"| bge: database-side augmentation, k=1 | {hits / len(corpus):.4f} |")


def z(s):
    finite = s[np.isfinite(s)]
    return (s - finite.mean()) / finite.std()


for w in (0.9, 0.7, 0.5):  # score-level ensembles, each model's cosines standardised first
    report(f"ensemble {w} bge + {1 - w:.1f} e5", w * z(sim["bge-small-en-v1.5"]) + (1 - w) * z(sim["e5-small-v2"]))
    report(f"ensemble {w} bge + {1 - w:.1f} MiniLM",
           w * z(sim["bge-small-en-v1.5"]) + (1 - w) * z(sim["all-minilm-l6-v2"]))
    report(f"ensemble {w} bge + {1 - w:.1f} bge v1",
           w * z(sim["bge-small-en-v1.5"]) + (1 - w) * z(sim["bge-small-en"]))

instructed = np.nan_to_num(vectors(INSTRUCTED)[0])
for a in (0.75, 0.5, 0.0):  # dual query encoding: a * (query as passage) + (1 - a) * (query with the instruction)
    q = unit(a * x + (1 - a) * instructed)
    report(f"bge: query = {a} as passage + {1 - a} with instruction", q @ x.T)
