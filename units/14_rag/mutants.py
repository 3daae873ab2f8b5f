"""Known-wrong answers for 14_rag: each must lose its exercise's points (python -m grading.fastcheck 14_rag).
CORRECT lists right answers in other styles that must keep their points.
"""

from grading.mutants import edit

MUTANTS = {
    "ex_chunk_text": [
        # steps by size: the overlap is ignored
        ("no_overlap_step", edit(("start += size - overlap", "start += size"))),
        # keeps going to the end: an extra tail chunk that lies inside the previous one
        ("extra_tail", edit(("        if start + size >= len(text):\n            break\n", ""))),
        # windows of size - overlap characters
        ("short_windows", edit(("pieces.append(text[start:start + size])", "pieces.append(text[start:start + size - overlap])"))),
        # only overlap > size is refused; overlap == size would never advance (guarded so the test cannot hang)
        ("allows_equal", edit(("if size < 1 or overlap < 0 or overlap >= size:", "if size < 1 or overlap < 0 or overlap > size:"),
                              ("start += size - overlap", "start += max(size - overlap, 1)"))),
        # an empty text gives one empty chunk
        ("empty_gives_chunk", edit(("    pieces, start = [], 0\n", "    if not text:\n        return [\"\"]\n    pieces, start = [], 0\n"))),
    ],
    "ex_tokenize_ko": [
        # no lowercasing: "GPU" and "gpu" differ, and uppercase latin is dropped by the pattern
        ("no_lower", edit(("text.lower()", "text"))),
        # one n-gram too few (the last one of every run is lost)
        ("off_by_one", edit(("range(len(piece) - n + 1)", "range(len(piece) - n)"))),
        # n-grams of latin words too
        ("latin_ngrams", edit(("if hangul and len(piece) > n", "if len(piece) > n"))),
        # n-grams across the whole text, crossing runs (spaces removed)
        ("across_runs", """
def tokenize_ko(text: str, n: int = 2, join_spaces: bool = False) -> list[str]:
    joined = "".join(re.findall(r"[가-힣]+", text.lower()))
    latin = re.findall(r"[a-z0-9_]+", text.lower())
    return [joined[i:i + n] for i in range(len(joined) - n + 1)] + latin
"""),
        # short Hangul runs dropped
        ("drops_short", edit(("if hangul and len(piece) > n else [piece]", "if hangul and len(piece) > n else ([] if hangul else [piece])"))),
        # join_spaces ignored: the default rule in both modes
        ("join_ignored", edit(('hangul_run = r"[가-힣]+(?:\\s+[가-힣]+)*" if join_spaces else r"[가-힣]+"', 'hangul_run = r"[가-힣]+"'))),
        # joins only across plain spaces (tabs and newlines still split)
        ("join_plain_space_only", edit(('r"[가-힣]+(?:\\s+[가-힣]+)*"', 'r"[가-힣]+(?: +[가-힣]+)*"'))),
        # the spaces stay inside the joined run, so n-grams like "델 " appear
        ("join_keeps_spaces", edit(('piece = re.sub(r"\\s+", "", run.group())', "piece = run.group()"))),
        # join mode removes every non-Hangul separator between Hangul runs (punctuation too)
        ("join_across_punctuation", edit(('r"[가-힣]+(?:\\s+[가-힣]+)*"', 'r"[가-힣]+(?:[^가-힣a-z0-9_]+[가-힣]+)*"'),
                                          ('piece = re.sub(r"\\s+", "", run.group())', 'piece = re.sub(r"[^가-힣a-z0-9_]+", "", run.group())'))),
        # join mode also on by default
        ("join_by_default", edit(("join_spaces: bool = False) -> list[str]:", "join_spaces: bool = True) -> list[str]:"))),
    ],
    "ex_bm25_scores": [
        # textbook idf without the +1: negative for tokens in most documents
        ("idf_no_plus_one", edit(("math.log((n_docs - n_t + 0.5) / (n_t + 0.5) + 1)", "math.log((n_docs - n_t + 0.5) / (n_t + 0.5))"))),
        # repeated query tokens counted again
        ("query_duplicates", edit(("for term in set(query_tokens):", "for term in query_tokens:"))),
        # forgets (k1 + 1) in the numerator
        ("no_k1_plus_one", edit(("total += weight * freq * (k1 + 1) / (freq + norm)", "total += weight * freq / (freq + norm)"))),
        # document length measured in distinct tokens
        ("distinct_length", edit(("[float(len(d)) for d in docs_tokens]", "[float(len(set(d))) for d in docs_tokens]"))),
        # float32 result
        ("float32", edit(("    return total", "    return total.float()"))),
        # length normalisation inverted (avgdl / |d|)
        ("inverted_length", edit(("b * doc_len / doc_len.mean()", "b * doc_len.mean() / doc_len"))),
    ],
    "ex_top_k": [
        # no per-document dedup: the plain stable top k
        ("no_dedup", """
def top_k(scores: torch.Tensor, doc_ids: list[int], k: int) -> list[int]:
    if k <= 0:
        return []
    return [int(i) for i in torch.sort(scores, descending=True, stable=True).indices[:k]]
"""),
        # top k chunks first, duplicates removed afterwards (fewer than k documents)
        ("dedup_after_cut", """
def top_k(scores: torch.Tensor, doc_ids: list[int], k: int) -> list[int]:
    if k <= 0:
        return []
    out, seen = [], set()
    for i in torch.sort(scores, descending=True, stable=True).indices[:k].tolist():
        if doc_ids[i] not in seen:
            seen.add(doc_ids[i])
            out.append(int(i))
    return out
"""),
        # a document's representative on ties is its last chunk (>= overwrites)
        ("tie_keeps_last_chunk", """
def top_k(scores: torch.Tensor, doc_ids: list[int], k: int) -> list[int]:
    if k <= 0:
        return []
    best = {}
    for i, d in enumerate(doc_ids):
        if d not in best or float(scores[i]) >= float(scores[best[d]]):
            best[d] = i
    return sorted(best.values(), key=lambda i: (-float(scores[i]), i))[:k]
"""),
        # returns document numbers instead of chunk positions
        ("returns_doc_ids", edit(("            picked.append(int(i))", "            picked.append(int(doc_ids[i]))"))),
        # ties: larger index first
        ("ties_reversed", edit(("torch.sort(scores, descending=True, stable=True)", "torch.sort(scores.flip(0), descending=True, stable=True)"),
                               ("    for i in order:", "    for i in [len(doc_ids) - 1 - j for j in order]:"))),
        # k <= 0 not handled: a negative k returns everything
        ("negative_k", edit(("    if k <= 0:\n        return []\n", ""))),
    ],
    "ex_metrics": [
        # per-question share of gold chunks found, averaged (classification recall)
        ("fraction_of_gold", edit(("hits = [bool(set(r[:k]) & g) for r, g in zip(ranked, gold)]",
                                   "hits = [len(set(r[:k]) & g) / len(g) for r, g in zip(ranked, gold)]"))),
        # off by one: first k - 1 results
        ("k_minus_one", edit(("set(r[:k])", "set(r[:k - 1])"))),
        # 0-based rank
        ("zero_based_rank", edit(("enumerate(r, 1)", "enumerate(r, 0)"))),
        # averages over the questions that found something
        ("mrr_over_found", edit(("return float(total / len(ranked))", "return float(total / max(1, sum(any(c in g for c in r) for r, g in zip(ranked, gold))))"))),
        # sums 1/rank over every gold chunk
        ("mrr_all_gold", edit(("total += next((1.0 / pos for pos, c in enumerate(r, 1) if c in g), 0.0)",
                               "total += sum(1.0 / pos for pos, c in enumerate(r, 1) if c in g)"))),
        # MRR@10: ranks past 10 count as 0 (found by the blind check)
        ("mrr_cut_at_10", edit(("for pos, c in enumerate(r, 1) if c in g", "for pos, c in enumerate(r[:10], 1) if c in g"))),
    ],
    "ex_build_prompt": [
        # skips a chunk that does not fit and tries the next ones
        ("skips_and_continues", edit(("            break\n", "            continue\n"))),
        # cuts the chunk that does not fit
        ("truncates", """
HEADER = "다음 자료만 근거로 답하고, 문장마다 근거 번호를 [번호] 로 적으세요."


def build_prompt(question: str, chunks: list[str], max_chars: int) -> str:
    lines = [HEADER]
    tail = "질문: " + question
    for number, piece in enumerate(chunks, 1):
        line = f"[{number}] {piece}"
        room = max_chars - len("\\n".join(lines + [line, tail])) + len(line)
        if room < len(line):
            if room > len(f"[{number}] "):
                lines.append(line[:room])
            break
        lines.append(line)
    return "\\n".join(lines + [tail])
"""),
        # numbering from 0
        ("zero_based", edit(("enumerate(chunks, 1)", "enumerate(chunks, 0)"))),
        # budget counts the chunks only, not the header and question
        ("budget_chunks_only", edit(("if len(\"\\n\".join(candidate)) > max_chars:", "if len(\"\\n\".join(candidate[1:-1])) > max_chars:"))),
        # question first
        ("question_first", edit(("return \"\\n\".join(lines + [tail])", "return \"\\n\".join([tail] + lines)"))),
        # a prompt of exactly max_chars is refused (found by the blind check)
        ("boundary_ge", edit(("if len(\"\\n\".join(candidate)) > max_chars:", "if len(\"\\n\".join(candidate)) >= max_chars:"))),
        # running length without the "\n" separators (found by the blind check)
        ("no_separators_counted", edit(("if len(\"\\n\".join(candidate)) > max_chars:", "if len(\"\".join(candidate)) > max_chars:"))),
    ],
    "ex_answer_extractive": [
        # counts repeated tokens (lists, not sets)
        ("counts_repeats", edit(("score = len(wanted & set(tokenize_ko(sentence, 2)))",
                                 "score = sum(t in wanted for t in tokenize_ko(sentence, 2))"))),
        # ties go to the later sentence
        ("later_wins_ties", edit(("if score > best_score:", "if score >= best_score and score > 0:"))),
        # 0-based citation
        ("zero_based_citation", edit(("enumerate(chunks, 1)", "enumerate(chunks, 0)"))),
        # no strip
        ("no_strip", edit(("sentence = sentence.strip()", "sentence = sentence"))),
        # returns the first sentence even without any overlap
        ("answers_without_evidence", edit(("best_score, best = 0, (\"\", 0)", "best_score, best = -1, (\"\", 0)"))),
        # shared tokens counted with multiplicity, Counter & Counter (found by the blind check)
        ("multiset_overlap", edit(("score = len(wanted & set(tokenize_ko(sentence, 2)))",
                                   "score = sum((Counter(tokenize_ko(question, 2)) & Counter(tokenize_ko(sentence, 2))).values())"))),
    ],
    "ex_budget_experiment": [
        # k fixed at 5 (no budget): larger chunks look better
        ("k_fixed_5", edit(("ranker.search(q, BUDGET // size)", "ranker.search(q, 5)"))),
        # picks the smallest chunks
        ("argmin", edit(("BEST_SIZE = max(SIZES, key=lambda s: budget_recall[s])", "BEST_SIZE = min(SIZES, key=lambda s: budget_recall[s])"))),
        # no title in the index
        ("no_title", edit(("ranker = BM25Ranker([TITLES[doc_id] + \"\\n\" + piece for doc_id, piece in pool])",
                           "ranker = BM25Ranker([piece for doc_id, piece in pool])"))),
        # biggest chunks reported as best regardless of the measurement
        ("largest", edit(("BEST_SIZE = max(SIZES, key=lambda s: budget_recall[s])",
                          "BEST_SIZE = 1500\nbudget_recall[1500] = max(budget_recall.values())"))),
        # the following four were found by the blind check
        # overlap size // 6: recall moves by a few questions only, BEST_SIZE unchanged
        ("overlap_sixth", edit(("chunk_text(d[\"text\"], size, size // 5)", "chunk_text(d[\"text\"], size, size // 6)"))),
        # chunks sorted by length instead of tutorial and chunk order
        ("sorted_by_length", edit(("    return [(d[\"id\"], piece) for d in docs for piece in chunk_text(d[\"text\"], size, size // 5)]",
                                   "    return sorted([(d[\"id\"], piece) for d in docs for piece in chunk_text(d[\"text\"], size, size // 5)],"
                                   " key=lambda x: -len(x[1]))"))),
        # [id, text] lists instead of tuples
        ("make_chunks_lists", edit(("return [(d[\"id\"], piece) for d", "return [[d[\"id\"], piece] for d"))),
        ("retrieve_lists", edit(("return [[pool[i] for i in ranker.search", "return [[list(pool[i]) for i in ranker.search"))),
    ],
}

CORRECT = {
    "ex_chunk_text": [
        ("range_based", """
def chunk_text(text: str, size: int, overlap: int) -> list[str]:
    if not (size >= 1 and 0 <= overlap < size):
        raise ValueError("bad size/overlap")
    if not text:
        return []
    return [text[s:s + size] for s in range(0, max(len(text) - overlap, 1), size - overlap)]
"""),
    ],
    "ex_tokenize_ko": [
        ("regex_loop", """
def tokenize_ko(text: str, n: int = 2, join_spaces: bool = False) -> list[str]:
    text = text.lower()
    if join_spaces:
        text = re.sub(r"(?<=[가-힣])\\s+(?=[가-힣])", "", text)
    out = []
    for w in re.findall(r"[가-힣]+|[a-z0-9_]+", text):
        if re.fullmatch(r"[가-힣]+", w) and len(w) > n:
            for i in range(len(w) - n + 1):
                out.append(w[i:i + n])
        else:
            out.append(w)
    return out
"""),
        ("merge_neighbour_runs", """
def tokenize_ko(text, n=2, join_spaces=False):
    low = text.lower()
    runs = []  # [end position, word]
    for m in re.finditer(r"[가-힣]+|[a-z0-9_]+", low):
        w = m.group()
        if (join_spaces and runs and "가" <= w[0] <= "힣" and "가" <= runs[-1][1][0] <= "힣"
                and low[runs[-1][0]:m.start()].isspace()):
            runs[-1] = [m.end(), runs[-1][1] + w]
        else:
            runs.append([m.end(), w])
    out = []
    for _, w in runs:
        out += [w[i:i + n] for i in range(len(w) - n + 1)] if "가" <= w[0] <= "힣" and len(w) > n else [w]
    return out
"""),
    ],
    "ex_bm25_scores": [
        ("plain_python", """
def bm25_scores(query_tokens, docs_tokens, k1=1.5, b=0.75):
    N = len(docs_tokens)
    avgdl = sum(len(d) for d in docs_tokens) / N
    df = Counter(t for d in docs_tokens for t in set(d))
    out = []
    for d in docs_tokens:
        tf = Counter(d)
        s = 0.0
        for t in dict.fromkeys(query_tokens):
            if tf[t]:
                idf = math.log(1 + (N - df[t] + 0.5) / (df[t] + 0.5))
                s += idf * tf[t] * (k1 + 1) / (tf[t] + k1 * (1 - b + b * len(d) / avgdl))
        out.append(s)
    return torch.tensor(out, dtype=torch.float64)
"""),
    ],
    "ex_top_k": [
        ("best_per_doc_dict", """
def top_k(scores, doc_ids, k):
    values = scores.tolist()
    best = {}
    for i, d in enumerate(doc_ids):
        if d not in best or values[i] > values[best[d]]:
            best[d] = i
    return sorted(best.values(), key=lambda i: (-values[i], i))[:max(k, 0)]
"""),
        ("numpy_lexsort", """
def top_k(scores, doc_ids, k):
    s = scores.numpy()
    order = np.lexsort((np.arange(len(s)), -s))
    ids = np.asarray(doc_ids)[order]
    _, first = np.unique(ids, return_index=True)
    keep = order[np.sort(first)]
    return [int(i) for i in keep[:max(k, 0)]]
"""),
    ],
    "ex_metrics": [
        ("numpy_style", """
def recall_at_k(ranked, gold, k):
    return float(np.mean([any(c in g for c in r[:k]) for r, g in zip(ranked, gold)]))


def mrr(ranked, gold):
    rr = []
    for r, g in zip(ranked, gold):
        pos = [i for i, c in enumerate(r) if c in g]
        rr.append(1.0 / (pos[0] + 1) if pos else 0.0)
    return float(np.mean(rr))
"""),
    ],
    "ex_build_prompt": [
        ("length_arithmetic", """
HEADER = "다음 자료만 근거로 답하고, 문장마다 근거 번호를 [번호] 로 적으세요."


def build_prompt(question, chunks, max_chars):
    body = ""
    used = len(HEADER) + 1 + len("질문: " + question)
    for i, c in enumerate(chunks):
        line = f"[{i + 1}] {c}\\n"
        if used + len(line) > max_chars:
            break
        body += line
        used += len(line)
    return HEADER + "\\n" + body + "질문: " + question
"""),
    ],
    "ex_answer_extractive": [
        ("collect_then_max", """
def answer_extractive(question, chunks):
    q = set(tokenize_ko(question))
    cands = []
    for i, c in enumerate(chunks):
        for s in re.split(r"(?<=[.?!])\\s+|\\n+", c):
            if s.strip():
                cands.append((len(q & set(tokenize_ko(s.strip()))), -len(cands), s.strip(), i + 1))
    if not cands or max(cands)[0] == 0:
        return ("", 0)
    best = max(cands)
    return (best[2], best[3])
"""),
    ],
}
