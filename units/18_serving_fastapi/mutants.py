"""Known-wrong answers for 18_serving_fastapi: each must lose its exercise's points
(python -m grading.fastcheck 18_serving_fastapi). CORRECT lists right answers in other styles that must keep
their points.
"""

from grading.mutants import edit

MUTANTS = {
    "ex_schemas": [
        # no upper bound on the number of images
        ("no_max_images", edit(("Field(min_length=1, max_length=16)", "Field(min_length=1)"))),
        # an empty batch accepted
        ("empty_batch_ok", edit(("Field(min_length=1, max_length=16)", "Field(max_length=16)"))),
        # range checked with strict inequalities: 0 and 1 rejected
        ("strict_bounds", edit(("if min(img) < 0.0 or max(img) > 1.0:", "if min(img) <= 0.0 or max(img) >= 1.0:"))),
        # only the upper bound checked
        ("no_lower_bound", edit(("if min(img) < 0.0 or max(img) > 1.0:", "if max(img) > 1.0:"))),
        # English message for out-of-range pixels
        ("english_message", edit(('raise ValueError(f"{i}번 이미지에 0~1 밖의 픽셀 값이 있습니다")',
                                  'raise ValueError(f"image {i} has pixels outside 0..1")'))),
        # per-image length not checked
        ("no_length_check", edit(("            if len(img) != 784:\n", "            if len(img) > 10**6:\n"))),
        # clips the pixels instead of rejecting them
        ("clips_values", edit(('                raise ValueError(f"{i}번 이미지에 0~1 밖의 픽셀 값이 있습니다")',
                               '                images[i] = [min(max(v, 0.0), 1.0) for v in img]'))),
        # labels typed as floats in the response
        ("labels_float", edit(("    labels: list[int]", "    labels: list[float]"))),
        # probs optional
        ("probs_optional", edit(("    probs: list[list[float]]", "    probs: list[list[float]] = []"))),
        # the validator rounds the pixels it lets through (blind review)
        ("rounds_values", edit(("        return images\n", "        return [[round(v, 3) for v in img] for img in images]\n"))),
        # names left untyped (blind review)
        ("names_untyped", edit(("    names: list[str]", "    names: list"))),
    ],
    "ex_predict_batch": [
        # the seed's mistake: no standardisation
        ("no_preprocess", edit(("model(to_input(images01))", "model(images01)"))),
        # softmax over the batch
        ("softmax_dim0", edit(("torch.softmax(model(to_input(images01)), dim=1)", "torch.softmax(model(to_input(images01)), dim=0)"))),
        # logits returned as probabilities
        ("logits_as_probs", edit(("probs = torch.softmax(model(to_input(images01)), dim=1)", "probs = model(to_input(images01))"))),
        # tensors instead of lists
        ("tensor_probs", edit(('"probs": probs.tolist()', '"probs": probs'))),
        # names off by one
        ("names_off_by_one", edit(("[CLASS_NAMES[i] for i in labels]", "[CLASS_NAMES[(i + 1) % 10] for i in labels]"))),
        # standardises in place: changes the caller's tensor
        ("in_place_preprocess", edit(("probs = torch.softmax(model(to_input(images01)), dim=1)",
                                      "probs = torch.softmax(model(images01.sub_(FASHION_MEAN).div_(FASHION_STD)), dim=1)"))),
        # no torch.no_grad(): the results are the same, the graph is built for nothing (blind review)
        ("no_no_grad", edit(("    with torch.no_grad():\n        probs = torch.softmax(model(to_input(images01)), dim=1)",
                             "    probs = torch.softmax(model(to_input(images01)), dim=1).detach()"))),
        # the model switched to training mode (blind review)
        ("sets_model_train", edit(("    with torch.no_grad():\n", "    model.train()\n    with torch.no_grad():\n"))),
    ],
    "ex_create_app": [
        # the model loaded per request
        ("load_per_request", edit(("        return BatchResponse(**predict_batch(app.state.model, images))",
                                   "        return BatchResponse(**predict_batch(load_model(), images))"))),
        # loaded in the factory body, before start-up
        ("load_in_factory", edit(("    app = FastAPI(lifespan=lifespan)", "    model = load_model()\n    app = FastAPI(lifespan=lifespan)"),
                                 ("        app.state.model = load_model()\n", "        app.state.model = model\n"))),
        # health says the model is not loaded
        ("health_static", edit(('return {"status": "ok", "model_loaded": getattr(app.state, "model", None) is not None}',
                                'return {"status": "ok", "model_loaded": False}'))),
        # request typed as a plain dict: no 422 for bad bodies
        ("no_validation", edit(("    def predict(req: BatchRequest) -> BatchResponse:\n        images = torch.tensor(req.images, dtype=torch.float32)",
                                "    def predict(req: dict) -> BatchResponse:\n        images = torch.tensor(req.get('images') or [[0.0] * 784], dtype=torch.float32)"))),
        # the seed's mistake in the server: the model called without to_input
        ("server_skips_preprocess", edit(("        return BatchResponse(**predict_batch(app.state.model, images))",
                                          "        with torch.no_grad():\n"
                                          "            probs = torch.softmax(app.state.model(images), dim=1)\n"
                                          "        labels = probs.argmax(1).tolist()\n"
                                          "        return BatchResponse(labels=labels, names=[CLASS_NAMES[i] for i in labels], probs=probs.tolist())"))),
        # only the first image answered
        ("first_image_only", edit(("images = torch.tensor(req.images, dtype=torch.float32)",
                                   "images = torch.tensor(req.images[:1], dtype=torch.float32)"))),
        # wrong route name
        ("wrong_path", edit(('@app.post("/predict_batch", response_model=BatchResponse)', '@app.post("/predict", response_model=BatchResponse)'))),
        # lazy loading on the first request instead of at start-up (blind review)
        ("lazy_first_use", edit(("        app.state.model = load_model()\n", "        app.state.model = None\n"),
                                ("        images = torch.tensor(req.images, dtype=torch.float32)\n",
                                 "        if app.state.model is None:\n            app.state.model = load_model()\n"
                                 "        images = torch.tensor(req.images, dtype=torch.float32)\n"))),
        # /predict_each reuses the whole-request check: one bad image makes the request 422
        ("each_all_or_nothing", edit(("    def predict_each(req: EachRequest) -> dict:", "    def predict_each(req: BatchRequest) -> dict:"))),
        # index counted among the valid images only
        ("each_index_among_valid", edit(('results[i] = {"index": i, "ok": True,', 'results[i] = {"index": j, "ok": True,'))),
        # invalid images dropped from the results instead of answered with an error
        ("each_drops_invalid", edit(("        return {\"results\": results, \"n_valid\": len(valid)}",
                                     "        return {\"results\": [r for r in results if r[\"ok\"]], \"n_valid\": len(valid)}"))),
        # pixel range checked with strict inequalities: images with pixels exactly 0 or 1 rejected
        ("each_strict_bounds", edit(("            elif min(img) < 0.0 or max(img) > 1.0:", "            elif min(img) <= 0.0 or max(img) >= 1.0:"))),
        # only the pixel count checked: out-of-range pixels predicted
        ("each_no_range_check", edit(("            elif min(img) < 0.0 or max(img) > 1.0:", "            elif False:"))),
        # prob taken from class 0 instead of the predicted label
        ("each_prob_of_class0", edit(('"prob": out["probs"][j][label]}', '"prob": out["probs"][j][0]}'))),
        # English error message
        ("each_english_error", edit(('"error": "0~1 밖의 픽셀 값이 있습니다"', '"error": "pixel out of range"'))),
        # replaces the grading helper in its own process to report one load (blind review: helper patching)
        ("patches_counting_session", """import helpers.serving as _hs

_real_counting = _hs._counting_session


def _fake_counting(create_app, model, calls, seconds):
    out = _real_counting(create_app, model, calls, seconds)
    out["loads_before_start"], out["loads_at_start"], out["loads"] = 0, 1, 1
    return out


_hs._counting_session = _fake_counting


def create_app(load_model):
    app = FastAPI()

    @app.get("/health")
    def health():
        return {"status": "ok", "model_loaded": True}

    @app.post("/predict_batch", response_model=BatchResponse)
    def predict(req: BatchRequest):
        return predict_batch(load_model(), torch.tensor(req.images, dtype=torch.float32))

    return app
"""),
        # the same through the loader class the helper uses
        ("patches_counting_loader", """import helpers.serving as _hs


def _count_once(self):
    self.calls = 1
    return self.model


_hs.CountingLoader.__call__ = _count_once


def create_app(load_model):
    app = FastAPI()

    @app.get("/health")
    def health():
        return {"status": "ok", "model_loaded": True}

    @app.post("/predict_batch", response_model=BatchResponse)
    def predict(req: BatchRequest):
        return predict_batch(load_model(), torch.tensor(req.images, dtype=torch.float32))

    return app
"""),
    ],
    "ex_add_cors": [
        # every origin allowed
        ("allow_all", edit(("allow_origins=[str(o) for o in origins]", 'allow_origins=["*"]'))),
        # the origins joined into one string: starlette then matches substrings (blind review)
        ("origins_as_string", edit(("allow_origins=[str(o) for o in origins]", 'allow_origins=" ".join(origins)'))),
        # only the first origin
        ("first_origin_only", edit(("allow_origins=[str(o) for o in origins]", "allow_origins=[str(o) for o in origins][:1]"))),
        # POST only: a GET preflight is refused (blind review)
        ("post_only", edit(('allow_methods=["GET", "POST"]', 'allow_methods=["POST"]'))),
        # GET only (CORSMiddleware's default methods)
        ("get_only", edit(('allow_methods=["GET", "POST"]', 'allow_methods=["GET"]'))),
        # the lecture's headers: Authorization not allowed
        ("no_authorization_header", edit(('allow_headers=["Content-Type", "Authorization"]', 'allow_headers=["Content-Type"]'))),
        # credentials not allowed (the lecture's settings)
        ("no_credentials", edit(("        allow_credentials=True,\n", ""))),
        # the default preflight cache of 600 s
        ("default_max_age", edit(("        max_age=3600,\n", ""))),
        # a new app with CORS instead of the given one
        ("new_app", edit(("    app.add_middleware(\n", "    app = FastAPI()\n    app.add_middleware(\n"))),
        # replaces the grading helper in its own process and answers preflights itself (blind review)
        ("patches_extend_echo_app", """import helpers.serving as _hs


def _fake_ext(add, args, calls):
    app = _hs.echo_app()
    add(app, *args)
    allowed = list(args[0])
    out = []
    for method, path, kw in calls:
        h = {k.lower(): v for k, v in dict(kw).get("headers", {}).items()}
        r = _hs._http_calls(app, [(method, path, kw)])[0] if method != "OPTIONS" else {"status": 400, "headers": {},
                                                                                        "json": None}
        if h.get("origin") in allowed:
            r["status"] = 200 if method == "OPTIONS" else r["status"]
            r["headers"].update({"access-control-allow-origin": h["origin"], "access-control-allow-credentials": "true",
                                 "access-control-max-age": "3600"})
        out.append(r)
    return {"same_app": True, "responses": out}


_hs._extend_echo_app = _fake_ext


def add_cors(app, origins):
    return app
"""),
    ],
    "ex_add_search": [
        # no upper bound on the query length
        ("no_max_length", edit(("Query(min_length=1, max_length=500)", "Query(min_length=1)"))),
        # k not bounded
        ("k_unbounded", edit(("Query(3, ge=1, le=5)", "Query(3)"))),
        # default k of 5
        ("default_k5", edit(("Query(3, ge=1, le=5)", "Query(5, ge=1, le=5)"))),
        # ignores k
        ("ignores_k", edit(("hits = retriever.search(q, k)", "hits = retriever.search(q, 3)"))),
        # answer from the last hit
        ("answer_last_hit", edit(('serving.extractive_answer(q, hits[0]["text"])', 'serving.extractive_answer(q, hits[-1]["text"])'))),
        # sources sorted by title
        ("sources_sorted", edit(("for h in hits]}", 'for h in sorted(hits, key=lambda h: h["title"])]}'))),
        # the chunk text left in every source
        ("text_in_sources", edit(('"score": h["score"]}', '"score": h["score"], "text": h["text"]}'))),
        # q optional (an empty default): a missing q gives 200
        ("q_optional", edit(("q: str = Query(min_length=1, max_length=500)", 'q: str = Query("모델", max_length=500)'))),
        # the query stripped in the answer (blind review)
        ("query_stripped", edit(('{"query": q,', '{"query": q.strip(),'))),
    ],
    "ex_measure_latency": [
        # the warm-up requests never sent
        ("no_warmup", edit(("    for _ in range(warmup):\n        client.post(path, json=payload)\n", ""))),
        # the warm-up requests timed and kept with the others
        ("warmup_timed", edit(("    for _ in range(warmup):\n        client.post(path, json=payload)\n    latencies = []\n"
                               "    for _ in range(n):\n",
                               "    latencies = []\n    for _ in range(warmup + n):\n"))),
        # one fixed warm-up request whatever warmup says
        ("one_warmup", edit(("    for _ in range(warmup):\n", "    for _ in range(1):\n"))),
        # seconds instead of milliseconds
        ("seconds", edit(("latencies.append((time.perf_counter() - t0) * 1000)", "latencies.append(time.perf_counter() - t0)"))),
        # microseconds (blind review)
        ("microseconds", edit(("latencies.append((time.perf_counter() - t0) * 1000)", "latencies.append((time.perf_counter() - t0) * 1e6)"))),
        # percentiles as fractions
        ("percentile_fraction", edit(("np.percentile(latencies, [50, 95])", "np.percentile(latencies, [0.5, 0.95])"))),
        # the mean reported as p50, the maximum as p95
        ("mean_and_max", edit(("p50, p95 = np.percentile(latencies, [50, 95])", "p50, p95 = np.mean(latencies), max(latencies)"))),
        # timer started before the loop: cumulative times
        ("cumulative", edit(("    for _ in range(n):\n        t0 = time.perf_counter()\n",
                             "    t0 = time.perf_counter()\n    for _ in range(n):\n"))),
        # latencies sorted (not in request order) (blind review)
        ("sorted_latencies", edit(('"latencies_ms": latencies,', '"latencies_ms": sorted(latencies),'))),
        # GET instead of POST for the timed requests
        ("uses_get", edit(("        t0 = time.perf_counter()\n        client.post(path, json=payload)",
                           "        t0 = time.perf_counter()\n        client.get(path)"))),
        # replaces the grading helper and reports planted times (blind review: helper patching)
        ("patches_recording_client", """import helpers.serving as _hs


def _fake_wrc(fn, delays_ms, args):
    client = _hs.RecordingClient(delays_ms)
    path, payload, n = args[:3]
    warmup = args[3] if len(args) > 3 else 0
    for _ in range(warmup + n):
        client.post(path, json=payload)
    lat = [float(delays_ms[(warmup + i) % len(delays_ms)]) + 0.01 for i in range(n)]
    return ({"n": n, "warmup": warmup, "latencies_ms": lat, "p50_ms": float(np.percentile(lat, 50)),
             "p95_ms": float(np.percentile(lat, 95))}, [list(c) for c in client.calls])


_hs._with_recording_client = _fake_wrc


def measure_latency(client, path, payload, n, warmup=0):
    return {"n": n, "warmup": warmup, "latencies_ms": [1.0] * n, "p50_ms": 1.0, "p95_ms": 1.0}
"""),
    ],
    "ex_experiment": [
        # the model called directly, without the server's preprocessing
        ("direct_no_preprocess", edit(("    predicted = []\n    with TestClient(app) as client:\n"
                                       "        for start in range(0, len(images01), batch_size):\n"
                                       '            body = {"images": images01[start:start + batch_size].tolist()}\n'
                                       '            predicted += client.post("/predict_batch", json=body).json()["labels"]\n',
                                       "    predicted = load_fashion_model()(images01).argmax(1).tolist()\n"))),
        # the last partial batch dropped
        ("drops_last_batch", edit(("for start in range(0, len(images01), batch_size):",
                                   "for start in range(0, len(images01) - batch_size + 1, batch_size):"))),
        # ACC_INVERTED measured on the normal images (the inversion forgotten)
        ("inverted_not_inverted", edit(("endpoint_accuracy(served_app, 1 - x_test01[:400], y_test[:400])",
                                        "endpoint_accuracy(served_app, x_test01[:400], y_test[:400])"))),
        # error rate instead of accuracy
        ("error_rate", edit(("return float((torch.tensor(predicted) == labels).float().mean())",
                             "return float((torch.tensor(predicted) != labels).float().mean())"))),
        # a 0-dim tensor instead of a float
        ("tensor_result", edit(("return float((torch.tensor(predicted) == labels).float().mean())",
                                "return (torch.tensor(predicted) == labels).float().mean()"))),
        # batch_size ignored: every image in one request (over the 16-image limit: 422)
        ("one_big_request", edit(('body = {"images": images01[start:start + batch_size].tolist()}',
                                  'body = {"images": images01.tolist()}'))),
        # keeps only the last batch's labels (= instead of +=)
        ("accuracy_from_first_batch", edit(("predicted += client.post", "predicted = client.post"))),
        # the batch size hard-coded to 16 (blind review)
        ("ignores_batch_size", edit(("range(0, len(images01), batch_size)", "range(0, len(images01), 16)"),
                                    ("images01[start:start + batch_size]", "images01[start:start + 16]"))),
        # the model called directly inside the client block: no request at all (blind review)
        ("direct_model_in_client", edit(("            body = {\"images\": images01[start:start + batch_size].tolist()}\n"
                                         "            predicted += client.post(\"/predict_batch\", json=body).json()[\"labels\"]\n",
                                         "            with torch.no_grad():\n"
                                         "                logits = app.state.model(to_input(images01[start:start + batch_size]))\n"
                                         "            predicted += logits.argmax(1).tolist()\n"))),
        # ACC_OK from the wrong slice (blind review). The review's form, the first 100 images only, was dropped: the
        # served model is trained in the notebook, and on one CI machine its accuracy on 100 images equalled the
        # 400-image one to within the 1-image tolerance, so no test can tell that answer from a right one there.
        ("acc_ok_labels_shifted", edit(("ACC_OK = endpoint_accuracy(served_app, x_test01[:400], y_test[:400])",
                                        "ACC_OK = endpoint_accuracy(served_app, x_test01[:400], y_test[1:401])"))),
    ],
}

CORRECT = {
    "ex_schemas": [
        # blind review: conlist lengths, an inner AfterValidator
        ("conlist_after_validator", '''
from typing import Annotated

from pydantic import AfterValidator, conlist


def _pixels_ok(img):
    if min(img) < 0 or max(img) > 1:
        raise ValueError("픽셀 값은 0 이상 1 이하여야 합니다")
    return img


class BatchRequest(BaseModel):
    images: conlist(Annotated[conlist(float, min_length=784, max_length=784), AfterValidator(_pixels_ok)],
                    min_length=1, max_length=16)


class BatchResponse(BaseModel):
    labels: list[int]
    names: list[str]
    probs: list[list[float]]
'''),
        ("annotated_inner_lists", '''
from typing import Annotated


class BatchRequest(BaseModel):
    images: list[Annotated[list[float], Field(min_length=784, max_length=784)]] = Field(min_length=1, max_length=16)

    @field_validator("images")
    @classmethod
    def in_range(cls, images):
        if any(v < 0 or v > 1 for img in images for v in img):
            raise ValueError("픽셀 값은 0~1 이어야 합니다")
        return images


class BatchResponse(BaseModel):
    labels: list[int]
    names: list[str]
    probs: list[list[float]]
'''),
        ("model_validator_after", '''
from pydantic import model_validator


class BatchRequest(BaseModel):
    images: list[list[float]]

    @model_validator(mode="after")
    def check(self):
        if not 1 <= len(self.images) <= 16:
            raise ValueError("이미지는 1장 이상 16장 이하여야 합니다")
        for img in self.images:
            if len(img) != 784:
                raise ValueError("이미지마다 784 픽셀이어야 합니다")
            if not all(0.0 <= v <= 1.0 for v in img):
                raise ValueError("픽셀 값이 0~1 범위를 벗어났습니다")
        return self


class BatchResponse(BaseModel):
    labels: list[int]
    names: list[str]
    probs: list[list[float]]
'''),
    ],
    "ex_predict_batch": [
        # blind review: one image at a time under a no_grad decorator
        ("no_grad_decorator_per_image", '''
@torch.no_grad()
def predict_batch(model, images01):
    labels, names, probs = [], [], []
    for img in images01:
        p = torch.softmax(model(to_input(img.unsqueeze(0)))[0], dim=0)
        labels.append(int(p.argmax()))
        names.append(CLASS_NAMES[labels[-1]])
        probs.append([float(v) for v in p])
    return {"labels": labels, "names": names, "probs": probs}
'''),
        ("inference_mode_functional", '''
import torch.nn.functional as F


def predict_batch(model, images01):
    with torch.inference_mode():
        logits = model((images01 - FASHION_MEAN) / FASHION_STD)
    probs = F.softmax(logits, dim=-1)
    labels = [int(i) for i in torch.argmax(probs, dim=-1)]
    return {"labels": labels, "names": [CLASS_NAMES[i] for i in labels],
            "probs": [[float(v) for v in row] for row in probs]}
'''),
    ],
    "ex_create_app": [
        # blind review: the deprecated startup event instead of lifespan, routes added with add_api_route
        ("startup_event_add_api_route", '''
def create_app(load_model):
    app = FastAPI()
    app.state.model = None

    @app.on_event("startup")
    def load():
        app.state.model = load_model()

    def health():
        return {"status": "ok", "model_loaded": app.state.model is not None}

    def predict(req: BatchRequest):
        return predict_batch(app.state.model, torch.tensor(req.images, dtype=torch.float32))

    class Images(BaseModel):
        images: list[list[float]] = Field(min_length=1, max_length=16)

    def each(req: Images):
        # one image at a time, checked with tensor operations
        results = []
        for i, img in enumerate(req.images):
            t = torch.tensor(img, dtype=torch.float32)
            if t.numel() != 784 or not bool(((t >= 0) & (t <= 1)).all()):
                results.append({"index": i, "ok": False, "error": "잘못된 이미지입니다 (784개, 0~1 픽셀)"})
                continue
            with torch.no_grad():
                p = torch.softmax(app.state.model(to_input(t[None])), dim=1)[0]
            label = int(p.argmax())
            results.append({"index": i, "ok": True, "label": label, "name": CLASS_NAMES[label], "prob": float(p[label])})
        return {"results": results, "n_valid": sum(r["ok"] for r in results)}

    app.add_api_route("/health", health, methods=["GET"])
    app.add_api_route("/predict_batch", predict, methods=["POST"], response_model=BatchResponse)
    app.add_api_route("/predict_each", each, methods=["POST"])
    return app
'''),
        ("closure_state_dict", '''
def create_app(load_model):
    state = {}

    @asynccontextmanager
    async def lifespan(app):
        state["model"] = load_model()
        yield
        state.clear()

    app = FastAPI(lifespan=lifespan)

    @app.get("/health")
    def health():
        return {"status": "ok", "model_loaded": "model" in state}

    @app.post("/predict_batch")
    def predict(req: BatchRequest) -> BatchResponse:
        out = predict_batch(state["model"], torch.tensor(req.images))
        return BatchResponse(labels=out["labels"], names=out["names"], probs=out["probs"])

    class Good(BaseModel):
        index: int
        ok: bool
        label: int
        name: str
        prob: float

    class Bad(BaseModel):
        index: int
        ok: bool
        error: str

    class EachResponse(BaseModel):
        results: list[Good | Bad]
        n_valid: int

    class EachIn(BaseModel):
        images: list[list[float]] = Field(min_length=1, max_length=16)

    @app.post("/predict_each", response_model=EachResponse)
    def each(req: EachIn):
        good = [i for i, im in enumerate(req.images) if len(im) == 784 and all(0 <= v <= 1 for v in im)]
        out = predict_batch(state["model"], torch.tensor([req.images[i] for i in good])) if good else None
        results = [Bad(index=i, ok=False, error="이미지 형식 오류") for i in range(len(req.images))]
        for j, i in enumerate(good):
            lab = out["labels"][j]
            results[i] = Good(index=i, ok=True, label=lab, name=out["names"][j], prob=out["probs"][j][lab])
        return EachResponse(results=results, n_valid=len(good))

    return app
'''),
    ],
    "ex_add_cors": [
        ("star_methods_headers_tuple", '''
def add_cors(app, origins):
    app.add_middleware(CORSMiddleware, allow_origins=tuple(origins), allow_credentials=True, allow_methods=["*"],
                       allow_headers=["*"], max_age=60 * 60)
    return app
'''),
        # blind review: the starlette class, lower-case header names, methods in another order (+ OPTIONS)
        ("starlette_class_lowercase", '''
from starlette.middleware.cors import CORSMiddleware as StarletteCORS


def add_cors(app: FastAPI, origins: list[str]) -> FastAPI:
    app.add_middleware(StarletteCORS, allow_origins=list(origins), allow_methods=("POST", "GET", "OPTIONS"),
                       allow_headers=("content-type", "authorization"), allow_credentials=True, max_age=3600)
    return app
'''),
    ],
    "ex_add_search": [
        # blind review: pydantic response models and add_api_route
        ("response_models_add_api_route", '''
class SearchSource(BaseModel):
    chunk_id: int
    doc_id: int
    title: str
    score: float


class SearchResponse(BaseModel):
    query: str
    answer: str
    sources: list[SearchSource]


def add_search(app, retriever):
    def search(q: str = Query(..., min_length=1, max_length=500), k: int = Query(default=3, ge=1, le=5)):
        hits = retriever.search(q, k)
        return SearchResponse(query=q, answer=serving.extractive_answer(q, hits[0]["text"]),
                              sources=[SearchSource(**{f: h[f] for f in SearchSource.model_fields}) for h in hits])

    app.add_api_route("/search", search, methods=["GET"], response_model=SearchResponse)
    return app
'''),
        ("annotated_query", '''
from typing import Annotated


def add_search(app, retriever):
    @app.get("/search")
    def search(q: Annotated[str, Query(min_length=1, max_length=500)],
               k: Annotated[int, Query(ge=1, le=5)] = 3):
        hits = retriever.search(q, k)
        sources = [{key: h[key] for key in ("chunk_id", "doc_id", "title", "score")} for h in hits]
        return {"query": q, "answer": serving.extractive_answer(q, hits[0]["text"]), "sources": sources}

    return app
'''),
    ],
    "ex_measure_latency": [
        ("statistics_quantiles", '''
import statistics


def measure_latency(client, path, payload, n, warmup=0):
    for _ in range(warmup):
        client.post(path, json=payload)
    times = []
    for _ in range(n):
        start = time.perf_counter()
        client.post(path, json=payload)
        times.append(1000.0 * (time.perf_counter() - start))
    if n == 1:
        return {"n": n, "warmup": warmup, "latencies_ms": times, "p50_ms": times[0], "p95_ms": times[0]}
    q = statistics.quantiles(times, n=100, method="inclusive")
    return {"n": n, "warmup": warmup, "latencies_ms": times, "p50_ms": q[49], "p95_ms": q[94]}
'''),
        ("torch_quantile_float64", '''
def measure_latency(client, path, payload, n, warmup=0):
    lat = []
    for i in range(warmup + n):
        t = time.perf_counter()
        client.post(path, json=payload)
        if i >= warmup:
            lat.append((time.perf_counter() - t) * 1e3)
    q = torch.quantile(torch.tensor(lat, dtype=torch.float64), torch.tensor([0.5, 0.95], dtype=torch.float64))
    return {"n": n, "warmup": warmup, "latencies_ms": lat, "p50_ms": q[0].item(), "p95_ms": q[1].item()}
'''),
        # blind review: np.float64 percentiles left uncast, perf_counter_ns, an extra key
        ("np_float64_ns_extra_key", '''
def measure_latency(client, path, payload, n, warmup=0):
    for _ in range(warmup):
        client.post(path, json=payload)
    lat = []
    for _ in range(n):
        t0 = time.perf_counter_ns()
        client.post(path, json=payload)
        lat.append((time.perf_counter_ns() - t0) / 1e6)
    p50, p95 = np.percentile(lat, [50, 95])
    return {"n": n, "warmup": warmup, "latencies_ms": lat, "p50_ms": p50, "p95_ms": p95, "mean_ms": float(np.mean(lat))}
'''),
    ],
    "ex_experiment": [
        # blind review: torch.split, a numpy comparison
        ("torch_split_numpy", '''
def endpoint_accuracy(app, images01, labels, batch_size=16):
    preds = np.empty(len(images01), dtype=np.int64)
    i = 0
    with TestClient(app) as client:
        for chunk in torch.split(images01, batch_size):
            resp = client.post("/predict_batch", json={"images": chunk.tolist()})
            preds[i:i + len(chunk)] = resp.json()["labels"]
            i += len(chunk)
    return float((preds == labels.numpy()).mean())


served_app = create_app(load_fashion_model)
ACC_OK = endpoint_accuracy(served_app, x_test01[:400], y_test[:400])
ACC_INVERTED = endpoint_accuracy(served_app, 1 - x_test01[:400], y_test[:400])
'''),
        ("one_request_per_batch_via_http_calls", '''
def endpoint_accuracy(app, images01, labels, batch_size=16):
    calls = [("POST", "/predict_batch", {"json": {"images": images01[i:i + batch_size].tolist()}})
             for i in range(0, images01.shape[0], batch_size)]
    predicted = [lab for r in serving.http_calls(app, calls) for lab in r["json"]["labels"]]
    return sum(int(p == int(t)) for p, t in zip(predicted, labels)) / len(predicted)


served_app = create_app(load_fashion_model)
ACC_OK = endpoint_accuracy(served_app, x_test01[:400], y_test[:400])
ACC_INVERTED = endpoint_accuracy(served_app, 1.0 - x_test01[:400], y_test[:400])
print(f"정상 {ACC_OK:.3f} | 뒤집힘 {ACC_INVERTED:.3f}")
'''),
    ],
}
