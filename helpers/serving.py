"""Serving helpers for unit 18 (모델 서빙 FastAPI): a loopback uvicorn server in a background thread, a model loader
that counts its calls, a recording fake client for latency code, request helpers that return plain data, and a
small character n-gram TF-IDF retriever over the course's Korean tutorial corpus (unit 14 explains retrieval).

Nothing here imports torch, fastapi or uvicorn at module level.
"""
from __future__ import annotations

import re
import socket
import threading
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

__all__ = ["CountingLoader", "RecordingClient", "Retriever", "Server", "chat_app", "check_schema", "chunk_corpus",
           "counting_session", "echo_app", "extend_echo_app", "extractive_answer", "free_port", "http_calls",
           "start_server", "with_predict_app", "with_recording_client"]


# -- a real server on loopback ------------------------------------------------------------------------------------
def free_port(host: str = "127.0.0.1") -> int:
    """A TCP port that is free on `host` right now."""
    with socket.socket() as s:
        s.bind((host, 0))
        return int(s.getsockname()[1])


@dataclass
class Server:
    """A uvicorn server running in a daemon thread; `url` is its base address, `stop()` ends it."""

    url: str
    port: int
    _server: Any = field(repr=False)
    _thread: threading.Thread = field(repr=False)

    def stop(self, timeout: float = 10.0) -> None:
        self._server.should_exit = True
        self._thread.join(timeout)
        if self._thread.is_alive():
            raise RuntimeError("서버가 제시간에 멈추지 않았습니다.")

    def __enter__(self) -> Server:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()


def start_server(app: Any, host: str = "127.0.0.1", port: int = 0, timeout: float = 20.0) -> Server:
    """Serve an ASGI app with uvicorn in a background thread (port 0: a free port); returns once it accepts."""
    import uvicorn

    # proto=IPPROTO_TCP: asyncio then sets TCP_NODELAY on accepted connections (with proto 0 it does not, and
    # Nagle's algorithm + delayed ACK add about 40 ms to every response written in two parts)
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host, port))
    port = int(sock.getsockname()[1])
    config = uvicorn.Config(app, log_level="warning", access_log=False, lifespan="on")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True, name=f"uvicorn-{port}")
    thread.start()
    deadline = time.monotonic() + timeout
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            server.should_exit = True
            sock.close()
            raise RuntimeError("서버를 시작하지 못했습니다 (시작 이벤트 오류나 시간 초과).")
        time.sleep(0.01)
    return Server(f"http://{host}:{port}", port, server, thread)


# -- test doubles -------------------------------------------------------------------------------------------------
class CountingLoader:
    """A model loader (call it with no arguments) that returns `model` and counts how often it was called."""

    def __init__(self, model: Any, seconds: float = 0.0):
        self.model = model
        self.seconds = float(seconds)  # simulated loading time (reading a checkpoint from disk)
        self.calls = 0

    def __call__(self) -> Any:
        self.calls += 1
        if self.seconds > 0:
            time.sleep(self.seconds)
        return self.model


class _FakeResponse:
    def __init__(self, status_code: int, payload: Any):
        self.status_code = status_code
        self._payload = payload

    def json(self) -> Any:
        return self._payload


class RecordingClient:
    """Looks like a TestClient/httpx client for `get` and `post`, answers 200 after a fixed pause and records calls.

    `delays_ms` cycles over the calls (so a few slow answers can be planted); `calls` lists (method, path)."""

    def __init__(self, delays_ms: Sequence[float] = (1.0,)):
        self.delays_ms = [float(d) for d in delays_ms] or [0.0]
        self.calls: list[tuple[str, str]] = []

    def _answer(self, method: str, path: str) -> _FakeResponse:
        delay = self.delays_ms[len(self.calls) % len(self.delays_ms)]
        self.calls.append((method, str(path)))
        time.sleep(delay / 1000)
        return _FakeResponse(200, {"ok": True})

    def get(self, path: str, **kwargs: Any) -> _FakeResponse:
        return self._answer("GET", path)

    def post(self, path: str, **kwargs: Any) -> _FakeResponse:
        return self._answer("POST", path)

    def request(self, method: str, path: str, **kwargs: Any) -> _FakeResponse:
        return self._answer(method.upper(), path)


# -- requests as plain data (also used by the assignment's tests) ---------------------------------------------------
def _where(obj: Any, fn: Any, *args: Any, **kwargs: Any) -> Any:
    """fn(*args, **kwargs) where `obj` lives: the grading judge holds a student's objects as proxies, and these
    checks must run beside the student's app in the student's process (grading.testkit.call_where).

    There the helpers below are first compared with the judge's own (bytecode and names of every function they
    use), so a submission that replaced one of them in its process fails instead of reporting what it likes."""
    if type(obj).__name__ == "Remote" and type(obj).__module__ in ("grading.judge", "__judge__"):
        from grading.testkit import call_where

        seen = call_where(obj, list, [_Attr(_Attr(_Attr.path(q), "__code__"), a) for q in _CHECKED for a in _CODE])
        if seen != _fingerprint():
            raise AssertionError("helpers.serving 의 함수가 노트북 안에서 바뀌었습니다. 채점 도우미를 바꾸지 마세요.")
        return call_where(obj, fn, *args, **kwargs)
    return fn(*args, **kwargs)


# every function the student-side checks run (directly or through each other)
_CHECKED = ("_http_calls", "_check_schema", "_counting_session", "_extend_echo_app", "_with_recording_client",
            "_with_predict_app", "_predict_app", "echo_app", "CountingLoader.__init__", "CountingLoader.__call__",
            "RecordingClient.__init__", "RecordingClient._answer", "RecordingClient.get", "RecordingClient.post",
            "RecordingClient.request", "_FakeResponse.__init__", "_FakeResponse.json")
_CODE = ("co_code", "co_names", "co_varnames")


class _Attr:
    """Pickles as getattr(base, name), evaluated where it is unpickled (no helper code runs there to do it)."""

    def __init__(self, base: Any, name: str):
        self.base, self.name = base, name

    def __reduce__(self) -> tuple:
        return (getattr, (self.base, self.name))

    @staticmethod
    def path(qualname: str) -> Any:
        obj: Any = _Module()
        for part in qualname.split("."):
            obj = _Attr(obj, part)
        return obj


class _Module:
    def __reduce__(self) -> tuple:
        import importlib

        return (importlib.import_module, (__name__,))


def _fingerprint() -> list:
    import importlib

    mod = importlib.import_module(__name__)
    out = []
    for q in _CHECKED:
        obj: Any = mod
        for part in q.split("."):
            obj = getattr(obj, part)
        out += [getattr(obj.__code__, a) for a in _CODE]
    return out


def _http_calls(app: Any, calls: Iterable[tuple[str, str, dict]], on_start: Any = None) -> list[dict]:
    from fastapi.testclient import TestClient

    out = []
    with TestClient(app) as client:
        if on_start is not None:
            on_start()
        for method, path, kwargs in calls:
            r = client.request(method, path, **dict(kwargs))
            try:
                body = r.json()
            except ValueError:
                body = None
            out.append({"status": int(r.status_code), "headers": {k.lower(): v for k, v in r.headers.items()},
                        "json": body})
    return out


def http_calls(app: Any, calls: Iterable[tuple[str, str, dict]]) -> list[dict]:
    """Send (method, path, kwargs) requests to `app` through FastAPI's TestClient (start-up and shut-down run once
    around all of them); each answer as {"status", "headers" (lower-case names), "json" (None if not JSON)}."""
    return _where(app, _http_calls, app, list(calls))


def _check_schema(model_cls: Any, data: Any) -> dict:
    from pydantic import ValidationError

    try:
        obj = model_cls.model_validate(data)
    except ValidationError as err:
        return {"ok": False, "errors": [{"type": str(e["type"]), "loc": [str(p) for p in e["loc"]],
                                         "msg": str(e["msg"])} for e in err.errors()]}
    return {"ok": True, "value": obj.model_dump()}


def check_schema(model_cls: Any, data: Any) -> dict:
    """Validate `data` with a pydantic model class: {"ok": True, "value": model_dump()} or
    {"ok": False, "errors": [{"type", "loc", "msg"}, ...]} (plain data either way)."""
    return _where(model_cls, _check_schema, model_cls, data)


def _counting_session(create_app: Any, model: Any, calls: list, seconds: float) -> dict:
    loader = CountingLoader(model, seconds)
    app = create_app(loader)
    before = loader.calls
    at_start = []
    responses = _http_calls(app, calls, on_start=lambda: at_start.append(loader.calls))
    return {"loads_before_start": before, "loads_at_start": at_start[0], "loads": loader.calls,
            "responses": responses}


def counting_session(create_app: Any, model: Any, calls: Iterable[tuple[str, str, dict]],
                     seconds: float = 0.0) -> dict:
    """app = create_app(CountingLoader(model)), then `calls` in one TestClient session: {"loads_before_start" (loader
    calls right after create_app returned), "loads_at_start" (after start-up, before the first request), "loads"
    (after all requests), "responses" (as http_calls)}."""
    return _where(create_app, _counting_session, create_app, model, list(calls), seconds)


def echo_app() -> Any:
    """A minimal FastAPI app (GET /ping, POST /echo) without CORS, to add things to."""
    from fastapi import FastAPI

    app = FastAPI()

    @app.get("/ping")
    def ping() -> dict:
        return {"pong": True}

    @app.post("/echo")
    def echo(body: dict) -> dict:
        return body

    return app


def _extend_echo_app(add: Any, args: tuple, calls: list) -> dict:
    app = echo_app()
    out = add(app, *args)
    return {"same_app": out is app, "responses": _http_calls(app, calls)}


def extend_echo_app(add: Any, args: Sequence[Any], calls: Iterable[tuple[str, str, dict]]) -> dict:
    """out = add(echo_app(), *args), then `calls` against that app: {"same_app": out is the app, "responses"}."""
    return _where(add, _extend_echo_app, add, tuple(args), list(calls))


def _with_recording_client(fn: Any, delays_ms: Sequence[float], args: tuple) -> tuple[Any, list]:
    client = RecordingClient(delays_ms)
    result = fn(client, *args)
    return result, [list(c) for c in client.calls]


def with_recording_client(fn: Any, delays_ms: Sequence[float], *args: Any) -> tuple[Any, list]:
    """(fn(RecordingClient(delays_ms), *args), the [method, path] calls the client received)."""
    return _where(fn, _with_recording_client, fn, list(delays_ms), args)


def _predict_app(model: Any, mean: float, std: float, sizes: list) -> Any:
    import torch
    from fastapi import FastAPI, HTTPException

    app = FastAPI()

    @app.post("/predict_batch")
    def predict(body: dict) -> dict:
        images = body.get("images")
        sizes.append(len(images) if isinstance(images, list) else -1)
        if not isinstance(images, list) or not 1 <= len(images) <= 16 or any(len(i) != 784 for i in images):
            raise HTTPException(422, "이미지는 784 픽셀짜리 1~16장이어야 합니다.")
        with torch.no_grad():
            probs = torch.softmax(model((torch.tensor(images, dtype=torch.float32) - mean) / std), dim=1)
        labels = probs.argmax(1).tolist()
        return {"labels": labels, "names": [str(i) for i in labels], "probs": probs.tolist()}

    return app


def _with_predict_app(fn: Any, model: Any, mean: float, std: float, args: tuple) -> tuple[Any, list]:
    sizes: list = []
    return fn(_predict_app(model, mean, std, sizes), *args), sizes


def with_predict_app(fn: Any, model: Any, mean: float, std: float, *args: Any) -> tuple[Any, list]:
    """(fn(app, *args), the number of images of every POST /predict_batch the app received, in order), for an app
    whose /predict_batch answers {"labels", "names", "probs"} with softmax(model((x - mean) / std)) for 1-16 images
    of 784 pixels (422 otherwise)."""
    return _where(fn, _with_predict_app, fn, model, float(mean), float(std), args)


# -- a small retriever (unit 14 explains retrieval properly) -------------------------------------------------------
def chunk_corpus(docs: Sequence[dict], size: int = 500, overlap: int = 100) -> list[dict]:
    """Split documents ({"id", "title", "text"}) into overlapping character windows of Korean prose.

    Lines that look like code are dropped first; each chunk: {"chunk_id", "doc_id", "title", "text"}."""
    if not 0 <= overlap < size:
        raise ValueError("overlap 은 0 이상, size 보다 작아야 합니다.")
    chunks: list[dict] = []
    for doc in docs:
        lines = []
        for line in str(doc["text"]).splitlines():
            s = line.strip().lstrip("#").strip()
            if s and re.search("[\uac00-\ud7a3]", s):  # keep lines with Hangul: the tutorials' prose
                lines.append(s)
        text = " ".join(lines)
        step = size - overlap
        for start in range(0, max(len(text) - overlap, 1), step):
            piece = text[start:start + size].strip()
            if len(piece) >= 20:
                chunks.append({"chunk_id": len(chunks), "doc_id": int(doc["id"]), "title": str(doc["title"]),
                               "text": piece})
    return chunks


class Retriever:
    """Character n-gram TF-IDF over chunks (cosine similarity): `search(query, k)` → [{"chunk_id", "doc_id",
    "title", "text", "score"}, ...], best first (ties by chunk order)."""

    def __init__(self, chunks: Sequence[dict], ngram_range: tuple[int, int] = (2, 3)):
        from sklearn.feature_extraction.text import TfidfVectorizer

        self.chunks = list(chunks)
        self.vectorizer = TfidfVectorizer(analyzer="char_wb", ngram_range=ngram_range, sublinear_tf=True)
        self.matrix = self.vectorizer.fit_transform([c["title"] + " " + c["text"] for c in self.chunks])

    def search(self, query: str, k: int = 3) -> list[dict]:
        import numpy as np

        if k < 1:
            raise ValueError("k 는 1 이상이어야 합니다.")
        scores = (self.matrix @ self.vectorizer.transform([str(query)]).T).toarray().ravel()
        order = np.argsort(-scores, kind="stable")[:k]
        return [{**self.chunks[i], "score": float(scores[i])} for i in order]


def chat_app(retriever: Retriever, origins: Sequence[str] = ("http://localhost:8000",), k: int = 3) -> Any:
    """A FastAPI app with POST /chat ({"message": 1–500 characters} → {"answer", "sources": [{"doc_id", "title",
    "score"}]}) over `retriever`, CORS open to `origins`: the back end of course/assets/chat.html."""
    from fastapi import FastAPI
    from fastapi.middleware.cors import CORSMiddleware
    from pydantic import BaseModel, Field

    class ChatRequest(BaseModel):
        message: str = Field(min_length=1, max_length=500)

    app = FastAPI(title="튜토리얼 챗봇")
    app.add_middleware(CORSMiddleware, allow_origins=list(origins), allow_methods=["GET", "POST"],
                       allow_headers=["Content-Type"])

    @app.get("/health")
    def health() -> dict:
        return {"status": "ok"}

    def chat(req: ChatRequest) -> dict:
        hits = retriever.search(req.message, k)
        return {"answer": extractive_answer(req.message, hits[0]["text"]),
                "sources": [{"doc_id": h["doc_id"], "title": h["title"], "score": h["score"]} for h in hits]}

    chat.__annotations__ = {"req": ChatRequest, "return": dict}  # a local class: no string annotation to resolve
    app.post("/chat")(chat)
    return app


def _ngrams(s: str, n: int = 2) -> set[str]:
    s = re.sub(r"\s+", " ", s)
    return {s[i:i + n] for i in range(max(len(s) - n + 1, 0))}


def extractive_answer(question: str, text: str) -> str:
    """The sentence of `text` sharing the most character bigrams with `question` (an extractive answer)."""
    sentences = [s.strip() for s in re.split(r"(?<=[.!?다요])\s+", text) if len(s.strip()) >= 5] or [text.strip()]
    q = _ngrams(question)
    return max(sentences, key=lambda s: len(q & _ngrams(s)))
