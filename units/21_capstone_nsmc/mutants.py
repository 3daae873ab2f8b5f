"""Known-wrong answers (MUTANTS) and right answers in other styles (CORRECT) for 21_capstone_nsmc.

Each mutant must lose its test cell's points and each CORRECT alternative keep them
(python -m grading.fastcheck 21_capstone_nsmc).
"""

from grading.mutants import edit

MUTANTS = {
    "ex_review_stats": [
        # counts only missing values as empty (isna), not "" or whitespace-only strings
        ("isna_only", edit(('"n_empty": sum(1 for s in stripped if not s)',
                            '"n_empty": int(df["document"].isna().sum())'))),
        # length of the raw text (spaces around it counted)
        ("length_not_stripped", edit(("lengths = [len(s) for s, y in zip(stripped, labels) if y == lab and s]",
                                      "lengths = [len(d) for d, s, y in zip(df['document'], stripped, labels) "
                                      "if y == lab and s]"))),
        # empty reviews averaged in with length 0
        ("empty_in_mean", edit(("if y == lab and s]", "if y == lab]"))),
        # fills the caller's frame in place
        ("mutates_df", edit(('    stripped = [', '    df["document"] = df["document"].fillna("")\n    stripped = ['))),
        # "" and NaN counted, whitespace-only strings not
        ("whitespace_not_empty", edit(('"n_empty": sum(1 for s in stripped if not s)',
                                       '"n_empty": sum(1 for d in df["document"] if not isinstance(d, str) or d == "")'))),
        # numpy integers instead of Python int
        ("numpy_counts", edit(('stats["label_counts"][lab] = sum(1 for y in labels if y == lab)',
                               'stats["label_counts"][lab] = (df["label"] == lab).sum()'))),
    ],
    "ex_clean": [
        # keeps only syllables: jamo such as ㅋㅋ, ㅠㅠ are lost
        ("no_jamo", edit(('r"[^가-힣ㄱ-ㅎㅏ-ㅣa-z0-9]"', 'r"[^가-힣a-z0-9]"'))),
        # squeezes runs to one character
        ("repeat_to_one", edit(('r"\\1\\1"', 'r"\\1"'))),
        # squeezes runs before lower-casing ("AaA" stays "aaa")
        ("repeat_before_lower", edit(("    text = text.lower()\n    text = re.sub(r\"[^가-힣ㄱ-ㅎㅏ-ㅣa-z0-9]\", \" \", text)\n"
                                      "    text = re.sub(r\"(.)\\1{2,}\", r\"\\1\\1\", text)\n",
                                      "    text = re.sub(r\"(.)\\1{2,}\", r\"\\1\\1\", text)\n    text = text.lower()\n"
                                      "    text = re.sub(r\"[^가-힣ㄱ-ㅎㅏ-ㅣa-z0-9]\", \" \", text)\n"))),
        # \w keeps underscores and accented letters
        ("word_class", edit(('r"[^가-힣ㄱ-ㅎㅏ-ㅣa-z0-9]"', 'r"[\\W_]"'))),
        # NFKC first: compatibility jamo become conjoining jamo and are removed
        ("nfkc", edit(("    text = text.lower()\n", "    import unicodedata\n    text = unicodedata.normalize('NFKC', text).lower()\n"))),
        # crashes on None / NaN
        ("no_non_str", edit(("    if not isinstance(text, str):\n        return \"\"\n", ""))),
        # \d keeps full-width and other-script digits ("１０점", "٣")
        ("unicode_digits", edit(('r"[^가-힣ㄱ-ㅎㅏ-ㅣa-z0-9]"', 'r"[^가-힣ㄱ-ㅎㅏ-ㅣa-z\\d]"'))),
        # filters (keeping A-Z) before lower-casing: the Kelvin sign and İ become spaces
        ("filter_before_lower", edit(("    text = text.lower()\n    text = re.sub(r\"[^가-힣ㄱ-ㅎㅏ-ㅣa-z0-9]\", \" \", text)\n",
                                      "    text = re.sub(r\"[^가-힣ㄱ-ㅎㅏ-ㅣa-zA-Z0-9]\", \" \", text).lower()\n"))),
        # lower-cases only A-Z by hand
        ("ascii_lower_only", edit(("text = text.lower()",
                                   "text = \"\".join(chr(ord(c) + 32) if \"A\" <= c <= \"Z\" else c for c in text)"))),
    ],
    "ex_sentiment": [
        # the lecture's baseline: whitespace words, below the target on unseen reviews
        ("word_baseline", edit(('TfidfVectorizer(analyzer="char_wb", ngram_range=(1, 3), sublinear_tf=True)',
                                "TfidfVectorizer()"))),
        # returns a numpy array
        ("numpy_output", edit(("return torch.as_tensor(np.asarray(model.predict(list(texts)), dtype=np.int64))",
                               "return np.asarray(model.predict(list(texts)), dtype=np.int64)"))),
        # returns probabilities of the positive class
        ("probabilities", edit(("return torch.as_tensor(np.asarray(model.predict(list(texts)), dtype=np.int64))",
                                "return torch.as_tensor(model.predict_proba(list(texts))[:, 1])"))),
        # an empty list reaches scikit-learn, which refuses 0 samples
        ("empty_list_crash", edit(("    if len(texts) == 0:\n        return torch.zeros(0, dtype=torch.int64)\n", ""))),
        # cleans the caller's list in place
        ("mutates_texts", edit(("    return torch.as_tensor(np.asarray(model.predict(list(texts)), dtype=np.int64))",
                                "    for i, t in enumerate(texts):\n        texts[i] = clean(t)\n"
                                "    return torch.as_tensor(np.asarray(model.predict(list(texts)), dtype=np.int64))"))),
        # trains on the global training set, whatever it is given
        ("ignores_arguments", edit(("model.fit(list(texts), np.asarray(labels))",
                                    "model.fit(list(train_texts), train_labels)"))),
    ],
    "ex_error_analysis": [
        # rows = predicted, columns = true
        ("transposed", edit(("y_true.long() * 2 + y_pred.long()", "y_pred.long() * 2 + y_true.long()"))),
        # float counts
        ("float_counts", edit(("minlength=4).reshape(2, 2)", "minlength=4).reshape(2, 2).float()"))),
        # right end included in the bucket
        ("right_closed", edit(("bounds[i] <= n < bounds[i + 1]", "bounds[i] < n <= bounds[i + 1] or n == 0 and i == 0"))),
        # raw length, spaces counted
        ("not_stripped", edit(("n = len(text.strip()) if isinstance(text, str) else 0",
                               "n = len(text) if isinstance(text, str) else 0"))),
        # empty bucket reported as 0.0
        ("empty_bucket_zero", edit(('else float("nan")', "else 0.0"))),
    ],
    "ex_size_curve": [
        # guessed values, not measured
        ("guessed", "size_curve = {2000: 0.70, 8000: 0.75, 20000: 0.80}\n"),
        # evaluated on the training reviews it learned from
        ("train_accuracy", edit(("size_curve[_n] = float((predict_sentiment(_model, test_texts).numpy() == test_labels).mean())",
                                 "size_curve[_n] = float((predict_sentiment(_model, train_texts[:_n]).numpy() "
                                 "== train_labels[:_n]).mean())"))),
        # percentages instead of fractions
        ("percent", edit(("size_curve[20000] = float((test_pred.numpy() == test_labels).mean())",
                          "size_curve[20000] = float((test_pred.numpy() == test_labels).mean())\n"
                          "size_curve = {k: 100 * v for k, v in size_curve.items()}"))),
        # string keys
        ("str_keys", edit(("size_curve[_n] =", "size_curve[str(_n)] ="))),
        # guessed values near a typical curve, not measured
        ("guessed_near", "size_curve = {2000: 0.79, 8000: 0.82, 20000: 0.845}\n"),
        # the 8,000 point evaluated on its own training reviews
        ("train_accuracy_8000", edit(("size_curve[_n] = float((predict_sentiment(_model, test_texts).numpy() == test_labels).mean())",
                                      "size_curve[_n] = float((predict_sentiment(_model, test_texts if _n == 2000 else train_texts[:_n])"
                                      ".numpy() == (test_labels if _n == 2000 else train_labels[:_n])).mean())"))),
        # a random sample of n reviews instead of the first n
        ("random_subset", edit(("_model = train_sentiment(train_texts[:_n], train_labels[:_n])",
                                "_idx = np.random.default_rng(1).choice(len(train_texts), _n, replace=False)\n"
                                "    _model = train_sentiment([train_texts[i] for i in _idx], train_labels[_idx])"))),
        # one random generator for both sizes (the blind check's answer; within 0.005 of the first-n values)
        ("random_subset_shared_rng", edit(("for _n in (2000, 8000):\n    _model = train_sentiment(train_texts[:_n], train_labels[:_n])",
                                           "_rng = np.random.default_rng(1)\nfor _n in (2000, 8000):\n"
                                           "    _idx = _rng.choice(len(train_texts), _n, replace=False)\n"
                                           "    _model = train_sentiment([train_texts[i] for i in _idx], train_labels[_idx])"))),
        # accuracy on the first 200 test reviews only
        ("small_test_200", edit(("size_curve[_n] = float((predict_sentiment(_model, test_texts).numpy() == test_labels).mean())",
                                 "size_curve[_n] = float((predict_sentiment(_model, test_texts[:200]).numpy() == test_labels[:200]).mean())"))),
    ],
    "ex_create_app": [
        # min_length only: whitespace-only reviews pass
        ("whitespace_accepted", edit(('Field(min_length=1, max_length=1000, pattern=r"\\S")',
                                      "Field(min_length=1, max_length=1000)"))),
        # no upper bound on the length
        ("no_max_length", edit(('Field(min_length=1, max_length=1000, pattern=r"\\S")',
                                'Field(min_length=1, pattern=r"\\S")'))),
        # names swapped
        ("names_swapped", edit(('"긍정" if label == 1 else "부정"', '"부정" if label == 1 else "긍정"'))),
        # predicts with the global model, not the one passed in
        ("global_model", edit(("predict_sentiment(model, [req.review])", "predict_sentiment(sentiment_model, [req.review])"))),
        # label sent as a string
        ("label_str", edit(('return {"label": label,', 'return {"label": str(label),'))),
        # route with a trailing slash: /sentiment only answers through a 307 redirect
        ("path_trailing_slash", edit(('@app.post("/sentiment")', '@app.post("/sentiment/")'))),
        # predicts on the first 50 characters of the stripped review
        ("truncated_review", edit(("predict_sentiment(model, [req.review])", "predict_sentiment(model, [req.review.strip()[:50]])"))),
    ],
}

CORRECT = {
    "ex_review_stats": [
        ("pandas_vectorised", '''def review_stats(df: pd.DataFrame) -> dict:
    text = df["document"].astype(object).where(df["document"].notna(), None)
    stripped = text.map(lambda d: d.strip() if isinstance(d, str) else "")
    empty = stripped.str.len() == 0
    out = {"n_reviews": int(len(df)), "n_empty": int(empty.sum()), "label_counts": {}, "mean_length": {}}
    for lab in (0, 1):
        mask = df["label"] == lab
        lens = stripped[mask & ~empty].str.len()
        out["label_counts"][lab] = int(mask.sum())
        out["mean_length"][lab] = float(lens.mean()) if len(lens) else 0.0
    return out
'''),
    ],
    "ex_clean": [
        ("char_loop", '''def clean(text) -> str:
    if not isinstance(text, str):
        return ""
    kept = []
    for c in text.lower():
        ok = "가" <= c <= "힣" or "ㄱ" <= c <= "ㅎ" or "ㅏ" <= c <= "ㅣ" or c in "abcdefghijklmnopqrstuvwxyz0123456789"
        kept.append(c if ok else " ")
    out = []
    for c in kept:
        if not (len(out) >= 2 and out[-1] == c and out[-2] == c):
            out.append(c)
    return " ".join("".join(out).split())
'''),
    ],
    "ex_sentiment": [
        ("torch_fasttext", '''def train_sentiment(texts: list, labels: np.ndarray):
    """fastText-style: hashed character 1-3 grams, mean of their embeddings, a linear layer (torch)."""
    import zlib

    import torch.nn.functional as F
    from torch import nn

    buckets = 2 ** 18

    def encode(batch):
        rows = []
        for t in batch:
            s = " " + (t if isinstance(t, str) else "").strip() + " "
            grams = {s[i:i + n] for n in (1, 2, 3) for i in range(len(s) - n + 1)}
            rows.append([zlib.crc32(g.encode()) % (buckets - 1) + 1 for g in grams] or [0])
        width = max(len(r) for r in rows)
        return torch.tensor([r + [0] * (width - len(r)) for r in rows], dtype=torch.long)

    class FastText(nn.Module):
        def __init__(self):
            super().__init__()
            self.bag = nn.EmbeddingBag(buckets, 32, mode="mean", padding_idx=0, sparse=True)
            self.head = nn.Linear(32, 2)

        def forward(self, ids):
            return self.head(self.bag(ids))

    ids, y = encode(texts), torch.tensor(np.asarray(labels), dtype=torch.long)
    net = FastText()
    opts = [torch.optim.SparseAdam(net.bag.parameters(), lr=1e-2), torch.optim.Adam(net.head.parameters(), lr=1e-2)]
    for _ in range(3):
        for idx in torch.randperm(len(y)).split(64):
            loss = F.cross_entropy(net(ids[idx]), y[idx])
            for opt in opts:
                opt.zero_grad()
            loss.backward()
            for opt in opts:
                opt.step()
    return net.eval(), encode


def predict_sentiment(model, texts: list) -> torch.Tensor:
    """0/1 labels (int64 tensor, one per review, in order) for raw review strings."""
    net, encode = model
    if len(texts) == 0:
        return torch.zeros(0, dtype=torch.int64)
    with torch.no_grad():
        return net(encode(list(texts))).argmax(dim=1)
'''),
    ],
    "ex_error_analysis": [
        ("loops", '''def confusion_counts(y_true: torch.Tensor, y_pred: torch.Tensor) -> torch.Tensor:
    cm = torch.zeros(2, 2, dtype=torch.int64)
    for t, p in zip(y_true.tolist(), y_pred.tolist()):
        cm[t, p] += 1
    return cm


def accuracy_by_length(texts: list, y_true: torch.Tensor, y_pred: torch.Tensor, edges: tuple) -> list:
    import bisect

    right, total = [0] * (len(edges) + 1), [0] * (len(edges) + 1)
    for text, t, p in zip(texts, y_true.tolist(), y_pred.tolist()):
        b = bisect.bisect_right(list(edges), len(text.strip()) if isinstance(text, str) else 0)
        total[b] += 1
        right[b] += int(t == p)
    return [r / n if n else float("nan") for r, n in zip(right, total)]
'''),
    ],
    "ex_size_curve": [
        ("all_retrained", '''size_curve = {}
for n in (2000, 8000, 20000):
    m = train_sentiment(train_texts[:n], train_labels[:n])
    size_curve[n] = ((predict_sentiment(m, test_texts) == torch.as_tensor(test_labels)).float().mean().item())
print({n: round(a, 3) for n, a in size_curve.items()})
'''),
        # a random training method (SGD seeded from the global numpy generator): the loose tolerance applies
        ("stochastic_method", '''from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import SGDClassifier
from sklearn.pipeline import make_pipeline


def train_sentiment(texts: list, labels: np.ndarray):
    clf = SGDClassifier(loss="log_loss", alpha=2e-5, max_iter=5, tol=None, random_state=int(np.random.randint(2 ** 31)))
    model = make_pipeline(TfidfVectorizer(analyzer="char_wb", ngram_range=(1, 3), sublinear_tf=True), clf)
    model.fit(list(texts), np.asarray(labels))
    return model


size_curve = {}
for n in (2000, 8000):
    m = train_sentiment(train_texts[:n], train_labels[:n])
    size_curve[n] = float((predict_sentiment(m, test_texts).numpy() == test_labels).mean())
size_curve[20000] = float((test_pred.numpy() == test_labels).mean())
print({n: round(a, 3) for n, a in size_curve.items()})
'''),
    ],
    "ex_create_app": [
        ("validator", '''from pydantic import field_validator


class SentimentRequest(BaseModel):
    review: str = Field(max_length=1000)

    @field_validator("review")
    @classmethod
    def not_blank(cls, v: str) -> str:
        if not v.strip():
            raise ValueError("리뷰가 비어 있습니다")
        return v


def create_app(model) -> FastAPI:
    app = FastAPI()

    @app.post("/sentiment")
    def sentiment(req: SentimentRequest):
        label = predict_sentiment(model, [req.review]).item()
        return {"label": label, "sentiment": ["부정", "긍정"][label]}

    return app
'''),
    ],
}
