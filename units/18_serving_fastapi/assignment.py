# ---
# jupyter:
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
# ---

# %%
import time
from contextlib import asynccontextmanager

import numpy as np
import torch
from fastapi import FastAPI, Query
from fastapi.middleware.cors import CORSMiddleware
from fastapi.testclient import TestClient
from pydantic import BaseModel, Field, field_validator
from torch import nn
from torch.utils.data import DataLoader, TensorDataset

import helpers
from helpers import serving

device = helpers.setup(seed=0)

# %% [markdown]
# ## 🎯 학습 목표
#
# - 여러 장을 한 번에 받는 **배치 엔드포인트**의 요청·응답 모델을 pydantic 으로 쓰고, 잘못된 입력을 422 로 막는다.
# - `create_app(load_model)` 팩토리로 모델을 시작할 때 한 번만 읽고, 학습과 같은 전처리로 Fashion-MNIST 를 서빙한다.
# - 요청 전체의 검사(422)와 이미지 한 장의 검사(그 이미지에만 오류)를 나누는 엔드포인트 계약을 설계한다.
# - 이미 있는 앱에 CORS 와 GET 검색 엔드포인트(쿼리 매개변수 검사)를 더한다.
# - 지연 시간 측정 함수를 쓰고, 클라이언트 쪽 전처리 실수가 엔드포인트 정확도를 얼마나 바꾸는지 실험으로 잰다.

# %% [markdown]
# ## 🤔 단서 질문
#
# 1. 이미지 여러 장을 한 요청에 받을 때, 몇 장까지, 어떤 모양까지 받아야 할까? 한 장만 어긋나면 요청 전체를 422 로 막을까,
#    그 한 장에만 오류를 돌려줄까?
# 2. `create_app` 이 돌려준 직후와 요청 20번 뒤, 모델 로더는 각각 몇 번 불렸어야 할까?
# 3. 허용하지 않은 출처의 사전 요청에는 어떤 응답이 가야 할까?
# 4. 검색어를 JSON 본문이 아니라 URL 의 쿼리 매개변수로 받을 때, 길이 제한은 어떻게 걸까?
# 5. 입력 검사를 모두 통과하는데도 예측이 엉망이 되는 클라이언트 실수는 무엇일까?

# %% [markdown]
# ## 과제 안내
#
# | 문제 | 구현할 것 | 배점 |
# |---|---|---|
# | 1 | `BatchRequest`, `BatchResponse` pydantic 모델 (한국어 검사 메시지) | 2 |
# | 2 | `predict_batch(model, images01)` 전처리 + 확률 + 라벨 | 2 |
# | 3 | `create_app(load_model)`: lifespan, `/health`, `POST /predict_batch`, 이미지마다 답하는 `POST /predict_each` | 3 |
# | 4 | `add_cors(app, origins)`: 쿠키(자격 증명)를 보내는 프런트엔드용 CORS | 2 |
# | 5 | `add_search(app, retriever)`: `GET /search?q=...&k=...` | 2 |
# | 6 | `measure_latency(client, path, payload, n, warmup)`: 워밍업을 뺀 지연 시간과 백분위수 | 2 |
# | 7 | 실험: `endpoint_accuracy` 와 뒤집힌 이미지의 정확도 `ACC_OK`, `ACC_INVERTED` | 2 |
#
# - 문제마다 답 셀의 `raise NotImplementedError()` 를 지우고 코드를 완성한 뒤, 바로 아래 테스트 셀을 실행하세요. 테스트 셀은 고치지 마세요.
# - 보이는 테스트는 기본만 확인합니다. 채점 때는 새 입력과 경계 사례를 확인하는 숨은 테스트가 더 실행됩니다.
# - 테스트는 `helpers.serving.http_calls(app, [(메서드, 경로, 인자), ...])` 로 여러분의 앱에 TestClient 요청을 보내고,
#   응답을 `{"status", "headers", "json"}` 로 받습니다. 여러분도 같은 함수나 `with TestClient(app) as client:` 로 시험해 보세요.
# - 엔드포인트는 `def` 로 씁니다 (강의 ⚠️ 실수 3). 채점은 응답만 보므로 `async def` 로 써도 점수는 같지만, 모델 계산을 하는
#   엔드포인트라면 `def` 가 맞습니다. 지연 시간의 빠르기는 채점하지 않습니다.

# %% [markdown]
# ## 준비: 서빙할 Fashion-MNIST 모델 (실행만 하세요)
#
# 아래 셀이 Fashion-MNIST 분류기를 2 에포크 학습합니다. 학습 때의 전처리는 `to_input` 입니다: 0~1 픽셀을 평균 0.2860,
# 표준편차 0.3530 으로 표준화합니다. 서버도 **이 함수**로 전처리해야 합니다. `load_fashion_model()` 은 체크포인트에서 모델을
# 새로 만들어 돌려주는 로더입니다 (부를 때마다 읽습니다).

# %%
FASHION_MEAN, FASHION_STD = 0.2860, 0.3530
CLASS_NAMES = ["티셔츠", "바지", "스웨터", "드레스", "코트", "샌들", "셔츠", "운동화", "가방", "앵클부츠"]


def to_input(images01: torch.Tensor) -> torch.Tensor:
    """(N, 784) float pixels in 0..1 → the standardised input the model was trained on (a new tensor)."""
    return (images01 - FASHION_MEAN) / FASHION_STD


fashion = helpers.data.load_fashion_mnist()
x_train01 = torch.from_numpy(fashion.x_train).reshape(-1, 784).float() / 255
x_test01 = torch.from_numpy(fashion.x_test).reshape(-1, 784).float() / 255
y_train, y_test = torch.from_numpy(fashion.y_train), torch.from_numpy(fashion.y_test)

torch.manual_seed(0)
fashion_net = nn.Sequential(nn.Linear(784, 128), nn.ReLU(), nn.Linear(128, 10))
train_loader = DataLoader(TensorDataset(to_input(x_train01), y_train), batch_size=128, shuffle=True)
helpers.train.fit(fashion_net, train_loader, nn.CrossEntropyLoss(), torch.optim.Adam(fashion_net.parameters(), lr=2e-3),
                  epochs=2)
fashion_net.eval()
FASHION_STATE = {k: v.clone() for k, v in fashion_net.state_dict().items()}


def load_fashion_model() -> nn.Module:
    """Build the served model from its checkpoint (every call reads it again)."""
    model = nn.Sequential(nn.Linear(784, 128), nn.ReLU(), nn.Linear(128, 10))
    model.load_state_dict(FASHION_STATE)
    return model.eval()


chunks = serving.chunk_corpus(helpers.data.load_rag_corpus())
retriever = serving.Retriever(chunks)
print(f"학습 이미지 {len(x_train01)}장, 테스트 {len(x_test01)}장 | 검색기 조각 {len(chunks)}개")


# %% [markdown]
# ## 1. 배치 요청·응답 모델 (2점)
#
# 이미지 여러 장을 한 요청으로 받는 엔드포인트의 pydantic 모델을 쓰세요.
#
# - `BatchRequest`: 필드 `images` 하나. 이미지 **1장 이상 16장 이하**의 리스트이고, 각 이미지는 **정확히 784개**의 실수
#   (28×28 픽셀, 0~1) 리스트입니다. 값이 0 보다 작거나 1 보다 큰 픽셀이 하나라도 있으면 검사기가 `ValueError` 를 내고,
#   그 메시지는 **한국어**여야 합니다 (0 과 1 은 허용). 길이·개수 위반의 메시지는 pydantic 기본 메시지여도 됩니다.
#   `images` 가 없으면 당연히 검사에서 떨어집니다. 통과한 값은 바꾸지 않고 그대로 둡니다 (자르기·반올림도 하지 않습니다).
# - `BatchResponse`: 필드 `labels: list[int]`, `names: list[str]`, `probs: list[list[float]]` (모두 필수, 원소의 타입까지
#   검사합니다: 예를 들어 `names` 에 정수가 오면 검사에서 떨어져야 합니다).
#
# 힌트: `Field(min_length=..., max_length=...)` 는 리스트 길이에도 걸립니다. 안쪽 리스트에는
# `list[Annotated[list[float], Field(...)]]` 처럼 걸거나 `field_validator` 에서 직접 검사해도 됩니다.

# %% nbgrader={"grade": false, "grade_id": "ex_schemas", "locked": false, "schema_version": 3, "solution": true}
### BEGIN SOLUTION
class BatchRequest(BaseModel):
    images: list[list[float]] = Field(min_length=1, max_length=16)

    @field_validator("images")
    @classmethod
    def check_images(cls, images: list[list[float]]) -> list[list[float]]:
        for i, img in enumerate(images):
            if len(img) != 784:
                raise ValueError(f"{i}번 이미지의 픽셀이 {len(img)}개입니다. 784개여야 합니다")
            if min(img) < 0.0 or max(img) > 1.0:
                raise ValueError(f"{i}번 이미지에 0~1 밖의 픽셀 값이 있습니다")
        return images


class BatchResponse(BaseModel):
    labels: list[int]
    names: list[str]
    probs: list[list[float]]
### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "test_schemas", "locked": true, "points": 2, "schema_version": 3, "solution": false}
ok = serving.check_schema(BatchRequest, {"images": [[0.5] * 784, [0.0] * 784]})
assert ok["ok"] is True, "올바른 요청 (784 픽셀짜리 이미지 2장) 이 검사에서 떨어졌습니다"
bad = serving.check_schema(BatchRequest, {"images": [[0.5] * 10]})
assert bad["ok"] is False, "픽셀이 10개인 이미지를 받아들였습니다"
assert serving.check_schema(BatchResponse, {"labels": [1], "names": ["바지"], "probs": [[0.1] * 10]})["ok"] is True, \
    "올바른 응답이 BatchResponse 검사에서 떨어졌습니다"
### BEGIN HIDDEN TESTS
def _hangul(s):
    return any("\uac00" <= ch <= "\ud7a3" for ch in s)


_img = [float((i * 37) % 101) / 101 for i in range(784)]  # values like 0.366336..., not round numbers
for _n in (1, 16):
    _r = serving.check_schema(BatchRequest, {"images": [_img] * _n})
    assert _r["ok"] is True, "이미지 1장·16장 요청이 검사에서 떨어졌습니다"
    assert _r["value"]["images"] == [_img] * _n, "통과한 요청의 픽셀 값이 바뀌었습니다"
assert serving.check_schema(BatchRequest, {"images": [[0.0] * 392 + [1.0] * 392]})["ok"] is True, \
    "경계값 0 과 1 은 허용해야 합니다"
for _body, _why in [({"images": []}, "이미지 0장"), ({"images": [_img] * 17}, "이미지 17장"),
                    ({"images": [_img, _img[:783]]}, "783 픽셀 이미지"), ({"images": [_img + [0.5]]}, "785 픽셀 이미지"),
                    ({}, "images 필드 없음"), ({"pixels": [_img]}, "필드 이름이 다른 요청")]:
    _r = serving.check_schema(BatchRequest, _body)
    assert _r["ok"] is False and len(_r["errors"]) >= 1, f"{_why} 요청을 받아들였습니다"
for _bad_value, _why in [(-0.01, "음수 픽셀"), (1.01, "1 보다 큰 픽셀"), (255.0, "0~255 픽셀")]:
    _r = serving.check_schema(BatchRequest, {"images": [_img, _img[:500] + [_bad_value] + _img[501:]]})
    assert _r["ok"] is False, f"{_why} 이 있는 요청을 받아들였습니다"
    assert any(_hangul(e["msg"]) for e in _r["errors"]), f"{_why} 오류의 메시지가 한국어가 아닙니다"
_good = {"labels": [1, 2], "names": ["바지", "스웨터"], "probs": [[0.1] * 10, [0.1] * 10]}
_r = serving.check_schema(BatchResponse, _good)
assert _r["ok"] is True and _r["value"] == _good, "올바른 BatchResponse 가 검사에서 떨어졌거나 값이 바뀌었습니다"
assert all(type(v) is int for v in _r["value"]["labels"]), "BatchResponse 의 labels 는 int 의 리스트여야 합니다"
assert all(type(v) is float for p in _r["value"]["probs"] for v in p), "BatchResponse 의 probs 는 float 여야 합니다"
for _k in ("labels", "names", "probs"):
    _r = serving.check_schema(BatchResponse, {k: v for k, v in _good.items() if k != _k})
    assert _r["ok"] is False, f"BatchResponse 에서 {_k} 필드가 필수가 아닙니다"
assert serving.check_schema(BatchResponse, {**_good, "labels": ["가", "나"]})["ok"] is False, \
    "labels 가 정수 리스트로 검사되지 않습니다"
assert serving.check_schema(BatchResponse, {**_good, "names": [1, 2]})["ok"] is False, \
    "names 가 문자열 리스트로 검사되지 않습니다"
assert serving.check_schema(BatchResponse, {**_good, "probs": [0.1, 0.2]})["ok"] is False, \
    "probs 가 실수 리스트의 리스트로 검사되지 않습니다"
### END HIDDEN TESTS

# %% [markdown]
# ## 2. 배치 예측 함수 (2점)
#
# `predict_batch(model, images01)` 를 완성하세요. `images01` 은 `(N, 784)` float32 텐서(0~1 픽셀), `model` 은 평가 모드의
# 분류 모델(로짓 10개)입니다.
#
# - 학습 때와 **같은 전처리** `to_input` 을 거쳐 모델에 넣고, `torch.no_grad()` 안에서 계산합니다.
# - 클래스 방향 소프트맥스로 확률을 구하고, 라벨은 확률이 가장 큰 클래스입니다.
# - `{"labels": [int, ...], "names": [str, ...], "probs": [[float × 10], ...]}` 딕셔너리를 돌려줍니다. 값은 텐서가 아니라
#   **파이썬 리스트**(JSON 으로 보낼 수 있는 값)이고, `names` 는 `CLASS_NAMES` 의 이름입니다. 입력 텐서는 바꾸지 않고,
#   모델을 학습 모드로 바꾸지 않습니다. 채점은 모델이 불릴 때 기울기 계산이 꺼져 있었는지도 확인합니다.

# %% nbgrader={"grade": false, "grade_id": "ex_predict_batch", "locked": false, "schema_version": 3, "solution": true}
def predict_batch(model: nn.Module, images01: torch.Tensor) -> dict:
    """Labels, class names and softmax probabilities of a batch of 0..1 images (plain Python lists)."""
    ### BEGIN SOLUTION
    with torch.no_grad():
        probs = torch.softmax(model(to_input(images01)), dim=1)
    labels = probs.argmax(dim=1).tolist()
    return {"labels": labels, "names": [CLASS_NAMES[i] for i in labels], "probs": probs.tolist()}
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "test_predict_batch", "locked": true, "points": 2, "schema_version": 3, "solution": false}
out = predict_batch(fashion_net, x_test01[:3].clone())
assert type(out) is dict and set(out) == {"labels", "names", "probs"}, "labels, names, probs 세 키의 dict 여야 합니다"
assert type(out["labels"]) is list and len(out["labels"]) == 3, "labels 는 이미지 수만큼의 리스트여야 합니다"
assert type(out["probs"]) is list and len(out["probs"][0]) == 10, "probs 는 이미지마다 10개의 확률이어야 합니다"
### BEGIN HIDDEN TESTS
torch.manual_seed(18)
_model = nn.Sequential(nn.Linear(784, 10)).eval()
with torch.no_grad():
    _model[0].weight.mul_(8)
_x = torch.rand(7, 784)
_x[0] = 0.0
_x_before = _x.clone()
_model.grad_seen = []
_model.register_forward_hook(lambda m, i, o: m.grad_seen.append(bool(torch.is_grad_enabled())))
_out = predict_batch(_model, _x)
assert _model.training is False, "predict_batch 가 모델을 학습 모드로 바꾸었습니다"
assert len(_model.grad_seen) >= 1 and not any(_model.grad_seen), "모델을 torch.no_grad() 안에서 부르지 않았습니다"

assert type(_out) is dict and set(_out) == {"labels", "names", "probs"}, "labels, names, probs 세 키의 dict 여야 합니다"
assert torch.equal(_x, _x_before), "입력 이미지 텐서를 바꾸면 안 됩니다"
assert type(_out["labels"]) is list and all(type(v) is int for v in _out["labels"]), "labels 는 int 의 리스트여야 합니다"
assert type(_out["names"]) is list and all(type(v) is str for v in _out["names"]), "names 는 str 의 리스트여야 합니다"
assert type(_out["probs"]) is list and all(type(p) is list and len(p) == 10 and all(type(v) is float for v in p)
                                           for p in _out["probs"]), "probs 는 float 10개짜리 리스트의 리스트여야 합니다"
assert len(_out["labels"]) == len(_out["names"]) == len(_out["probs"]) == 7, "이미지 수와 결과 수가 다릅니다"
_p = torch.tensor(_out["probs"], dtype=torch.float64)
assert torch.allclose(_p.sum(1), torch.ones(7, dtype=torch.float64), atol=1e-5), "이미지마다 확률의 합이 1 이 아닙니다"
assert _out["labels"] == _p.argmax(1).tolist(), "라벨이 확률이 가장 큰 클래스가 아닙니다"
with torch.no_grad():
    _expected = torch.softmax(_model((_x_before - FASHION_MEAN) / FASHION_STD).double(), dim=1)
assert torch.allclose(_p, _expected, atol=1e-5), "확률이 학습 때와 같은 전처리(to_input)를 거친 모델의 소프트맥스와 다릅니다"
assert _out["names"] == [CLASS_NAMES[i] for i in _out["labels"]], "names 가 라벨의 CLASS_NAMES 이름과 다릅니다"
_one = predict_batch(_model, _x_before[2:3])
assert len(_one["labels"]) == 1 and _one["labels"][0] == _out["labels"][2], "이미지 1장짜리 배치의 결과가 다릅니다"
### END HIDDEN TESTS

# %% [markdown]
# ## 3. 앱 팩토리: lifespan, `/health`, `POST /predict_batch`, `POST /predict_each` (3점)
#
# `create_app(load_model)` 을 완성하세요. `load_model` 은 인자 없이 부르면 모델을 돌려주는 함수(로더)입니다.
#
# - `FastAPI` 앱을 만들어 돌려줍니다. 모델은 **lifespan**(서버 시작)에서 `load_model()` 을 **정확히 한 번** 불러 읽습니다.
#   `create_app` 자신은 로더를 부르지 않고, 첫 요청 때 읽는 것(지연 읽기)도 아닙니다: 채점은 `create_app` 이 돌아온 직후
#   로더 호출 0번, 서버가 시작된 직후(요청을 하나도 보내기 전) 1번, 요청 20여 번 뒤에도 1번인지 봅니다.
# - `GET /health` → `{"status": "ok", "model_loaded": true}` (모델을 읽은 뒤).
# - `POST /predict_batch`: 본문은 문제 1의 `BatchRequest`, 응답은 `BatchResponse` 입니다. 이미지를 `(N, 784)` float32 텐서로
#   만들어 문제 2의 `predict_batch` 로 예측합니다. 잘못된 본문은 FastAPI 가 422 로 돌려줍니다 (따로 할 일은 없습니다).
#   문제 7이 이 엔드포인트를 씁니다.
#
# **새 계약: 이미지마다 답하는 `POST /predict_each`.** `/predict_batch` 는 16장 중 한 장만 잘못되어도 요청 전체를 422 로
# 돌려보냅니다. 사진 앨범을 한꺼번에 올리는 앱이라면 멀쩡한 15장의 답은 받고, 잘못된 한 장만 "이 사진은 안 됩니다"라고 듣고
# 싶을 것입니다. 그래서 이 엔드포인트는 **요청 전체**와 **이미지 한 장**의 검사를 나눕니다.
#
# - 요청 전체의 검사 (어기면 422, FastAPI 가 처리): 본문은 `{"images": [...]}`, 이미지 **1장 이상 16장 이하**, 각 이미지는
#   **숫자의 리스트**(`list[float]`; 숫자가 아닌 값이 있으면 요청 전체가 422). 이미지 한 장의 길이·값은 여기서 검사하지 않으므로
#   문제 1의 `BatchRequest` 가 아닌 새 요청 모델이 필요합니다.
# - 이미지 한 장의 검사: 픽셀이 **정확히 784개**이고 모든 값이 **0 이상 1 이하**여야 합니다 (0 과 1 은 허용, 빈 리스트는 잘못된
#   이미지). 잘못된 이미지가 있어도 응답은 **200** 입니다 (모두 잘못되어도 200).
# - 응답: `{"results": [...], "n_valid": 올바른 이미지 수}`. `results` 는 받은 이미지와 **같은 순서, 같은 개수**이고, `i` 번째
#   (0부터) 원소는
#   - 올바른 이미지: 키가 정확히 `index, ok, label, name, prob` 인 dict: `{"index": i, "ok": true, "label": 라벨, "name":
#     CLASS_NAMES 이름, "prob": 그 라벨의 소프트맥스 확률}` (`predict_batch` 와 같은 전처리·확률),
#   - 잘못된 이미지: 키가 정확히 `index, ok, error` 인 dict: `{"index": i, "ok": false, "error": "한국어 오류 메시지"}`.
#   `index` 는 **받은 요청 안에서의 번호**입니다 (올바른 이미지들 사이의 번호가 아닙니다).
# - 올바른 이미지들은 모아서 `predict_batch` 를 한 번 부르면 됩니다 (한 장씩 불러도 점수는 같습니다).
#
# 엔드포인트는 `def` 로 씁니다. 채점은 채점기가 만든 다른 모델로도 앱을 만들어 확률을 비교합니다.

# %% nbgrader={"grade": false, "grade_id": "ex_create_app", "locked": false, "schema_version": 3, "solution": true}
def create_app(load_model) -> FastAPI:
    """A FastAPI app serving the model that load_model() returns, read once at start-up."""
    ### BEGIN SOLUTION
    class EachRequest(BaseModel):
        images: list[list[float]] = Field(min_length=1, max_length=16)

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        app.state.model = load_model()
        yield
        app.state.model = None

    app = FastAPI(lifespan=lifespan)

    @app.get("/health")
    def health() -> dict:
        return {"status": "ok", "model_loaded": getattr(app.state, "model", None) is not None}

    @app.post("/predict_batch", response_model=BatchResponse)
    def predict(req: BatchRequest) -> BatchResponse:
        images = torch.tensor(req.images, dtype=torch.float32)
        return BatchResponse(**predict_batch(app.state.model, images))

    @app.post("/predict_each")
    def predict_each(req: EachRequest) -> dict:
        results, valid = [], []
        for i, img in enumerate(req.images):
            if len(img) != 784:
                results.append({"index": i, "ok": False, "error": f"픽셀이 {len(img)}개입니다. 784개여야 합니다"})
            elif min(img) < 0.0 or max(img) > 1.0:
                results.append({"index": i, "ok": False, "error": "0~1 밖의 픽셀 값이 있습니다"})
            else:
                results.append(None)
                valid.append(i)
        if valid:
            out = predict_batch(app.state.model, torch.tensor([req.images[i] for i in valid], dtype=torch.float32))
            for j, i in enumerate(valid):
                label = out["labels"][j]
                results[i] = {"index": i, "ok": True, "label": label, "name": out["names"][j],
                              "prob": out["probs"][j][label]}
        return {"results": results, "n_valid": len(valid)}

    return app
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "test_create_app", "locked": true, "points": 3, "schema_version": 3, "solution": false}
app = create_app(load_fashion_model)
assert isinstance(app, FastAPI), "create_app 은 FastAPI 앱을 돌려주어야 합니다"
r_health, r_pred, r_each = serving.http_calls(app, [
    ("GET", "/health", {}), ("POST", "/predict_batch", {"json": {"images": x_test01[:2].tolist()}}),
    ("POST", "/predict_each", {"json": {"images": [x_test01[0].tolist(), [0.5] * 10]}})])
assert r_health["status"] == 200 and r_health["json"] == {"status": "ok", "model_loaded": True}, "/health 응답이 다릅니다"
assert r_pred["status"] == 200 and len(r_pred["json"]["labels"]) == 2, "/predict_batch 가 이미지 2장에 답하지 않았습니다"
assert r_each["status"] == 200, "/predict_each 는 잘못된 이미지가 섞여 있어도 200 이어야 합니다"
assert [r["ok"] for r in r_each["json"]["results"]] == [True, False], \
    "/predict_each 의 results 가 이미지마다 ok 를 알려주지 않습니다 (올바른 1장, 픽셀 10개짜리 1장)"
### BEGIN HIDDEN TESTS
torch.manual_seed(81)
_model = nn.Sequential(nn.Linear(784, 32), nn.Tanh(), nn.Linear(32, 10)).eval()
with torch.no_grad():
    _model[2].weight.mul_(6)
_x = torch.rand(5, 784)
_x[1] = 1.0
_bad = _x[0].tolist()
_bad[100] = 1.5
_calls = [("GET", "/health", {}), ("POST", "/predict_batch", {"json": {"images": _x.tolist()}}),
          ("POST", "/predict_batch", {"json": {"images": [_x[0].tolist()[:700]]}}),
          ("POST", "/predict_batch", {"json": {"images": [_bad]}}),
          ("POST", "/predict_batch", {"json": {"pixels": _x.tolist()}}),
          ("POST", "/predict_batch", {"json": {"images": []}})]
_calls += [("POST", "/predict_batch", {"json": {"images": [_x[i % 5].tolist()]}}) for i in range(15)]
_neg = _x[4].tolist()
_neg[783] = -0.01
_each = [_x[0].tolist(), _x[2].tolist()[:783], _x[1].tolist(), _bad, [], _x[3].tolist() + [0.5],
         [0.0] * 392 + [1.0] * 392, _neg, _x[3].tolist()]
_each_ok = [True, False, True, False, False, False, True, False, True]
_calls += [("POST", "/predict_each", {"json": {"images": _each}}),
           ("POST", "/predict_each", {"json": {"images": [[0.5] * 10, _bad]}}),
           ("POST", "/predict_each", {"json": {"images": [_x[2].tolist()]}})]
_calls += [("POST", "/predict_each", {"json": _b}) for _b in
           ({"images": []}, {"images": [_x[0].tolist()] * 17}, {"pixels": [_x[0].tolist()]},
            {"images": [["가"] * 784]}, {"images": _x[0].tolist()})]
_s = serving.counting_session(create_app, _model, _calls)
assert _s["loads_before_start"] == 0, "create_app 이 돌아오기 전에 모델을 읽었습니다 (lifespan 에서 읽어야 합니다)"
assert _s["loads_at_start"] == 1, "서버가 시작된 직후(요청 전) 모델을 읽지 않았습니다 (lifespan 에서 읽어야 합니다)"
assert _s["loads"] == 1, "요청 29번 동안 모델 로더가 정확히 한 번 불리지 않았습니다"
_rs = _s["responses"]
assert _rs[0]["status"] == 200 and _rs[0]["json"] == {"status": "ok", "model_loaded": True}, "/health 응답이 다릅니다"
assert _rs[1]["status"] == 200, "올바른 /predict_batch 요청이 200 이 아닙니다"
_j = _rs[1]["json"]
assert type(_j) is dict and set(_j) == {"labels", "names", "probs"}, "응답이 BatchResponse 모양이 아닙니다"
_p = torch.tensor(_j["probs"], dtype=torch.float64)
assert _p.shape == (5, 10), "probs 의 모양이 (이미지 수, 10) 이 아닙니다"
assert torch.allclose(_p.sum(1), torch.ones(5, dtype=torch.float64), atol=1e-5), "확률의 합이 1 이 아닙니다"
with torch.no_grad():
    _expected = torch.softmax(_model(to_input(_x)).double(), dim=1)
assert torch.allclose(_p, _expected, atol=1e-5), "확률이 채점용 모델에 학습과 같은 전처리를 한 결과와 다릅니다"
assert _j["labels"] == _p.argmax(1).tolist(), "라벨이 확률이 가장 큰 클래스가 아닙니다"
assert _j["names"] == [CLASS_NAMES[i] for i in _j["labels"]], "names 가 라벨의 이름과 다릅니다"
for _k, _why in [(2, "픽셀 700개"), (3, "1.5 픽셀"), (4, "images 필드 없음"), (5, "이미지 0장")]:
    assert _rs[_k]["status"] == 422, f"{_why} 요청에 422 를 돌려주지 않았습니다"
for _k in range(6, 21):
    assert _rs[_k]["status"] == 200 and _rs[_k]["json"]["labels"] == [_expected[(_k - 6) % 5].argmax().item()], \
        "이미지 1장 요청의 예측이 다릅니다"
_valid = [i for i, ok in enumerate(_each_ok) if ok]
with torch.no_grad():
    _pe = torch.softmax(_model(to_input(torch.tensor([_each[i] for i in _valid]))).double(), dim=1)
for _k, _expect_ok in [(21, _each_ok), (22, [False, False]), (23, [True])]:
    assert _rs[_k]["status"] == 200, "/predict_each 는 이미지 한 장이 잘못되어도 (모두 잘못되어도) 200 이어야 합니다"
    _j = _rs[_k]["json"]
    assert type(_j) is dict and set(_j) == {"results", "n_valid"}, "/predict_each 응답의 키가 results, n_valid 가 아닙니다"
    assert type(_j["results"]) is list and len(_j["results"]) == len(_expect_ok), \
        "results 는 받은 이미지마다 하나씩, 같은 개수여야 합니다"
    assert type(_j["n_valid"]) is int and _j["n_valid"] == sum(_expect_ok), "n_valid 가 올바른 이미지 수와 다릅니다"
    for _i, (_r, _ok) in enumerate(zip(_j["results"], _expect_ok)):
        assert type(_r) is dict and type(_r.get("index")) is int and _r["index"] == _i, \
            "results 의 index 가 요청 안에서의 번호(0부터)가 아닙니다"
        assert _r.get("ok") is _ok, "올바른 이미지와 잘못된 이미지(픽셀 수, 0~1 범위; 0 과 1 은 허용)를 잘못 가렸습니다"
        if _ok:
            assert set(_r) == {"index", "ok", "label", "name", "prob"}, \
                "올바른 이미지의 결과는 index, ok, label, name, prob 다섯 키여야 합니다"
            _row = _pe[_valid.index(_i)] if _k == 21 else torch.softmax(
                _model(to_input(_x[2:3])).detach().double(), dim=1)[0]
            assert type(_r["label"]) is int and _r["label"] == int(_row.argmax()), "올바른 이미지의 라벨이 다릅니다"
            assert _r["name"] == CLASS_NAMES[_r["label"]], "name 이 라벨의 CLASS_NAMES 이름과 다릅니다"
            assert type(_r["prob"]) is float and abs(_r["prob"] - float(_row[_r["label"]])) < 1e-5, \
                "prob 가 그 라벨의 소프트맥스 확률(학습과 같은 전처리)과 다릅니다"
        else:
            assert set(_r) == {"index", "ok", "error"}, "잘못된 이미지의 결과는 index, ok, error 세 키여야 합니다"
            assert type(_r["error"]) is str and any("\uac00" <= _c <= "\ud7a3" for _c in _r["error"]), \
                "잘못된 이미지의 error 는 한국어 메시지여야 합니다"
for _k in range(24, 29):
    assert _rs[_k]["status"] == 422, "/predict_each 의 요청 전체가 잘못되면 (0장, 17장, images 없음, 숫자가 아닌 값) 422 여야 합니다"
### END HIDDEN TESTS

# %% [markdown]
# ## 4. 로그인하는 프런트엔드를 위한 CORS (2점)
#
# 강의 6절의 CORS 는 출처·메서드·`Content-Type` 만 허용했습니다. 이번 프런트엔드는 로그인한 사용자의 **쿠키**를 함께 보내고
# (`fetch(..., {credentials: "include"})`), `Authorization` 헤더도 붙입니다. `add_cors(app, origins)` 를 완성하세요. 받은 앱에
# CORS 미들웨어를 더하고 **같은 앱 객체**를 돌려줍니다.
#
# - `origins` 는 출처 문자열의 리스트입니다 (예: `["http://localhost:8000"]`). **이 출처들만**, 글자 그대로 같을 때만
#   허용합니다 (앞부분만 같은 출처나 `*` 는 안 됩니다).
# - 메서드 GET 과 POST, 요청 헤더 `Content-Type` 과 `Authorization` 은 반드시 허용합니다. 그 밖의 메서드·헤더를 더 허용하는지는
#   채점하지 않습니다.
# - **자격 증명(쿠키)을 허용**합니다: 허용한 출처의 응답에 `access-control-allow-credentials: true` 가 붙어야 합니다.
# - 브라우저가 사전 요청 결과를 **1시간(3600초)** 기억하게 합니다: 사전 요청 응답에 `access-control-max-age: 3600`.
#
# `CORSMiddleware` 의 매개변수 중 강의에서 쓰지 않은 `allow_credentials`, `max_age` 를 찾아 쓰세요 (`help(CORSMiddleware)`).
# 그러면 허용한 출처의 사전 요청(OPTIONS)은 200 과 `access-control-allow-origin: <그 출처>` 를 받고, 다른 출처는 그 헤더를
# 받지 못합니다. 채점은 라우트 두 개(GET `/ping`, POST `/echo`)만 있는 다른 앱에 여러분의 함수를 적용해 봅니다.

# %% nbgrader={"grade": false, "grade_id": "ex_add_cors", "locked": false, "schema_version": 3, "solution": true}
def add_cors(app: FastAPI, origins: list[str]) -> FastAPI:
    """Allow exactly `origins` with credentials (GET/POST, Content-Type/Authorization, preflight cached 1 h)."""
    ### BEGIN SOLUTION
    app.add_middleware(
        CORSMiddleware,
        allow_origins=[str(o) for o in origins],
        allow_credentials=True,
        allow_methods=["GET", "POST"],
        allow_headers=["Content-Type", "Authorization"],
        max_age=3600,
    )
    return app
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "test_add_cors", "locked": true, "points": 2, "schema_version": 3, "solution": false}
def preflight(origin: str, path: str = "/echo", method: str = "POST") -> tuple:
    return ("OPTIONS", path, {"headers": {"Origin": origin, "Access-Control-Request-Method": method,
                                          "Access-Control-Request-Headers": "content-type, authorization"}})


res = serving.extend_echo_app(add_cors, [["http://localhost:8000"]], [preflight("http://localhost:8000")])
assert res["same_app"] is True, "add_cors 는 받은 앱 객체를 그대로 돌려주어야 합니다"
assert res["responses"][0]["status"] == 200, "허용한 출처의 사전 요청이 200 이 아닙니다"
assert res["responses"][0]["headers"].get("access-control-allow-origin") == "http://localhost:8000", \
    "허용한 출처의 사전 요청에 access-control-allow-origin 헤더가 없습니다"
assert res["responses"][0]["headers"].get("access-control-allow-credentials") == "true", \
    "사전 요청 응답에 access-control-allow-credentials: true 가 없습니다"
### BEGIN HIDDEN TESTS
_allowed = ["http://127.0.0.1:5500", "https://chat.example.kr"]
_calls = [preflight(_allowed[0]), preflight(_allowed[1]), preflight("http://evil.example"),
          preflight("https://chat.example"), preflight("http://127.0.0.1"), preflight(_allowed[1], "/ping", "GET"),
          ("POST", "/echo", {"json": {"a": 1}, "headers": {"Origin": _allowed[0], "Authorization": "Bearer t"}}),
          ("POST", "/echo", {"json": {"a": 1}, "headers": {"Origin": "http://evil.example"}}),
          ("GET", "/ping", {"headers": {"Origin": _allowed[1]}})]
_res = serving.extend_echo_app(add_cors, [list(_allowed)], _calls)
assert _res["same_app"] is True, "add_cors 는 받은 앱 객체를 그대로 돌려주어야 합니다"
_rs = _res["responses"]
for _k, _origin in [(0, _allowed[0]), (1, _allowed[1]), (5, _allowed[1])]:
    assert _rs[_k]["status"] == 200, "허용한 출처의 사전 요청(POST 또는 GET, Content-Type·Authorization 헤더)이 200 이 아닙니다"
    assert _rs[_k]["headers"].get("access-control-allow-origin") == _origin, \
        "허용한 출처의 사전 요청에 그 출처의 access-control-allow-origin 헤더가 없습니다"
    assert _rs[_k]["headers"].get("access-control-allow-credentials") == "true", \
        "허용한 출처의 사전 요청에 access-control-allow-credentials: true 가 없습니다"
    assert _rs[_k]["headers"].get("access-control-max-age") == "3600", "사전 요청 응답의 access-control-max-age 가 3600 이 아닙니다"
for _k in (2, 3, 4):
    assert _rs[_k]["status"] != 200, "허용하지 않은 출처의 사전 요청이 200 입니다"
    assert "access-control-allow-origin" not in _rs[_k]["headers"], "허용하지 않은 출처가 허용 헤더를 받았습니다"
assert _rs[6]["status"] == 200 and _rs[6]["json"] == {"a": 1}, "CORS 를 더한 뒤 원래 라우트가 동작하지 않습니다"
for _k, _origin in [(6, _allowed[0]), (8, _allowed[1])]:
    assert _rs[_k]["headers"].get("access-control-allow-origin") == _origin, "허용한 출처의 요청 응답에 허용 헤더가 없습니다"
    assert _rs[_k]["headers"].get("access-control-allow-credentials") == "true", \
        "허용한 출처의 요청 응답에 access-control-allow-credentials: true 가 없습니다"
assert "access-control-allow-origin" not in _rs[7]["headers"], "허용하지 않은 출처의 POST 응답에 허용 헤더가 있습니다"
### END HIDDEN TESTS

# %% [markdown]
# ## 5. 검색 엔드포인트: `GET /search?q=...&k=...` (2점)
#
# 강의의 `/chat` 은 질문을 JSON 본문으로 받았습니다. 이번에는 검색어를 **쿼리 매개변수**로 받는 GET 엔드포인트를 더합니다
# (브라우저 주소창에서 바로 부를 수 있는 모양). `add_search(app, retriever)` 를 완성하세요. 같은 앱 객체를 돌려줍니다.
#
# - `q`: 필수, 1자 이상 500자 이하의 문자열. `k`: 선택, 정수 1~5, 기본값 3. 어기면 422 (`fastapi.Query` 의 `min_length`,
#   `max_length`, `ge`, `le` 를 쓰세요).
# - `hits = retriever.search(q, k)` 의 결과(유사도 순)로
#   `{"query": q, "answer": serving.extractive_answer(q, hits[0]["text"]), "sources": [{"chunk_id", "doc_id", "title", "score"}, ...]}`
#   를 돌려줍니다. `query` 는 받은 검색어 그대로(앞뒤 공백도 지우지 않고)입니다. `sources` 는 `hits` 와 같은 순서, 같은 개수이고
#   각 값은 hit 의 값 그대로입니다 (`text` 는 넣지 않습니다).
# - 채점은 작은 다른 검색기와 다른 앱으로 확인합니다.

# %% nbgrader={"grade": false, "grade_id": "ex_add_search", "locked": false, "schema_version": 3, "solution": true}
def add_search(app: FastAPI, retriever) -> FastAPI:
    """GET /search?q=...&k=... over `retriever`: an extractive answer and its sources; returns the same app."""
    ### BEGIN SOLUTION
    @app.get("/search")
    def search(q: str = Query(min_length=1, max_length=500), k: int = Query(3, ge=1, le=5)) -> dict:
        hits = retriever.search(q, k)
        return {"query": q, "answer": serving.extractive_answer(q, hits[0]["text"]),
                "sources": [{"chunk_id": h["chunk_id"], "doc_id": h["doc_id"], "title": h["title"],
                             "score": h["score"]} for h in hits]}

    return app
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "test_add_search", "locked": true, "points": 2, "schema_version": 3, "solution": false}
res = serving.extend_echo_app(add_search, [retriever], [("GET", "/search", {"params": {"q": "모델 저장하기"}}),
                                                        ("GET", "/search", {"params": {"q": ""}})])
assert res["same_app"] is True, "add_search 는 받은 앱 객체를 그대로 돌려주어야 합니다"
ok, empty = res["responses"]
assert ok["status"] == 200 and len(ok["json"]["sources"]) == 3, "기본 k=3 으로 근거 문서 3개를 돌려주어야 합니다"
assert empty["status"] == 422, "빈 검색어에는 422 를 돌려주어야 합니다"
### BEGIN HIDDEN TESTS
_docs = [{"id": 7, "title": "텐서 기초", "text": "텐서는 다차원 배열입니다. 텐서의 모양은 shape 으로 봅니다. 장치를 옮길 때는 to 를 씁니다."},
         {"id": 8, "title": "모델 저장", "text": "모델을 저장할 때는 state_dict 를 저장합니다. 불러올 때는 load_state_dict 를 부릅니다."},
         {"id": 9, "title": "데이터 로더", "text": "데이터 로더는 배치를 만듭니다. 배치 크기는 batch_size 로 정합니다. 섞기는 shuffle 입니다."},
         {"id": 10, "title": "옵티마이저", "text": "옵티마이저는 매개변수를 갱신합니다. 학습률은 lr 로 정합니다. Adam 이 자주 쓰입니다."},
         {"id": 11, "title": "손실 함수", "text": "손실 함수는 예측과 정답의 차이를 잽니다. 분류에는 교차 엔트로피를 씁니다."},
         {"id": 12, "title": "드롭아웃", "text": "드롭아웃은 학습 중 일부 뉴런을 끕니다. 평가 때는 eval 모드로 바꿉니다."}]
_small = serving.Retriever(serving.chunk_corpus(_docs, size=200, overlap=50))
_qs = [("배치 크기를 어떻게 정하나요", 2), (" 학습률 ", 1), ("모델을 불러올 때", 5), ("가" * 500, 4)]
_calls = [("GET", "/search", {"params": {"q": q, "k": k}}) for q, k in _qs]
_calls += [("GET", "/search", {"params": {"q": "드롭아웃"}}), ("GET", "/search", {"params": {"q": "나"}})]
_calls += [("GET", "/search", {"params": p}) for p in
           ({"q": ""}, {"q": "가" * 501}, {}, {"q": "텐서", "k": 0}, {"q": "텐서", "k": 6}, {"q": "텐서", "k": "세 개"})]
_res = serving.extend_echo_app(add_search, [_small], _calls)
assert _res["same_app"] is True, "add_search 는 받은 앱 객체를 그대로 돌려주어야 합니다"
_rs = _res["responses"]
for _i, (_q, _k) in enumerate(_qs + [("드롭아웃", 3), ("나", 3)]):
    assert _rs[_i]["status"] == 200, "올바른 검색 요청이 200 이 아닙니다"
    _j = _rs[_i]["json"]
    assert type(_j) is dict and set(_j) == {"query", "answer", "sources"}, "응답의 키가 query, answer, sources 가 아닙니다"
    _hits = _small.search(_q, _k)
    assert _j["query"] == _q, "query 가 받은 검색어와 다릅니다"
    assert len(_j["sources"]) == len(_hits), "근거 문서(sources)의 개수가 k 와 다릅니다"
    for _src, _h in zip(_j["sources"], _hits):
        assert type(_src) is dict and set(_src) == {"chunk_id", "doc_id", "title", "score"}, \
            "근거 문서마다 chunk_id, doc_id, title, score 네 키가 있어야 합니다"
        assert (_src["chunk_id"], _src["doc_id"], _src["title"]) == (_h["chunk_id"], _h["doc_id"], _h["title"]), \
            "근거 문서가 검색기 결과와 다르거나 순서가 다릅니다"
        assert abs(_src["score"] - _h["score"]) < 1e-9, "근거 문서의 score 가 검색기의 값과 다릅니다"
    assert _j["answer"] == serving.extractive_answer(_q, _hits[0]["text"]), "answer 가 1위 조각의 추출 답과 다릅니다"
for _i in range(6, 12):
    assert _rs[_i]["status"] == 422, "잘못된 q 또는 k 에 422 를 돌려주지 않았습니다"
### END HIDDEN TESTS

# %% [markdown]
# ## 6. 워밍업을 뺀 지연 시간 재기 (2점)
#
# 서버의 첫 요청 몇 개는 느립니다 (연결 맺기, 캐시 채우기, 처음 쓰는 코드 경로). 그래서 지연 시간은 보통 **워밍업** 요청을 먼저
# 보내고 버린 뒤에 잽니다. 강의 8절의 `measure` 에 이것을 더해 `measure_latency(client, path, payload, n, warmup=0)` 을
# 완성하세요. `client` 는 TestClient 나 `httpx.Client` 처럼 `post` 메서드가 있는 클라이언트입니다.
#
# - 먼저 `client.post(path, json=payload)` 를 `warmup` 번 보내고 그 시간은 **재지 않습니다**. 이어서 같은 요청을 **정확히 n 번**
#   차례로 보내며 각 요청의 시간을 `time.perf_counter()` 로 재어 **밀리초**로 바꿉니다. 요청은 모두 `warmup + n` 번입니다.
# - `{"n": n, "warmup": warmup, "latencies_ms": [잰 요청 순서대로 n개의 실수], "p50_ms": 실수, "p95_ms": 실수}` 를 돌려줍니다
#   (`float` 나 `np.float64` 모두 됩니다). 백분위수는 `np.percentile` 의 기본 방식(선형 보간)으로 계산합니다
#   (`statistics.quantiles(..., n=100, method="inclusive")` 도 같은 값이지만, 값이 2개 이상일 때만 동작합니다).
# - `n` 은 1 이상입니다. **n = 1 도 채점합니다**: 그때 p50 과 p95 는 그 한 번의 시간입니다.
# - 채점은 진짜 서버 대신 요청마다 정해진 시간만큼 쉬었다가 답하는 가짜 클라이언트(`helpers.serving.RecordingClient`)로 합니다.
#   처음 몇 요청을 일부러 느리게 만들어 워밍업이 빠졌는지 봅니다. 빠르기는 채점하지 않고, 요청 수·경로, 잰 시간과 백분위수가
#   서로 맞는지를 봅니다.

# %% nbgrader={"grade": false, "grade_id": "ex_measure_latency", "locked": false, "schema_version": 3, "solution": true}
def measure_latency(client, path: str, payload: dict, n: int, warmup: int = 0) -> dict:
    """`warmup` untimed POSTs, then n timed ones; per-request latencies in ms and their p50/p95."""
    ### BEGIN SOLUTION
    for _ in range(warmup):
        client.post(path, json=payload)
    latencies = []
    for _ in range(n):
        t0 = time.perf_counter()
        client.post(path, json=payload)
        latencies.append((time.perf_counter() - t0) * 1000)
    p50, p95 = np.percentile(latencies, [50, 95])
    return {"n": n, "warmup": warmup, "latencies_ms": latencies, "p50_ms": float(p50), "p95_ms": float(p95)}
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "test_measure_latency", "locked": true, "points": 2, "schema_version": 3, "solution": false}
LATENCY_KEYS = {"n", "warmup", "latencies_ms", "p50_ms", "p95_ms"}
stats, calls = serving.with_recording_client(measure_latency, [1.0], "/predict_batch", {"images": []}, 5)
assert type(stats) is dict and set(stats).issuperset(LATENCY_KEYS), "필요한 키가 없습니다"
assert len(calls) == 5 and stats["n"] == 5 and stats["warmup"] == 0, "warmup=0 이면 요청을 정확히 n 번 보내야 합니다"
assert stats["p50_ms"] <= stats["p95_ms"], "p50 이 p95 보다 큽니다"
stats, calls = serving.with_recording_client(measure_latency, [1.0], "/predict_batch", {"images": []}, 3, 2)
assert len(calls) == 5 and len(stats["latencies_ms"]) == 3, "워밍업 2번 + 잰 요청 3번을 보내고, 잰 시간은 3개여야 합니다"
### BEGIN HIDDEN TESTS
_delays = [40.0, 25.0, 25.0] + [2.0] * 9 + [30.0] + [2.0] * 10  # the first three calls are slow (a cold server)
_payload = {"images": [[0.25] * 784]}
_t0 = time.perf_counter()
_stats, _calls = serving.with_recording_client(measure_latency, _delays, "/score", _payload, 20, 3)
_total_ms = (time.perf_counter() - _t0) * 1000
assert type(_stats) is dict and set(_stats).issuperset(LATENCY_KEYS), "필요한 키가 없습니다"
assert _calls == [["POST", "/score"]] * 23, "path 로 POST 요청을 워밍업 warmup 번 + n 번 보내야 합니다"
assert type(_stats["n"]) is int and _stats["n"] == 20 and _stats["warmup"] == 3, "n, warmup 이 받은 값과 다릅니다"
_lat = _stats["latencies_ms"]
assert type(_lat) is list and len(_lat) == 20 and all(isinstance(v, float) for v in _lat), \
    "latencies_ms 는 잰 요청마다 하나씩, 실수의 리스트여야 합니다 (워밍업은 빼고)"
for _i, _v in enumerate(_lat):
    assert _v >= _delays[3 + _i] - 0.05, "잰 시간이 가짜 서버가 쉰 시간보다 짧습니다 (단위가 밀리초인지, 요청을 감쌌는지 확인)"
    assert _v < 60_000, "잰 시간이 너무 깁니다 (밀리초 단위인지 확인하세요)"
assert sum(_lat) <= _total_ms - sum(_delays[:3]) + 1.0, \
    "잰 시간의 합이 너무 깁니다 (워밍업 요청의 시간을 뺐는지, 요청마다 시작 시각을 새로 재는지 확인)"
# the planted 30 ms request (measured position 9) is slower than almost every 2 ms request after it; cumulative
# timers (one start before the loop) make every later reading larger instead (a check that does not rest on load)
assert sum(_v > _lat[9] for _v in _lat[10:]) <= 3, \
    "잰 시간이 요청마다 따로가 아닙니다 (요청마다 시작 시각을 새로 재는지 확인)"
assert isinstance(_stats["p50_ms"], float) and isinstance(_stats["p95_ms"], float), "p50_ms, p95_ms 는 실수여야 합니다"
assert abs(_stats["p50_ms"] - float(np.percentile(_lat, 50))) < 1e-6, "p50_ms 가 잰 시간들의 50 백분위수(중앙값)가 아닙니다"
assert abs(_stats["p95_ms"] - float(np.percentile(_lat, 95))) < 1e-6, "p95_ms 가 잰 시간들의 95 백분위수가 아닙니다"
_stats1, _calls1 = serving.with_recording_client(measure_latency, [1.0], "/x", {}, 1)
assert len(_calls1) == 1 and _stats1["n"] == 1 and abs(_stats1["p50_ms"] - _stats1["p95_ms"]) < 1e-9 \
    and abs(_stats1["p50_ms"] - _stats1["latencies_ms"][0]) < 1e-9, "요청 1번일 때 p50 과 p95 는 그 한 번의 시간이어야 합니다"
### END HIDDEN TESTS

# %% [markdown]
# ## 7. 실험: 흰 바탕 이미지를 보내는 클라이언트 (2점)
#
# 웹 페이지의 그림판이나 사진에서 온 이미지는 흔히 **흰 바탕에 검은 물체**입니다. Fashion-MNIST 는 검은 바탕에 밝은 물체이므로,
# 클라이언트가 뒤집지 않고 보내면 픽셀은 모두 0~1 이라 **입력 검사는 통과**하지만 모델이 본 적 없는 입력이 됩니다.
# 얼마나 나빠지는지 재 봅니다.
#
# 1. `endpoint_accuracy(app, images01, labels, batch_size=16)` 을 완성하세요. `with TestClient(app) as client:` 안에서
#    `images01` (`(N, 784)` float 텐서)을 앞에서부터 `batch_size` 장씩 `POST /predict_batch` 로 보내고, 돌려받은 라벨이
#    `labels` (`(N,)` int64 텐서)와 같은 비율을 **파이썬 float** 로 돌려줍니다. 모델을 직접 부르지 말고 엔드포인트를 거칩니다:
#    요청은 `ceil(N / batch_size)` 번, 마지막 요청만 `batch_size` 장보다 적을 수 있습니다.
# 2. 문제 3의 `create_app(load_fashion_model)` 앱으로, 테스트 이미지 앞 400장의 정확도를 `ACC_OK` 에, 같은 이미지를 뒤집어
#    (`1 - x_test01[:400]`) 보낸 정확도를 `ACC_INVERTED` 에 넣으세요.
#
# 채점은 여러분이 보고한 두 값을 같은 400장으로 모델을 직접 불러 다시 잰 값과 비교하고 (JSON 을 거쳐도 값은 같으므로 허용
# 오차는 1장 차이 정도), 여러분의 `endpoint_accuracy` 를 여러분이 본 적 없는 Fashion-MNIST 이미지로 부릅니다. 그때의 `app` 은
# 채점기가 만든 `/predict_batch` 앱(요청·응답 모양은 문제 3과 같고, 요청마다 받은 이미지 장수를 기록)입니다.

# %% nbgrader={"grade": false, "grade_id": "ex_experiment", "locked": false, "schema_version": 3, "solution": true}
def endpoint_accuracy(app: FastAPI, images01: torch.Tensor, labels: torch.Tensor, batch_size: int = 16) -> float:
    """Accuracy of the labels that POST /predict_batch returns, sending batch_size images per request."""
    ### BEGIN SOLUTION
    predicted = []
    with TestClient(app) as client:
        for start in range(0, len(images01), batch_size):
            body = {"images": images01[start:start + batch_size].tolist()}
            predicted += client.post("/predict_batch", json=body).json()["labels"]
    return float((torch.tensor(predicted) == labels).float().mean())
    ### END SOLUTION


### BEGIN SOLUTION
served_app = create_app(load_fashion_model)
ACC_OK = endpoint_accuracy(served_app, x_test01[:400], y_test[:400])
ACC_INVERTED = endpoint_accuracy(served_app, 1 - x_test01[:400], y_test[:400])
### END SOLUTION
print(f"정상 이미지 정확도 {ACC_OK:.3f} | 뒤집힌 이미지 정확도 {ACC_INVERTED:.3f}")

# %% nbgrader={"grade": true, "grade_id": "test_experiment", "locked": true, "points": 2, "schema_version": 3, "solution": false}
assert type(ACC_OK) is float and type(ACC_INVERTED) is float, "ACC_OK, ACC_INVERTED 는 float 여야 합니다"
assert 0.0 <= ACC_INVERTED <= 1.0 and 0.0 <= ACC_OK <= 1.0, "정확도는 0 과 1 사이여야 합니다"
### BEGIN HIDDEN TESTS
with torch.no_grad():
    _direct_ok = (fashion_net(to_input(x_test01[:400])).argmax(1) == y_test[:400]).float().mean().item()
    _direct_inv = (fashion_net(to_input(1 - x_test01[:400])).argmax(1) == y_test[:400]).float().mean().item()
assert abs(ACC_OK - _direct_ok) <= 1.5 / 400, "ACC_OK 가 테스트 이미지 앞 400장의 엔드포인트 정확도와 다릅니다"
assert abs(ACC_INVERTED - _direct_inv) <= 1.5 / 400, "ACC_INVERTED 가 뒤집힌 이미지 400장의 엔드포인트 정확도와 다릅니다"
from grading.holdout import load_holdout

_xh, _yh = load_holdout("fashion_mnist")
_xh = torch.from_numpy(_xh[::5]).reshape(-1, 784).float() / 255
_yh = torch.from_numpy(_yh[::5])
torch.manual_seed(77)
_model = nn.Sequential(nn.Linear(784, 10)).eval()
with torch.no_grad():
    _model[0].weight.copy_(fashion_net[2].weight @ fashion_net[0].weight)  # a different, linearised model
    _model[0].bias.copy_(fashion_net[2].weight @ fashion_net[0].bias + fashion_net[2].bias)
    _expected = (_model(to_input(_xh)).argmax(1) == _yh).float().mean().item()
    _expected_inv = (_model(to_input(1 - _xh)).argmax(1) == _yh).float().mean().item()
for _imgs, _exp, _bs in [(_xh, _expected, 16), (1 - _xh, _expected_inv, 7)]:
    _acc, _sizes = serving.with_predict_app(endpoint_accuracy, _model, FASHION_MEAN, FASHION_STD, _imgs, _yh, _bs)
    assert _sizes == [_bs] * (len(_yh) // _bs) + ([len(_yh) % _bs] if len(_yh) % _bs else []), \
        "앞에서부터 batch_size 장씩 POST /predict_batch 로 보내지 않았습니다 (요청 수와 장수를 확인하세요)"
    assert type(_acc) is float, "endpoint_accuracy 는 파이썬 float 를 돌려주어야 합니다"
    assert abs(_acc - _exp) <= 1 / len(_yh) + 1e-9, "endpoint_accuracy 가 엔드포인트를 거친 정확도와 다릅니다"
### END HIDDEN TESTS
