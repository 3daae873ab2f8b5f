# ---
# jupyter:
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
# ---

# %%
import io
import threading
import time
from contextlib import asynccontextmanager

import httpx
import matplotlib.pyplot as plt
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
# - 프런트엔드 → 백엔드 → 추론 서버로 이어지는 서빙 구조를 그리고, 각 부분이 REST 로 무엇을 주고받는지 설명한다.
# - FastAPI 로 GET/POST 엔드포인트를 만들고, pydantic 요청·응답 모델로 잘못된 입력을 한국어 422 오류로 돌려준다.
# - `create_app(...)` 팩토리와 lifespan 으로 모델을 서버가 시작할 때 **한 번만** 읽고, 학습 때와 똑같은 전처리로 예측한다.
# - CORS 를 설정해 다른 출처의 HTML 페이지가 API 를 부르게 하고, 검색기 위의 `/chat` 엔드포인트가 근거 문서(sources)를 함께 돌려주게 한다.
# - TestClient 로 엔드포인트를 테스트하고, 진짜 uvicorn 서버를 띄워 지연 시간의 p50/p95 를 잰다.

# %% [markdown]
# ## 🤔 단서 질문
#
# 1. 학습한 모델을 웹 페이지에서 쓰려면 어떤 프로그램들이 무엇을 주고받아야 할까?
# 2. 길이가 틀린 입력이나 0~1 밖의 픽셀이 들어오면 서버는 무엇을 돌려주어야 할까? 그 검사는 누가 할까?
# 3. 모델을 요청마다 읽으면 무엇이 나빠질까? 학습 때와 다른 전처리로 예측하면?
# 4. curl 에서는 되는데 브라우저에서는 안 되는 API 호출은 왜 생길까?
# 5. 서버가 "빠르다"는 것을 어떤 숫자로 말할까? 평균이면 충분할까?

# %% [markdown]
# ## 1. 서빙의 구조: 프런트엔드 → 백엔드 → 추론 서버
#
# 학습이 끝난 모델은 파일(체크포인트)일 뿐입니다. 사용자가 쓰게 하려면 **서빙(serving)**, 곧 요청을 받아 모델로 답을 돌려주는
# 프로그램이 필요합니다. 씨앗 과정의 구조는 세 부분입니다.
#
# - **프런트엔드(front end)**: 브라우저의 HTML 페이지. 사용자의 입력을 JSON 으로 보냅니다.
# - **백엔드(back end)**: 로그인, 기록 저장 같은 서비스 로직. 모델이 필요하면 추론 서버를 부릅니다.
# - **추론 서버(inference server)**: 모델을 메모리에 올려 두고 `/predict`, `/chat` 같은 **엔드포인트(endpoint)** 로 예측만 합니다.
#
# 부분끼리는 **REST API** 로 이야기합니다: HTTP 메서드(GET 은 읽기, POST 는 데이터를 보내 처리), 경로(`/predict`),
# JSON 본문, 그리고 상태 코드(200 성공, 422 입력 오류, 500 서버 오류). 이 단원은 추론 서버를 FastAPI 로 만듭니다
# (작은 서비스에서는 백엔드와 추론 서버가 한 프로그램인 경우도 많습니다).

# %%
helpers.plot.use_korean_font()
fig, ax = plt.subplots(figsize=(10, 3.2))
boxes = [(0.02, "프런트엔드\n(브라우저의 HTML)", "#dbeafe"), (0.37, "백엔드\n(서비스 로직)", "#fef3c7"),
         (0.72, "추론 서버 (FastAPI)\n모델은 시작할 때 한 번 읽기", "#dcfce7")]
for x, text, color in boxes:
    ax.add_patch(plt.Rectangle((x, 0.35), 0.26, 0.4, facecolor=color, edgecolor="black"))
    ax.text(x + 0.13, 0.55, text, ha="center", va="center", fontsize=11)
for x0, label in [(0.28, "POST /chat\n{\"message\": ...}"), (0.63, "POST /predict\n{\"pixels\": [...]}")]:
    ax.annotate("", xy=(x0 + 0.09, 0.62), xytext=(x0, 0.62), arrowprops={"arrowstyle": "->", "lw": 2})
    ax.annotate("", xy=(x0, 0.48), xytext=(x0 + 0.09, 0.48), arrowprops={"arrowstyle": "->", "lw": 2, "color": "gray"})
    ax.text(x0 + 0.045, 0.82, label, ha="center", fontsize=9)
    ax.text(x0 + 0.045, 0.22, "JSON 응답\n(200 / 422)", ha="center", fontsize=9, color="gray")
ax.set_xlim(0, 1)
ax.set_ylim(0.1, 1)
ax.axis("off")
ax.set_title("서빙 구조: 세 부분이 HTTP(REST) 로 JSON 을 주고받는다")
plt.show()


# %% [markdown]
# ## 2. FastAPI 첫걸음: GET, POST, pydantic 모델
#
# FastAPI 에서는 함수에 데코레이터 `@app.get(경로)` / `@app.post(경로)` 를 붙이면 엔드포인트가 됩니다. POST 의 JSON 본문은
# **pydantic 모델**(`BaseModel` 을 상속한 클래스)로 적습니다. FastAPI 가 본문을 이 모델로 검사(validation)하고, 틀리면
# 함수를 부르지도 않고 **422** 를 돌려줍니다. `response_model` 은 나가는 응답의 모양을 정합니다.
#
# 서버를 띄우지 않고도 **TestClient** 로 요청을 보내 볼 수 있습니다 (같은 프로세스 안에서 HTTP 요청을 흉내 냅니다).

# %%
class LunchRequest(BaseModel):
    people: int = Field(ge=1, le=20)
    budget_won: int = Field(ge=0)


class LunchResponse(BaseModel):
    per_person_won: int
    menu: str


hello = FastAPI()


@hello.get("/hello/lunch")
def lunch_menu() -> dict:
    return {"menu": "비빔밥"}


@hello.post("/lunch/split", response_model=LunchResponse)
def split_bill(req: LunchRequest) -> LunchResponse:
    return LunchResponse(per_person_won=req.budget_won // req.people, menu="비빔밥")


client = TestClient(hello)
r1 = client.get("/hello/lunch")
r2 = client.post("/lunch/split", json={"people": 4, "budget_won": 50000})
r3 = client.post("/lunch/split", json={"people": 0, "budget_won": 50000})
print("GET  /hello/lunch  →", r1.status_code, r1.json())
print("POST /lunch/split  →", r2.status_code, r2.json())
print("POST (people=0)    →", r3.status_code, r3.json()["detail"][0]["type"], r3.json()["detail"][0]["loc"])


# %% [markdown]
# **눈여겨볼 점**
#
# - 함수는 파이썬 객체를 받고 돌려줍니다. JSON 으로 바꾸고 검사하는 일은 FastAPI 와 pydantic 이 합니다.
# - `people=0` 은 `Field(ge=1)` 에 걸려 422 가 되고, `detail` 에 어느 필드(`loc`)가 왜(`type`) 틀렸는지 적힙니다.

# %% [markdown]
# **쿼리 매개변수.** GET 요청에는 본문이 없으므로 값은 URL 의 `?이름=값&...` 로 옵니다 (브라우저 주소창에서 바로 부를 수 있는
# 모양). 엔드포인트 함수의 인자 중 경로에도, pydantic 모델에도 속하지 않는 단순한 값(`str`, `int`, ...)이 쿼리 매개변수가
# 됩니다. 기본값이 없으면 필수, 있으면 선택입니다. 길이·범위 검사는 `Field` 대신 **`fastapi.Query`** 에 적습니다: 문자열은
# `min_length`/`max_length`, 수는 `ge`/`le`, 첫 인자(또는 `default=`)가 기본값입니다. 어기면 본문 검사처럼 422 입니다.
# TestClient 에서는 `params={...}` 로 보냅니다.

# %%
@hello.get("/lunch/menus")
def menus(spicy: str = Query(min_length=2, max_length=10), count: int = Query(2, ge=1, le=4)) -> dict:
    return {"spicy": spicy, "menus": ["비빔밥", "김치찌개", "떡볶이", "짬뽕"][:count]}


for params in [{"spicy": "보통"}, {"spicy": "매운맛", "count": 4}, {"count": 3}, {"spicy": "보통", "count": 9}]:
    r = client.get("/lunch/menus", params=params)
    print(f"GET /lunch/menus {params} → {r.status_code}",
          r.json() if r.status_code == 200 else [d["loc"] for d in r.json()["detail"]])

# %% [markdown]
# ## 3. 서빙할 모델: MNIST MLP 를 몇 초 학습하기
#
# 7단원의 MLP 를 다시 씁니다. 중요한 것은 **전처리**입니다: 학습 때 픽셀을 0~1 로 나눈 뒤 평균 0.1307, 표준편차 0.3081 로
# 표준화했다면, 서버도 **정확히 같은 함수**로 바꿔야 합니다. 그래서 전처리를 함수 하나(`preprocess`)로 두고 학습과 서빙이
# 함께 씁니다. 학습이 끝나면 체크포인트(state_dict)를 바이트로 저장해 둡니다 (실제 서버는 파일에서 읽습니다).

# %%
MEAN, STD = 0.1307, 0.3081


def preprocess(pixels01: torch.Tensor) -> torch.Tensor:
    """(N, 784) pixels in 0..1 → standardised network input (the one function training and serving share)."""
    return (pixels01 - MEAN) / STD


def build_mlp() -> nn.Module:
    return nn.Sequential(nn.Linear(784, 256), nn.ReLU(), nn.Linear(256, 10))


mnist = helpers.data.load_mnist()
x_train = torch.from_numpy(mnist.x_train).reshape(-1, 784).float() / 255
x_test = torch.from_numpy(mnist.x_test).reshape(-1, 784).float() / 255
y_train, y_test = torch.from_numpy(mnist.y_train), torch.from_numpy(mnist.y_test)

torch.manual_seed(0)
net = build_mlp()
loader = DataLoader(TensorDataset(preprocess(x_train), y_train), batch_size=128, shuffle=True)
history = helpers.train.fit(net, loader, nn.CrossEntropyLoss(), torch.optim.Adam(net.parameters(), lr=1e-3), epochs=3)
net.eval()
with torch.no_grad():
    direct_acc = (net(preprocess(x_test)).argmax(1) == y_test).float().mean().item()
buffer = io.BytesIO()
torch.save(net.state_dict(), buffer)
CHECKPOINT = buffer.getvalue()
print(f"테스트 정확도 (모델을 직접 호출): {direct_acc:.3f}, 체크포인트 {len(CHECKPOINT) / 2**20:.2f} 메비바이트")


def load_model() -> nn.Module:
    """Read the checkpoint and build the model (what a server does at start-up)."""
    model = build_mlp()
    model.load_state_dict(torch.load(io.BytesIO(CHECKPOINT), weights_only=True))
    return model.eval()


# %% [markdown]
# ## 4. `create_app(...)` 팩토리, lifespan, `/predict`
#
# - **팩토리(factory)**: 앱을 전역 변수로 두지 않고 `create_app(load_model, origins)` 함수가 만들어 돌려줍니다. 테스트마다
#   다른 모델(가짜 모델, 세는 로더)로 새 앱을 만들 수 있습니다.
# - **lifespan**: 서버가 시작할 때 한 번 실행되는 코드입니다. 여기서 모델을 읽어 `app.state.model` 에 둡니다. `yield` 뒤는
#   서버가 끝날 때 실행됩니다. (TestClient 는 `with TestClient(app) as c:` 로 열어야 lifespan 이 실행됩니다.)
# - **요청 모델의 검사기(validator)**: 픽셀 개수는 `Field(min_length=784, max_length=784)` 로, 0~1 범위는
#   `field_validator` 로 검사하고, 틀리면 **한국어 메시지**를 담은 422 가 됩니다.
# - 엔드포인트는 `def` 로 씁니다 (`async def` 가 아닌 이유는 ⚠️ 에서 잽니다).

# %%
class PredictRequest(BaseModel):
    pixels: list[float] = Field(min_length=784, max_length=784, description="28×28 픽셀, 0~1, 행 순서")

    @field_validator("pixels")
    @classmethod
    def pixels_in_range(cls, v: list[float]) -> list[float]:
        if min(v) < 0.0 or max(v) > 1.0:
            raise ValueError("픽셀 값은 0 이상 1 이하여야 합니다 (255 로 나누었는지 확인하세요)")
        return v


class PredictResponse(BaseModel):
    label: int
    probs: list[float]


def create_app(load_model, origins=("http://localhost:8000",)) -> FastAPI:
    @asynccontextmanager
    async def lifespan(app: FastAPI):
        app.state.model = load_model()  # once, at start-up
        yield
        app.state.model = None

    app = FastAPI(title="MNIST 추론 서버", lifespan=lifespan)
    app.add_middleware(CORSMiddleware, allow_origins=list(origins), allow_methods=["GET", "POST"],
                       allow_headers=["Content-Type"])

    @app.get("/health")
    def health() -> dict:
        return {"status": "ok", "model_loaded": getattr(app.state, "model", None) is not None}

    @app.post("/predict", response_model=PredictResponse)
    def predict(req: PredictRequest) -> PredictResponse:
        x = preprocess(torch.tensor(req.pixels).reshape(1, 784))
        with torch.no_grad():
            probs = torch.softmax(app.state.model(x), dim=1)[0]
        return PredictResponse(label=int(probs.argmax()), probs=probs.tolist())

    return app


app = create_app(load_model)
with TestClient(app) as client:
    print("GET /health →", client.get("/health").json())
    r = client.post("/predict", json={"pixels": x_test[0].tolist()})
    out = r.json()
    print(f"POST /predict → {r.status_code}, 예측 {out['label']} (정답 {int(y_test[0])}), "
          f"확률 합 {sum(out['probs']):.6f}")

# %% [markdown]
# 엔드포인트를 거친 예측이 모델을 직접 부른 예측과 **같은지** 테스트 300장으로 확인하고, 한 장의 확률을 그립니다.

# %%
with TestClient(app) as client:
    served = [client.post("/predict", json={"pixels": x_test[i].tolist()}).json() for i in range(300)]
served_labels = torch.tensor([s["label"] for s in served])
with torch.no_grad():
    direct_labels = net(preprocess(x_test[:300])).argmax(1)
print("엔드포인트 예측 == 직접 예측:", bool((served_labels == direct_labels).all()),
      f"| 엔드포인트 정확도 {(served_labels == y_test[:300]).float().mean():.3f}")
fig, axes = plt.subplots(1, 2, figsize=(8, 2.6), gridspec_kw={"width_ratios": [1, 3]})
axes[0].imshow(x_test[0].reshape(28, 28), cmap="gray")
axes[0].axis("off")
axes[0].set_title(f"정답 {int(y_test[0])}")
axes[1].bar(range(10), served[0]["probs"])
axes[1].set_xticks(range(10))
axes[1].set_title("/predict 가 돌려준 확률")
plt.tight_layout()
plt.show()

# %% [markdown]
# ## 5. 잘못된 입력은 422: 무엇이 왜 틀렸는지 알려 주기
#
# 픽셀이 모자라거나, 0~255 그대로 보내거나, 필드 이름이 틀린 요청을 보내 봅니다. 모두 **모델에 닿기 전에** 막히고,
# 응답의 `detail` 에 필드 위치와 이유가 들어 있습니다. 검사기가 낸 한국어 메시지도 그대로 전달됩니다.

# %%
bad_requests = {
    "픽셀 10개": {"pixels": [0.0] * 10},
    "0~255 그대로": {"pixels": (x_test[0] * 255).tolist()},
    "필드 이름 틀림": {"image": x_test[0].tolist()},
}
with TestClient(app) as client:
    for name, body in bad_requests.items():
        r = client.post("/predict", json=body)
        d = r.json()["detail"][0]
        print(f"{name:12s} → {r.status_code} | {d['type']:14s} | {d['loc']} | {d['msg'][:60]}")


# %% [markdown]
# ## 6. CORS: 브라우저가 다른 출처의 API 를 부를 때
#
# 페이지가 `http://localhost:8000` 에서 왔고 API 는 `http://127.0.0.1:8100` 에 있으면 **출처(origin)** 가 다릅니다. 브라우저는
# JSON 을 POST 하기 전에 **사전 요청(preflight)**, 곧 `OPTIONS` 요청으로 "이 출처가 불러도 되나요?" 를 묻고, 응답에
# `access-control-allow-origin` 헤더가 없으면 진짜 요청을 보내지 않습니다. curl 이나 파이썬은 이 검사를 하지 않으므로
# "curl 에서는 되는데 브라우저에서는 안 된다" 가 생깁니다. `CORSMiddleware` 에 허용할 출처를 적어 두었으니 두 출처로
# 사전 요청을 보내 봅니다.

# %%
def preflight(client: TestClient, origin: str, path: str = "/predict") -> httpx.Response:
    return client.options(path, headers={"Origin": origin, "Access-Control-Request-Method": "POST",
                                         "Access-Control-Request-Headers": "content-type"})


with TestClient(app) as client:
    for origin in ["http://localhost:8000", "http://evil.example"]:
        r = preflight(client, origin)
        print(f"{origin:24s} → {r.status_code}, allow-origin = {r.headers.get('access-control-allow-origin')}")

# %% [markdown]
# 허용한 출처는 200 과 허용 헤더를 받고, 다른 출처는 400 과 헤더 없음을 받습니다. 브라우저는 두 번째 경우 요청을 막습니다.
# 허용 목록을 `["*"]` 로 열면 편하지만, 쿠키·인증을 쓰는 서비스에서는 출처를 정확히 적어야 합니다.

# %% [markdown]
# ## 7. `/chat`: 검색기 위의 챗봇 엔드포인트
#
# 씨앗 과정의 챗봇은 큰 언어 모델을 띄웁니다. 이 CPU 에서는 대신 **검색 기반(retrieval-based)** 챗봇을 씁니다: 질문과 가장 비슷한
# 문서 조각을 과정의 한국어 파이토치 튜토리얼에서 찾고, 그 조각에서 질문과 가장 많이 겹치는 문장을 답으로 돌려주며,
# 어느 문서에서 왔는지 **근거 문서(sources)** 를 함께 줍니다. 검색이 어떻게 동작하는지는 14단원(RAG)이 자세히 다룹니다. 여기서는
# `helpers.serving.Retriever` (글자 n-gram TF-IDF) 를 그대로 씁니다. 질문은 1~500자로 제한합니다.

# %%
chunks = serving.chunk_corpus(helpers.data.load_rag_corpus())
retriever = serving.Retriever(chunks)
print(f"문서 조각 {len(chunks)}개로 검색기를 만들었습니다.")


class ChatRequest(BaseModel):
    message: str = Field(min_length=1, max_length=500)


class Source(BaseModel):
    doc_id: int
    title: str
    score: float


class ChatResponse(BaseModel):
    answer: str
    sources: list[Source]


def add_chat(app: FastAPI, retriever: serving.Retriever, k: int = 3) -> FastAPI:
    @app.post("/chat", response_model=ChatResponse)
    def chat(req: ChatRequest) -> ChatResponse:
        hits = retriever.search(req.message, k)
        answer = serving.extractive_answer(req.message, hits[0]["text"])
        return ChatResponse(answer=answer, sources=[Source(doc_id=h["doc_id"], title=h["title"], score=h["score"])
                                                    for h in hits])

    return app


app = add_chat(create_app(load_model), retriever)
with TestClient(app) as client:
    r = client.post("/chat", json={"message": "모델을 저장하고 다시 불러오려면 어떻게 하나요?"})
    print("답:", r.json()["answer"][:100])
    for s in r.json()["sources"]:
        print(f"  근거: [{s['doc_id']}] {s['title']} (유사도 {s['score']:.3f})")
    print("빈 질문 →", client.post("/chat", json={"message": ""}).status_code,
          "| 501자 →", client.post("/chat", json={"message": "가" * 501}).status_code)


# %% [markdown]
# **HTML 프런트엔드.** `course/assets/chat.html` 은 이 `/chat` 을 `fetch` 로 부르는 작은 페이지입니다. 자기 컴퓨터에서는 한
# 터미널에서 `python -m http.server 8000 --directory course/assets` 로 페이지를, 다른 터미널에서 이 API 를 포트 8100 으로
# 띄운 뒤 `http://localhost:8000/chat.html?api=http://127.0.0.1:8100` 을 엽니다. 페이지와 API 의 출처가 다르므로 6절의
# CORS 설정이 있어야 동작합니다 (저장소의 브라우저 테스트가 이 과정을 진짜 Chromium 으로 확인합니다).
# `helpers.serving.chat_app(retriever, origins)` 가 이 절과 같은 `/chat` 앱을 만들어 줍니다.

# %% [markdown]
# ## 8. 진짜 서버 띄우기: uvicorn, httpx, 지연 시간 p50/p95
#
# TestClient 는 네트워크를 거치지 않습니다. 이제 **uvicorn**(ASGI 서버)으로 앱을 진짜 HTTP 서버로 띄웁니다. 터미널이라면
# `uvicorn main:app --port 8100` 이지만, 노트북에서는 `helpers.serving.start_server` 가 비어 있는 루프백(127.0.0.1) 포트에서
# 백그라운드 스레드로 띄우고, `stop()` 으로 멈춥니다. **httpx** 클라이언트로 요청 200번을 보내 하나하나의 **지연 시간(latency)**
# 을 잽니다. 평균 하나보다 **백분위수**가 쓸모 있습니다: p50(중앙값)은 보통 사용자가, p95 는 운 나쁜 20명 중 1명이 겪는 시간입니다.

# %%
def measure(http: httpx.Client, path: str, n: int, **kwargs) -> np.ndarray:
    """Latency in ms of n sequential requests."""
    times = []
    for _ in range(n):
        t0 = time.perf_counter()
        r = http.post(path, **kwargs)
        times.append((time.perf_counter() - t0) * 1000)
        r.raise_for_status()
    return np.array(times)


server = serving.start_server(add_chat(create_app(load_model), retriever))
try:
    with httpx.Client(base_url=server.url, timeout=10) as http:
        print("서버 주소:", server.url, "| /health →", http.get("/health").json())
        lat_predict = measure(http, "/predict", 200, json={"pixels": x_test[1].tolist()})
        lat_chat = measure(http, "/chat", 50, json={"message": "데이터로더의 배치 크기는 어떻게 정하나요?"})
finally:
    server.stop()
print("서버를 멈췄습니다.")
for name, lat in [("/predict", lat_predict), ("/chat", lat_chat)]:
    print(f"{name:9s} p50 {np.percentile(lat, 50):6.2f} ms | p95 {np.percentile(lat, 95):6.2f} ms | 요청 {len(lat)}번")

# %%
fig, ax = plt.subplots(figsize=(8, 3))
bins = np.geomspace(min(lat_predict.min(), lat_chat.min()), max(lat_predict.max(), lat_chat.max()), 40)
for name, lat in [("/predict", lat_predict), ("/chat", lat_chat)]:
    ax.hist(lat, bins=bins, alpha=0.6, label=name)
    for q, style in [(50, "-"), (95, "--")]:
        ax.axvline(np.percentile(lat, q), linestyle=style, color="black", linewidth=1)
ax.set_xscale("log")
ax.set_xlabel("지연 시간 (ms, 로그 눈금)")
ax.set_ylabel("요청 수")
ax.set_title("루프백 uvicorn 서버의 지연 시간 (실선 p50, 점선 p95)")
ax.legend()
plt.show()


# %% [markdown]
# **눈여겨볼 점**
#
# - 분포는 오른쪽으로 꼬리가 깁니다. 다른 프로그램이 CPU 를 쓰는 순간의 요청은 몇 배, 몇십 배 늦어지므로 p50 만으로는
#   부족하고 p95 를 함께 봅니다 (그래서 가로축이 로그 눈금입니다).
# - `/predict` 는 784개의 숫자를 JSON 으로 주고받아 검사하고, `/chat` 은 조각 1천여 개와 유사도를 계산합니다. 어느 쪽이
#   느린지, 몇 ms 인지는 이 컴퓨터와 그 순간의 부하에 따라 달라집니다. 여러분 컴퓨터에서 다시 재 보세요.

# %% [markdown]
# ## ⚠️ 자주 하는 실수
#
# ### 실수 1: 모델을 요청마다 읽기
#
# 엔드포인트 안에서 `load_model()` 을 부르면 요청마다 체크포인트를 읽고 모델을 새로 만듭니다. `helpers.serving.CountingLoader`
# 로 로더가 몇 번 불렸는지 세고, 지연 시간을 잽니다. 실제 서버의 체크포인트는 디스크나 네트워크 저장소에 있으므로 읽는 데
# 시간이 더 걸립니다. 여기서는 읽기에 20 ms 가 걸린다고 놓고(`seconds=0.02`) 비교합니다.

# %%
def create_app_loading_per_request(load_model) -> FastAPI:
    app = FastAPI()

    @app.post("/predict", response_model=PredictResponse)
    def predict(req: PredictRequest) -> PredictResponse:
        model = load_model()  # the mistake: every request reads the checkpoint again
        with torch.no_grad():
            probs = torch.softmax(model(preprocess(torch.tensor(req.pixels).reshape(1, 784))), dim=1)[0]
        return PredictResponse(label=int(probs.argmax()), probs=probs.tolist())

    return app


results = {}
for name, factory in [("요청마다 읽기", create_app_loading_per_request), ("시작할 때 한 번", create_app)]:
    counting = serving.CountingLoader(load_model(), seconds=0.02)
    with TestClient(factory(counting)) as client:
        lat = []
        for _ in range(30):
            t0 = time.perf_counter()
            client.post("/predict", json={"pixels": x_test[2].tolist()})
            lat.append((time.perf_counter() - t0) * 1000)
    results[name] = (counting.calls, np.percentile(lat, 50))
    print(f"{name:10s}: 요청 30번에 모델 읽기 {counting.calls:2d}번, p50 {results[name][1]:6.1f} ms")
print(f"p50 비율: {results['요청마다 읽기'][1] / results['시작할 때 한 번'][1]:.1f}배")

# %% [markdown]
# **고치기**: 모델은 lifespan 에서 한 번 읽어 `app.state` 에 둡니다 (4절의 `create_app`). 읽기 횟수가 요청 수와 상관없이 1 입니다.
#
# ### 실수 2: CORS 를 빼먹기
#
# CORS 미들웨어가 없는 앱은 사전 요청(`OPTIONS`)을 모릅니다. 파이썬 테스트의 POST 는 통과해도, 브라우저는 사전 요청에서 멈춥니다.

# %% tags=["raises-exception"]
no_cors = FastAPI()


@no_cors.post("/predict")
def predict_no_cors(req: PredictRequest) -> dict:
    return {"ok": True}


with TestClient(no_cors) as client:
    r = preflight(client, "http://localhost:8000")
    print("사전 요청 상태 코드:", r.status_code)
    assert "access-control-allow-origin" in r.headers, "허용 헤더가 없어 브라우저가 요청을 막습니다"

# %% [markdown]
# **고치기**: `app.add_middleware(CORSMiddleware, allow_origins=[페이지의 출처], ...)` (6절). 허용한 출처의 사전 요청이 200 과
# `access-control-allow-origin` 을 받는 것을 6절에서 보았습니다.
#
# ### 실수 3: `async def` 엔드포인트 안에서 오래 걸리는 파이토치 계산
#
# FastAPI 는 `def` 엔드포인트를 스레드 풀에서 돌리고, `async def` 엔드포인트는 **이벤트 루프** 위에서 바로 돌립니다. `async def`
# 안에서 오래 걸리는 계산(큰 모델의 추론)을 하면 그동안 이벤트 루프가 멈추어 **다른 모든 요청**, 심지어 `/health` 도 기다립니다.
# 진짜 서버를 띄워, 느린 추론 요청 하나가 도는 동안 `/health` 를 계속 불러 몇 번 답하는지 셉니다.

# %%
W = torch.randn(512, 512)


def slow_inference() -> float:
    x = W
    for _ in range(12):  # a few hundred ms of matrix products, standing in for a large model
        x = torch.tanh(x @ W / 32)
    return float(x.mean())


def create_slow_app(use_async: bool) -> FastAPI:
    app = FastAPI()

    @app.get("/health")
    def health() -> dict:
        return {"status": "ok"}

    if use_async:
        @app.post("/slow")
        async def slow_async() -> dict:  # the mistake: blocks the event loop
            return {"value": slow_inference()}
    else:
        @app.post("/slow")
        def slow_sync() -> dict:  # runs in the thread pool; the event loop stays free
            return {"value": slow_inference()}
    return app


def health_during_slow(use_async: bool) -> tuple[tuple[float, float], list[float]]:
    """While one /slow request runs, call /health again and again: ((start, end) of /slow, /health answer times), ms."""
    with serving.start_server(create_slow_app(use_async)) as srv, httpx.Client(base_url=srv.url, timeout=60) as http:
        http.get("/health")  # the connection is open before the clock starts
        t0 = time.perf_counter()
        span = {}

        def call_slow() -> None:
            span["start"] = (time.perf_counter() - t0) * 1000
            httpx.post(srv.url + "/slow", timeout=60)
            span["end"] = (time.perf_counter() - t0) * 1000

        worker = threading.Thread(target=call_slow)
        worker.start()
        time.sleep(0.1)  # /slow is running now
        answered = []
        while worker.is_alive():
            http.get("/health")
            answered.append((time.perf_counter() - t0) * 1000)
        worker.join()
    return (span["start"], span["end"]), answered


busy = {name: health_during_slow(flag) for name, flag in [("async def", True), ("def", False)]}
for name, ((s0, s1), answered) in busy.items():
    during = sum(t < s1 for t in answered)
    print(f"/slow 가 {name:9s}: /slow {s1 - s0:5.0f} ms 동안 답한 /health {during:3d}번")

# %%
fig, ax = plt.subplots(figsize=(8, 2.4))
for row, ((s0, s1), answered) in enumerate(busy.values()):
    ax.barh(row, s1 - s0, left=s0, color="lightgray", edgecolor="black", label="/slow 가 도는 동안" if row == 0 else None)
    ax.plot(answered, [row] * len(answered), "|", color="tab:red" if row == 0 else "tab:green", markersize=18)
ax.set_yticks(range(len(busy)), [f"/slow 가 {name}" for name in busy])
ax.set_xlabel("시간 (ms), 세로 막대 하나 = /health 응답 하나")
ax.set_title("async def 안의 무거운 계산은 그동안 다른 요청을 모두 멈춘다")
ax.legend(loc="lower right")
plt.tight_layout()
plt.show()


# %% [markdown]
# **고치기**: 파이토치 추론처럼 기다리지 않고 계산만 하는 코드는 `def` 엔드포인트에 둡니다 (또는 `async def` 안에서
# `await run_in_threadpool(...)`). `async def` 는 `await` 로 기다리는 일(다른 서버 호출, 파일 읽기)에 씁니다.
#
# ### 실수 4: 학습 때와 다른 전처리 (씨앗 과정의 실수)
#
# 서버를 따로 짜다 보면 표준화 `(x − 0.1307) / 0.3081` 을 빼먹기 쉽습니다. 입력 검사는 통과하고 오류도 나지 않지만 예측이
# 틀립니다. 엔드포인트를 거친 정확도를 300장으로 잽니다.

# %%
def create_app_without_standardising(load_model) -> FastAPI:
    app = FastAPI()
    model = load_model()

    @app.post("/predict", response_model=PredictResponse)
    def predict(req: PredictRequest) -> PredictResponse:
        x = torch.tensor(req.pixels).reshape(1, 784)  # the mistake: no preprocess(), unlike training
        with torch.no_grad():
            probs = torch.softmax(model(x), dim=1)[0]
        return PredictResponse(label=int(probs.argmax()), probs=probs.tolist())

    return app


accs = {}
for name, factory in [("전처리 빠짐", create_app_without_standardising), ("학습과 같은 전처리", create_app)]:
    with TestClient(factory(load_model)) as client:
        labels = [client.post("/predict", json={"pixels": x_test[i].tolist()}).json()["label"] for i in range(300)]
    accs[name] = (torch.tensor(labels) == y_test[:300]).float().mean().item()
    print(f"{name:10s}: 엔드포인트 정확도 {accs[name]:.3f}")

# %% [markdown]
# **고치기**: 전처리를 함수 하나(`preprocess`)로 두고 학습 코드와 서버가 **같은 함수**를 부릅니다. 평균·표준편차 같은 값은
# 체크포인트 옆에 함께 저장합니다. 배포 전에는 "엔드포인트 예측 == 모델 직접 예측" 테스트(4절)를 돌립니다.

# %% [markdown]
# ## 📝 요약
#
# 1. 브라우저의 HTML 프런트엔드가 JSON 을 POST 하면 백엔드가 받아 추론 서버의 엔드포인트(`/predict`, `/chat`)를 REST 로
#    부르고, 추론 서버는 메모리에 올려 둔 모델로 답해 JSON 으로 돌려줍니다.
# 2. 잘못된 입력에는 **422** 와 어느 필드가 왜 틀렸는지를 돌려줍니다. 검사는 pydantic 요청 모델(`Field` 제약, `field_validator`
#    의 한국어 메시지)이 모델에 닿기 전에 합니다.
# 3. 모델을 요청마다 읽으면 요청마다 읽기 시간이 더해져 지연 시간이 몇 배가 됩니다 (lifespan 에서 한 번 읽기). 학습과 다른
#    전처리는 오류 없이 정확도만 떨어뜨리므로, 전처리를 함수 하나로 공유하고 엔드포인트 예측을 직접 예측과 비교합니다.
# 4. 브라우저는 다른 출처의 API 를 부르기 전에 사전 요청(OPTIONS)으로 허락을 묻고, `access-control-allow-origin` 이 없으면
#    막습니다. curl 은 묻지 않으므로 서버에 `CORSMiddleware` 로 허용할 출처를 적어야 합니다.
# 5. 지연 시간은 분포이므로 p50(중앙값)과 p95 를 함께 말합니다. 진짜 서버(uvicorn)를 띄워 정해진 횟수의 요청으로 잽니다.
