"""Known-wrong answers for 11_tokens_embeddings: each must lose its test cell's points (python -m tools.gradecheck 11_tokens_embeddings),
and right answers written differently (CORRECT): each must keep them."""

from grading.mutants import edit

MUTANTS = {
    "ex_bigram_tokenize": [
        # bigrams across word boundaries (spaces removed first)
        ("across_words", """def bigram_tokenize(text):
    s = "".join(text.split())
    return [s[i:i + 2] for i in range(len(s) - 1)] if len(s) > 1 else list(s)
"""),
        # one-character words dropped
        ("drops_single", edit(("        if len(word) == 1:\n            out.append(word)\n        else:\n            out.extend",
                               "        if len(word) > 1:\n            out.extend"))),
        # non-overlapping pieces ("영화관" -> "영화", "관")
        ("non_overlapping", edit(("out.extend(word[i:i + 2] for i in range(len(word) - 1))",
                                  "out.extend(word[i:i + 2] for i in range(0, len(word), 2))"))),
        # splits only on the ASCII space, so tabs and newlines stay inside words
        ("space_only", edit(("for word in text.split():", "for word in text.split(' '):\n        if not word:\n            continue"))),
    ],
    "ex_vocab_cap": [
        # ties in Counter's first-seen order instead of string order
        ("tie_first_seen", edit(("sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))", "counts.most_common()"))),
        # max_size read as the number of non-special tokens
        ("cap_without_specials", edit(("if len(vocab) >= max_size:", "if len(vocab) >= max_size + len(specials):"))),
        # a special seen in the text still uses up a place
        ("special_takes_place", """def build_vocab(token_lists, max_size, specials=("[PAD]", "[UNK]")):
    counts = collections.Counter(t for tokens in token_lists for t in tokens)
    order = sorted(counts, key=lambda t: (-counts[t], t))[:max_size - len(specials)]
    vocab = {s: i for i, s in enumerate(specials)}
    for tok in order:
        if tok not in vocab:
            vocab[tok] = len(vocab)
    return vocab


def decode(ids, vocab, skip=("[PAD]",)):
    inverse = {i: t for t, i in vocab.items()}
    return [inverse[i] for i in ids if inverse[i] not in skip]
"""),
        # decode skips a fixed "[PAD]" instead of the skip argument
        ("skip_fixed_pad", edit(("if inverse[i] not in skip]", "if inverse[i] != \"[PAD]\"]"))),
        # decode stops at the first skipped token (truncates instead of dropping)
        ("decode_truncates", edit(("    return [inverse[i] for i in ids if inverse[i] not in skip]",
                                   "    out = []\n    for i in ids:\n        if inverse[i] in skip:\n            break\n"
                                   "        out.append(inverse[i])\n    return out"))),
    ],
    "ex_bpe": [
        # ties broken by the largest pair
        ("tie_largest", edit(("pair = min(counts, key=lambda p: (-counts[p], p))", "pair = max(counts, key=lambda p: (counts[p], p))"))),
        # ties broken by first occurrence (Counter.most_common)
        ("tie_first_seen", edit(("pair = min(counts, key=lambda p: (-counts[p], p))", "pair = counts.most_common(1)[0][0]"))),
        # overlapping merge: "ㅋㅋㅋ" -> ["ㅋㅋ", "ㅋㅋ"] style double use of the middle token
        ("merge_overlap", edit(("            out.append(pair[0] + pair[1])\n            i += 2",
                                "            out.append(pair[0] + pair[1])\n            i += 1"))),
        # counts distinct pairs per text instead of every position
        ("count_once_per_text", edit(("p for s in seqs for p in zip(s, s[1:])", "p for s in seqs for p in set(zip(s, s[1:]))"))),
        # encodes with the merges in reverse order
        ("encode_reversed", edit(("    for pair in merges:\n        tokens = merge_pair(tokens, pair)",
                                  "    for pair in reversed(merges):\n        tokens = merge_pair(tokens, pair)"))),
        # consumes the caller's merges list (blind review)
        ("encode_pops_merges", edit(("    for pair in merges:\n        tokens = merge_pair(tokens, pair)",
                                     "    while merges:\n        tokens = merge_pair(tokens, merges.pop(0))"))),
        # ties broken by the joined string a + b instead of the tuple (blind review)
        ("tie_joined_string", edit(("pair = min(counts, key=lambda p: (-counts[p], p))",
                                    "pair = min(counts, key=lambda p: (-counts[p], p[0] + p[1], p))"))),
    ],
    "ex_max_pool": [
        # the (B, T, D) layout of the lecture: time taken as axis 1
        ("batch_first", """def max_pool(hidden, lengths):
    out = []
    for b, n in enumerate(lengths):
        out.append(hidden[b, :n].amax(dim=0) if n else hidden.new_zeros(hidden.shape[2]))
    return torch.stack(out)
"""),
        # pads included in the max
        ("max_all", """def max_pool(hidden, lengths):
    out = hidden.amax(dim=0)
    return torch.where(torch.tensor(lengths, device=hidden.device)[:, None] > 0, out, torch.zeros_like(out))
"""),
        # pads filled with 0 instead of -inf: wrong when every real value is negative
        ("fill_zero", edit(('float("-inf")', "0.0"))),
        # empty sequences left at -inf
        ("empty_is_inf", edit(("    return torch.where(valid.any(dim=0)[:, None], pooled, torch.zeros_like(pooled))", "    return pooled"))),
        # result moved to the CPU
        ("to_cpu", edit(("    return torch.where(valid.any(dim=0)[:, None], pooled, torch.zeros_like(pooled))",
                         "    return torch.where(valid.any(dim=0)[:, None], pooled, torch.zeros_like(pooled)).cpu()"))),
        # float32 result for float64 input
        ("float32", edit(("    T = hidden.shape[0]", "    hidden = hidden.float()\n    T = hidden.shape[0]"))),
    ],
    "ex_cosine": [
        # raw dot products (no normalisation)
        ("dot_only", edit(("    return a_n @ b_n.T", "    return a @ b.T"))),
        # no eps: zero vectors give nan
        ("no_eps", edit(("a / a.norm(dim=1, keepdim=True).clamp(min=eps)", "a / a.norm(dim=1, keepdim=True)"),
                        ("b / b.norm(dim=1, keepdim=True).clamp(min=eps)", "b / b.norm(dim=1, keepdim=True)"))),
        # the query itself is not excluded
        ("includes_self", edit(("    sims[i] = -float(\"inf\")\n", ""))),
        # neighbours by dot product
        ("nn_by_dot", edit(("sims = cosine_sim_matrix(emb[i:i + 1], emb)[0]", "sims = emb @ emb[i]"))),
        # removes the query from the caller's words list (blind review)
        ("words_remove", edit(("    i = words.index(query)\n    sims = cosine_sim_matrix(emb[i:i + 1], emb)[0]\n    sims[i] = -float(\"inf\")\n"
                               "    return [words[j] for j in sims.topk(k).indices.tolist()]",
                               "    i = words.index(query)\n    sims = cosine_sim_matrix(emb[i:i + 1], emb)[0]\n    words.remove(query)\n"
                               "    keep = [j for j in range(emb.shape[0]) if j != i]\n"
                               "    return [words[j] for j in sims[keep].topk(k).indices.tolist()]"))),
        # similarity matrix moved to the CPU (blind review)
        ("to_cpu", edit(("    return a_n @ b_n.T", "    return (a_n @ b_n.T).cpu()"))),
    ],
    "ex_size_experiment": [
        # the largest size under 10 % instead of the smallest
        ("largest", edit(("best_size_char = min(", "best_size_char = max("), ("best_size_bigram = min(", "best_size_bigram = max("))),
        # measured on the training reviews (bigram answer 16000 instead of the held-out one)
        ("on_train", edit(("rates[name] = [unk_rate(test_tokens,", "rates[name] = [unk_rate(train_tokens,"))),
        # the threshold read as 10 (percent) on a fraction
        ("threshold_percent", edit(('rates["char"]) if r < 0.10)', 'rates["char"]) if r < 10)'), ('rates["bigram"]) if r < 0.10)', 'rates["bigram"]) if r < 10)'))),
        # rate over distinct token types instead of tokens
        ("rate_over_types", edit(("    return sum(t not in vocab for tokens in token_lists for t in tokens) / total",
                                  "    types = {t for tokens in token_lists for t in tokens}\n    return sum(t not in vocab for t in types) / len(types)"))),
        # mean of per-review rates
        ("per_list_mean", edit(("    return sum(t not in vocab for tokens in token_lists for t in tokens) / total",
                                "    rs = [sum(t not in vocab for t in x) / len(x) for x in token_lists if x]\n    return sum(rs) / len(rs)"))),
    ],
}

CORRECT = {
    "ex_bigram_tokenize": [
        ("zip_pairs", """def bigram_tokenize(text):
    out = []
    for w in text.split():
        out += [a + b for a, b in zip(w, w[1:])] or [w]
    return out
"""),
        ("regex_words", """import re


def bigram_tokenize(text):
    words = re.findall(r"\\S+", text)
    return [w[i:i + 2] for w in words for i in range(max(len(w) - 1, 1))]
"""),
    ],
    "ex_vocab_cap": [
        ("two_stable_sorts_slice", """def build_vocab(token_lists, max_size, specials=("[PAD]", "[UNK]")):
    counts = {}
    for tokens in token_lists:
        for t in tokens:
            counts[t] = counts.get(t, 0) + 1
    kept = sorted(t for t in counts if t not in specials)
    kept.sort(key=lambda t: counts[t], reverse=True)
    return {t: i for i, t in enumerate((list(specials) + kept)[:max_size])}


def decode(ids, vocab, skip=("[PAD]",)):
    by_id = sorted(vocab, key=vocab.get)
    out = []
    for i in ids:
        if by_id[i] not in skip:
            out.append(by_id[i])
    return out
"""),
    ],
    "ex_bpe": [
        ("minbpe_style_encode", """def _merge(tokens, pair):
    out, i = [], 0
    while i < len(tokens):
        if tokens[i:i + 2] == list(pair):
            out.append(pair[0] + pair[1])
            i += 2
        else:
            out.append(tokens[i])
            i += 1
    return out


def train_bpe(texts, n_merges):
    seqs = [list(t) for t in texts]
    merges = []
    while len(merges) < n_merges:
        counts = {}
        for s in seqs:
            for p in zip(s, s[1:]):
                counts[p] = counts.get(p, 0) + 1
        if not counts:
            break
        best = max(counts.values())
        pair = min(p for p, n in counts.items() if n == best)
        merges.append(pair)
        seqs = [_merge(s, pair) for s in seqs]
    return merges


def bpe_encode(text, merges):
    rank = {p: r for r, p in reversed(list(enumerate(merges)))}
    tokens = list(text)
    while len(tokens) > 1:
        pairs = [p for p in zip(tokens, tokens[1:]) if p in rank]
        if not pairs:
            break
        tokens = _merge(tokens, min(pairs, key=rank.get))
    return tokens
"""),
    ],
    "ex_max_pool": [
        ("loop_slices", """def max_pool(hidden, lengths):
    rows = []
    for b, n in enumerate(lengths):
        rows.append(hidden[:n, b].max(dim=0).values if n > 0 else hidden.new_zeros(hidden.shape[2]))
    return torch.stack(rows)
"""),
        ("permute_then_mask", """def max_pool(hidden, lengths):
    h = hidden.permute(1, 0, 2)
    lens = torch.as_tensor(lengths, device=h.device)
    pad = torch.arange(h.shape[1], device=h.device)[None, :] >= lens[:, None]
    out = h.masked_fill(pad[:, :, None], torch.finfo(h.dtype).min).max(dim=1).values
    return out * (lens[:, None] > 0).to(out.dtype)
"""),
    ],
    "ex_cosine": [
        ("functional", """def cosine_sim_matrix(a, b, eps=1e-8):
    return F.cosine_similarity(a[:, None, :], b[None, :, :], dim=2, eps=eps)


def nearest_neighbours(emb, words, query, k):
    unit = F.normalize(emb, dim=1)
    q = words.index(query)
    sims = (unit @ unit[q]).tolist()
    order = sorted((j for j in range(len(words)) if j != q), key=lambda j: -sims[j])
    return [words[j] for j in order[:k]]
"""),
        # the blind reviewer's element-wise loop with .item(): same device, but cannot run on meta tensors
        ("loops_item", """import math


def cosine_sim_matrix(a, b, eps=1e-8):
    out = torch.zeros(a.shape[0], b.shape[0], dtype=a.dtype, device=a.device)
    for i in range(a.shape[0]):
        for j in range(b.shape[0]):
            na = max(a[i].norm().item(), eps)
            nb = max(b[j].norm().item(), eps)
            out[i, j] = (a[i] @ b[j]) / (na * nb)
    return out


def nearest_neighbours(emb, words, query, k):
    q = words.index(query)
    s = cosine_sim_matrix(emb, emb[q:q + 1])[:, 0]
    pairs = sorted(((float(s[j]), words[j]) for j in range(len(words)) if j != q), reverse=True)
    return [w for _, w in pairs[:k]]
"""),
    ],
    "ex_size_experiment": [
        # counts the ids equal to vocab["[UNK]"] after encode (the blind reviewer's answer that used to fail)
        ("encode_count", """VOCAB_SIZES = (250, 500, 1000, 2000, 4000, 8000, 16000, 32000, 64000)


def unk_rate(token_lists, vocab):
    ids = [i for toks in token_lists for i in encode(toks, vocab)]
    if not ids:
        return 0.0
    return ids.count(vocab["[UNK]"]) / len(ids)


def _best(tokenize):
    train = [tokenize(t) for t in train_texts]
    test = [tokenize(t) for t in test_texts]
    for size in VOCAB_SIZES:
        if unk_rate(test, build_vocab(train, size)) < 0.1:
            return size


best_size_char = _best(lambda t: list("".join(t.split())))
best_size_bigram = _best(bigram_tokenize)
"""),
        ("counts_once", """VOCAB_SIZES = (250, 500, 1000, 2000, 4000, 8000, 16000, 32000, 64000)


def unk_rate(token_lists, vocab):
    flat = [t for tokens in token_lists for t in tokens]
    return float(sum(1 for t in flat if t not in vocab) / len(flat)) if flat else 0.0


def _best(tokenize):
    counts = collections.Counter(x for t in train_texts for x in tokenize(t))
    order = sorted(counts, key=lambda x: (-counts[x], x))
    test = [tokenize(t) for t in test_texts]
    ok = [size for size in VOCAB_SIZES if unk_rate(test, set(order[:size - 2])) < 0.1]
    return ok[0]


best_size_char = _best(lambda t: [c for c in t if not c.isspace()])
best_size_bigram = _best(bigram_tokenize)
"""),
    ],
}
