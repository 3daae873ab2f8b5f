"""helpers.serving: loopback uvicorn server, request helpers returning plain data, counting loader, recording client,
the small TF-IDF retriever and the chat app behind course/assets/chat.html."""
import subprocess
import sys

import httpx
import pytest

from helpers import serving


def _small_retriever() -> serving.Retriever:
    docs = [{"id": 1, "title": "모델 저장",
             "text": "모델을 저장할 때는 state_dict 를 저장합니다. 불러올 때는 load_state_dict 를 씁니다."},
            {"id": 2, "title": "데이터 로더",
             "text": "데이터 로더는 배치를 만듭니다. 배치 크기는 batch_size 로 정합니다. 섞기는 shuffle 입니다."},
            {"id": 3, "title": "옵티마이저", "text": "옵티마이저는 매개변수를 갱신합니다. 학습률은 lr 로 정합니다."}]
    return serving.Retriever(serving.chunk_corpus(docs, size=200, overlap=50))


def test_import_does_not_pull_heavy_modules():
    code = "import sys, helpers.serving; print(sorted(m for m in ('torch', 'fastapi', 'uvicorn') if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip()
    assert out == "[]"


def test_retriever_finds_the_matching_chunk_and_answer():
    r = _small_retriever()
    hits = r.search("배치 크기는 어떻게 정하나요", 2)
    assert [h["doc_id"] for h in hits][:1] == [2] and hits[0]["score"] >= hits[1]["score"]
    assert "batch_size" in serving.extractive_answer("배치 크기", hits[0]["text"])
    with pytest.raises(ValueError):
        r.search("x", 0)
    with pytest.raises(ValueError):
        serving.chunk_corpus([], size=10, overlap=10)


def test_http_calls_counting_session_and_schema_checks():
    from fastapi import FastAPI
    from pydantic import BaseModel, Field

    class Req(BaseModel):
        x: int = Field(ge=0)

    def create_app(load_model):
        from contextlib import asynccontextmanager

        @asynccontextmanager
        async def lifespan(app):
            app.state.model = load_model()
            yield

        app = FastAPI(lifespan=lifespan)

        @app.post("/double")
        def double(req: Req) -> dict:
            return {"y": app.state.model(req.x)}

        return app

    s = serving.counting_session(create_app, abs, [("POST", "/double", {"json": {"x": 3}})] * 5
                                 + [("POST", "/double", {"json": {"x": -1}})])
    assert s["loads_before_start"] == 0 and s["loads_at_start"] == 1 and s["loads"] == 1
    assert [r["status"] for r in s["responses"]] == [200] * 5 + [422]
    assert s["responses"][0]["json"] == {"y": 3}
    assert serving.check_schema(Req, {"x": 1}) == {"ok": True, "value": {"x": 1}}
    bad = serving.check_schema(Req, {"x": -1})
    assert bad["ok"] is False and bad["errors"][0]["loc"] == ["x"]


def test_extend_echo_app_and_recording_client():
    def add_route(app, word):
        @app.get("/word")
        def w() -> dict:
            return {"word": word}

        return app

    res = serving.extend_echo_app(add_route, ["안녕"], [("GET", "/word", {}), ("POST", "/echo", {"json": {"a": 1}})])
    assert res["same_app"] is True and [r["json"] for r in res["responses"]] == [{"word": "안녕"}, {"a": 1}]

    def fn(client, n):
        return [client.post("/p").status_code for _ in range(n)] + [client.get("/g").json()["ok"]]

    out, calls = serving.with_recording_client(fn, [0.0], 2)
    assert out == [200, 200, True] and calls == [["POST", "/p"], ["POST", "/p"], ["GET", "/g"]]


def test_loopback_server_chat_app_and_cors():
    app = serving.chat_app(_small_retriever(), origins=["http://localhost:8000"])
    with serving.start_server(app) as srv:
        assert srv.url.startswith("http://127.0.0.1:") and srv.port > 0
        r = httpx.post(srv.url + "/chat", json={"message": "모델을 저장하려면"}, timeout=30)
        assert r.status_code == 200 and r.json()["sources"][0]["doc_id"] == 1 and r.json()["answer"]
        assert httpx.post(srv.url + "/chat", json={"message": ""}, timeout=30).status_code == 422
        pre = httpx.options(srv.url + "/chat", timeout=30, headers={
            "Origin": "http://localhost:8000", "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "content-type"})
        assert pre.status_code == 200 and pre.headers["access-control-allow-origin"] == "http://localhost:8000"
    with pytest.raises(httpx.TransportError):
        httpx.get(srv.url + "/health", timeout=2)


def test_counting_loader_counts():
    loader = serving.CountingLoader("model")
    assert [loader(), loader()] == ["model", "model"] and loader.calls == 2


def test_with_predict_app_records_batch_sizes():
    import torch
    from fastapi.testclient import TestClient

    torch.manual_seed(0)
    model = torch.nn.Linear(784, 10).eval()
    x = torch.rand(5, 784)

    def labels_in_batches(app, images, bs):
        with TestClient(app) as client:
            out = [client.post("/predict_batch", json={"images": images[i:i + bs].tolist()}).json()["labels"]
                   for i in range(0, len(images), bs)]
            bad = client.post("/predict_batch", json={"images": []}).status_code
        return [v for o in out for v in o], bad

    (labels, bad), sizes = serving.with_predict_app(labels_in_batches, model, 0.5, 0.25, x, 2)
    assert sizes == [2, 2, 1, 0] and bad == 422
    with torch.no_grad():
        assert labels == model((x - 0.5) / 0.25).argmax(1).tolist()


def test_fingerprint_sees_a_replaced_helper(monkeypatch):
    """What the judge unpickles in the student's process: the bytecode of every checked helper, found by name there."""
    import pickle

    import cloudpickle

    probe = [serving._Attr(serving._Attr(serving._Attr.path(q), "__code__"), a)
             for q in serving._CHECKED for a in serving._CODE]
    pristine = serving._fingerprint()
    assert pickle.loads(cloudpickle.dumps(probe)) == pristine

    def fake(create_app, model, calls, seconds):
        return {"loads_before_start": 0, "loads_at_start": 1, "loads": 1, "responses": []}

    monkeypatch.setattr(serving, "_counting_session", fake)
    assert pickle.loads(cloudpickle.dumps(probe)) != pristine
    monkeypatch.undo()

    def call_once(self):
        self.calls = 1
        return self.model

    monkeypatch.setattr(serving.CountingLoader, "__call__", call_once)
    assert pickle.loads(cloudpickle.dumps(probe)) != pristine
