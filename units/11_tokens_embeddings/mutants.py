"""Known-wrong answers for 11_tokens_embeddings: each must lose its test cell's points (python -m tools.gradecheck 11_tokens_embeddings),
and right answers written differently (CORRECT): each must keep them."""

from grading.mutants import edit

MUTANTS = {
    "ex_char_tokenize": [
        # keeps the spaces
        ("keeps_spaces", edit(("[ch for ch in text if not ch.isspace()]", "list(text)"))),
        # drops only the ASCII space, not tabs/newlines
        ("only_space", edit(("not ch.isspace()", "ch != ' '"))),
        # whitespace words instead of characters
        ("words", edit(("[ch for ch in text if not ch.isspace()]", "text.split()"))),
    ],
    "ex_vocab": [
        # ties in Counter's first-seen order instead of string order
        ("tie_first_seen", edit(("sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))", "counts.most_common()"))),
        # strict > min_freq
        ("strict_min_freq", edit(("if n >= min_freq and", "if n > min_freq and"))),
        # a special that also occurs in the text gets a second id
        ("special_twice", edit(("if n >= min_freq and tok not in vocab:\n            vocab[tok] = len(vocab)",
                                "if n >= min_freq:\n            vocab[tok] = len(vocab)"))),
        # unknown tokens mapped to a fixed id 1 instead of vocab[unk]
        ("unk_is_1", edit(("vocab.get(t, vocab[unk])", "vocab.get(t, 1)"))),
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
    ],
    "ex_mean_pool": [
        # mean over every position, pads included
        ("mean_all", """def mean_pool(hidden, mask):
    return hidden.mean(dim=1)
"""),
        # masked sum divided by the padded length
        ("divide_by_T", edit(("/ m.sum(dim=1).clamp(min=1)", "/ hidden.shape[1]"))),
        # no guard: all-pad rows become nan
        ("nan_rows", edit((".clamp(min=1)", ""))),
        # float32 result for float64 input
        ("float32", edit(("m = mask.unsqueeze(-1).to(hidden.dtype)", "m = mask.unsqueeze(-1).float()\n    hidden = hidden.float()"))),
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
    ],
    "ex_unk_experiment": [
        # the smallest min_freq (largest vocabulary) instead of the largest one under the threshold
        ("smallest", edit(("best_min_freq = max(mf for mf in MIN_FREQS if rates[mf] < 0.015)",
                           "best_min_freq = min(mf for mf in MIN_FREQS if rates[mf] < 0.015)"))),
        # vocabulary size without the two specials
        ("size_without_specials", edit(("best_vocab_size = len(build_vocab(train_chars, best_min_freq))",
                                        "best_vocab_size = len(build_vocab(train_chars, best_min_freq)) - 2"))),
        # rate over distinct characters instead of tokens
        ("rate_over_types", edit(("    return sum(t not in vocab for tokens in token_lists for t in tokens) / total",
                                  "    types = {t for tokens in token_lists for t in tokens}\n    return sum(t not in vocab for t in types) / len(types)"))),
        # the threshold read as 15 %
        ("threshold_15pct", edit(("rates[mf] < 0.015", "rates[mf] < 0.15"))),
    ],
}

CORRECT = {
    "ex_char_tokenize": [
        ("split_join", """def char_tokenize(text):
    return list("".join(text.split()))
"""),
    ],
    "ex_vocab": [
        ("two_stable_sorts", """def build_vocab(token_lists, min_freq, specials=("[PAD]", "[UNK]")):
    counts = {}
    for tokens in token_lists:
        for t in tokens:
            counts[t] = counts.get(t, 0) + 1
    kept = sorted(t for t, n in counts.items() if n >= min_freq and t not in specials)
    kept.sort(key=lambda t: counts[t], reverse=True)
    return {t: i for i, t in enumerate(list(specials) + kept)}


def encode(tokens, vocab, unk="[UNK]"):
    out = []
    for t in tokens:
        try:
            out.append(vocab[t])
        except KeyError:
            out.append(vocab[unk])
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
    "ex_mean_pool": [
        ("einsum_where", """def mean_pool(hidden, mask):
    m = mask.to(hidden.dtype)
    total = torch.einsum("btd,bt->bd", hidden, m)
    count = m.sum(dim=1, keepdim=True)
    return torch.where(count > 0, total / count, torch.zeros_like(total))
"""),
        ("loop_rows", """def mean_pool(hidden, mask):
    rows = []
    for h, m in zip(hidden, mask):
        keep = h[m.bool()]
        rows.append(keep.mean(dim=0) if len(keep) else torch.zeros(h.shape[1], dtype=h.dtype, device=h.device))
    return torch.stack(rows)
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
    ],
    "ex_unk_experiment": [
        ("counter_once", """MIN_FREQS = (1, 2, 5, 10, 20, 50, 100)


def unk_rate(token_lists, vocab):
    flat = [t for tokens in token_lists for t in tokens]
    return float(sum(1 for t in flat if t not in vocab) / len(flat)) if flat else 0.0


counts = collections.Counter(ch for t in train_texts for ch in char_tokenize(t))
test_chars = [char_tokenize(t) for t in test_texts]
best_min_freq, best_vocab_size = None, None
for mf in MIN_FREQS:
    kept = {c for c, n in counts.items() if n >= mf}
    if unk_rate(test_chars, kept) < 0.015:
        best_min_freq, best_vocab_size = mf, len(kept) + 2
"""),
    ],
}
