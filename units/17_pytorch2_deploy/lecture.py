# ---
# jupyter:
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
# ---

# %%
import contextlib
import io
import logging
import statistics
import tempfile
import time
import warnings
from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np
import onnxruntime as ort
import torch
import torch.distributed as dist
import torch.nn.functional as F
from torch import nn
from torch.export import Dim, export
from torch.utils.data import DataLoader, TensorDataset

import helpers
from helpers import dist as hdist

device = helpers.setup(seed=0)
# This unit measures CPU deployment paths (compile, ONNX Runtime, gloo): everything below runs on the CPU.
cpu = torch.device("cpu")
workdir = Path(tempfile.mkdtemp(prefix="unit17_"))

# %% [markdown]
# ## 🎯 학습 목표
#
# - `torch.compile` 의 속도 향상을 한 번의 실행 안에서 비율로 재고, 첫 호출의 컴파일 시간 때문에 **이득이 없는 경우**를 숫자로 설명한다.
# - 학습한 모델을 `torch.export` 로 그래프로 뽑고, ONNX 로 내보내 ONNX Runtime 의 출력이 파이토치와 1e-5 안에서 같음을 확인한다.
# - 동적 배치 크기(dynamic batch size)로 내보내고, 지연 시간(latency)을 반복 측정의 중앙값으로 비교한다.
# - 노트북에서 gloo 백엔드로 프로세스 2개를 띄워 DDP 로 학습하고, 결과가 같은 전역 배치의 단일 프로세스 학습과 같음을 확인한다.
# - TorchScript 의 현재 위치와, 한 대로 부족할 때 갈 곳(FSDP, DeepSpeed, 다중 노드, Lightning)을 설명한다.

# %% [markdown]
# ## 🤔 단서 질문
#
# 1. `torch.compile` 을 켜면 항상 빨라질까? 첫 호출이 느린 값은 몇 번 불러야 갚을 수 있을까?
# 2. 파이토치 밖(ONNX Runtime)에서 돌린 모델이 "같은 모델"인지 어떻게 확인할까?
# 3. 배치 4로 내보낸 모델에 배치 7을 넣으면 무슨 일이 생길까?
# 4. 프로세스 2개가 각자 절반의 데이터로 학습하는데 왜 두 복제본의 가중치가 끝까지 똑같을까?
# 5. 노트북에서 분산 학습을 띄울 때 `spawn` 은 왜 실패하고 `fork` 는 될까?

# %% [markdown]
# ## 1. 준비: 배포할 모델 하나 (MNIST 작은 CNN)
#
# 09 단원에서 만든 것과 같은 꼴의 작은 CNN 을 MNIST 학습 이미지 8,000장으로 1 에폭만 학습합니다. 이 단원의 주인공은 학습이 아니라
# **학습이 끝난 모델을 어떻게 빠르게, 파이토치 밖에서, 여러 프로세스로** 돌리느냐입니다. 드롭아웃을 일부러 넣었습니다
# (⚠️ 에서 학습 모드로 내보내는 실수를 보여 줍니다).

# %%
mnist = helpers.data.load_mnist()
x_train = torch.from_numpy(mnist.x_train).float().div(255).unsqueeze(1)
y_train = torch.from_numpy(mnist.y_train)
x_test = torch.from_numpy(mnist.x_test).float().div(255).unsqueeze(1)
y_test = torch.from_numpy(mnist.y_test)


class SmallCNN(nn.Module):
    def __init__(self):
        super().__init__()
        self.features = nn.Sequential(
            nn.Conv2d(1, 8, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
            nn.Conv2d(8, 16, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2))
        self.head = nn.Sequential(nn.Flatten(), nn.Dropout(0.2), nn.Linear(16 * 7 * 7, 10))

    def forward(self, x):
        return self.head(self.features(x))


torch.manual_seed(0)
cnn = SmallCNN()
loader = DataLoader(TensorDataset(x_train, y_train), batch_size=64, shuffle=True)
helpers.train.fit(cnn, loader, nn.CrossEntropyLoss(), torch.optim.Adam(cnn.parameters(), lr=3e-3), epochs=1, device=cpu)
cnn.eval()
test_acc = helpers.train.evaluate(cnn, DataLoader(TensorDataset(x_test, y_test), batch_size=500), device=cpu)["accuracy"]
print(f"매개변수 {sum(p.numel() for p in cnn.parameters()):,}개 | 테스트 정확도 {test_acc:.3f}")

# %% [markdown]
# ## 2. `torch.compile`: 빨라지는 곳과 갚지 못하는 곳
#
# `torch.compile(model)` 은 첫 호출 때 파이썬 코드를 그래프로 잡고(TorchDynamo), 그 그래프를 이 CPU 용 C++ 코드로 만들어
# 컴파일합니다(Inductor). 이득은 주로 **작은 원소별 연산 여러 개를 한 반복문으로 합치는 것(fusion)**에서 옵니다: 중간 텐서를 메모리에
# 썼다 읽는 일이 사라집니다. 그래서 아래처럼 GELU 와 층 정규화(layer normalization)를 원소별 연산으로 직접 쓴 작은 MLP
# (특징 64개짜리 벡터 4,096개를 한 번에 처리하는 추론)로 잽니다.
# 합성곱이나 큰 행렬 곱이 시간을 다 쓰는 모델은 이미 최적화된 라이브러리(oneDNN, BLAS)가 돌고 있어서 얻을 것이 적습니다.
#
# 측정 규칙: 같은 입력으로 여러 번 불러 **중앙값**을 씁니다(평균은 한 번 튄 값에 끌려갑니다). 두 모델을 **번갈아** 불러서
# 그 사이 기계가 바빠져도 양쪽이 똑같이 영향을 받게 합니다. 첫 호출(컴파일)은 따로 잽니다.
# 이 노트북은 컴파일을 **한 번만** 합니다. CPU 에서 첫 컴파일은 수 초~수십 초 걸리고, 컴파일러 프로세스가 따로 돕니다.

# %%
# Inductor logs "No CUDA runtime is found" on CPU-only machines (harmless); keep one compile worker process.
logging.getLogger("torch.utils.cpp_extension").setLevel(logging.ERROR)
torch._inductor.config.compile_threads = 1


class Block(nn.Module):
    """Linear + tanh-GELU + layer norm written as element-wise ops (what compile fuses)."""

    def __init__(self, d):
        super().__init__()
        self.fc = nn.Linear(d, d)
        self.gain = nn.Parameter(torch.ones(d))
        self.bias = nn.Parameter(torch.zeros(d))

    def forward(self, x):
        h = self.fc(x)
        h = 0.5 * h * (1 + torch.tanh(0.7978845608 * (h + 0.044715 * h**3)))
        mu = h.mean(-1, keepdim=True)
        var = ((h - mu) ** 2).mean(-1, keepdim=True)
        return x + self.gain * (h - mu) / torch.sqrt(var + 1e-5) + self.bias


torch.manual_seed(0)
mlp = nn.Sequential(Block(64), Block(64), Block(64), Block(64)).eval()
batch = torch.randn(4096, 64)


def median_ms(fns, x, repeats=30):
    """Median wall time (ms) of each fn(x), the functions called in turn (no gradients)."""
    times = [[] for _ in fns]
    with torch.no_grad():
        for _ in range(repeats):
            for fn, t in zip(fns, times):
                t0 = time.perf_counter()
                fn(x)
                t.append(time.perf_counter() - t0)
    return [1000 * statistics.median(t) for t in times]


compiled = torch.compile(mlp)
t0, c0 = time.perf_counter(), time.process_time()
with torch.no_grad():
    out_compiled = compiled(batch)
first_call_s, first_call_cpu = time.perf_counter() - t0, time.process_time() - c0
eager_ms, compiled_ms = median_ms([mlp, compiled], batch)
with torch.no_grad():
    max_diff = (out_compiled - mlp(batch)).abs().max().item()
assert max_diff < 1e-4, "컴파일한 모델의 출력이 원래 모델과 다릅니다"
print(f"첫 호출(컴파일 포함): {first_call_s:.1f}초 (이 프로세스의 CPU {first_call_cpu:.1f}초)")
print(f"벡터 4,096개 한 번: eager {eager_ms:.2f} ms | compile {compiled_ms:.2f} ms | 속도 비율 {eager_ms / compiled_ms:.2f}배")
print(f"출력 차이 최댓값: {max_diff:.1e}")

# %% [markdown]
# 컴파일은 언제 갚아질까요? 첫 호출이 `first_call_s` 초 걸리고, 그 뒤 한 번에 `eager_ms - compiled_ms` 밀리초를 아낍니다.
# 누적 시간을 그리면 두 선이 만나는 호출 수가 **손익 분기점**입니다. 그보다 적게 부르는 일(노트북에서 몇 번 돌려 보기, 짧은
# 스크립트, 요청이 드문 서버)에는 컴파일이 **이득이 없습니다**. 모양이 바뀔 때마다(새 배치 크기, 새 자료형) 다시 컴파일하는 것도
# 같은 비용입니다.

# %%
saved_ms = eager_ms - compiled_ms
calls = np.arange(0, 20001, 100)
fig, axes = plt.subplots(1, 2, figsize=(11, 3.6))
axes[0].bar(["eager", "torch.compile"], [eager_ms, compiled_ms], color=["tab:gray", "tab:blue"])
axes[0].set_ylabel("한 번 호출 (ms, 중앙값)")
axes[0].set_title(f"추론 한 번: {eager_ms / compiled_ms:.2f}배")
axes[1].plot(calls, calls * eager_ms / 1000, label="eager", color="tab:gray")
axes[1].plot(calls, first_call_s + calls * compiled_ms / 1000, label="torch.compile (첫 호출 포함)", color="tab:blue")
axes[1].set_xlabel("호출 수")
axes[1].set_ylabel("누적 시간 (초)")
axes[1].legend()
axes[1].set_title("누적 시간: 만나는 곳이 손익 분기점")
plt.tight_layout()
plt.show()
if saved_ms > 0:
    print(f"한 번에 {saved_ms:.2f} ms 절약 → 약 {first_call_s * 1000 / saved_ms:,.0f}번 불러야 컴파일 시간을 갚습니다")
else:
    print("이번 측정에서는 컴파일한 쪽이 빠르지 않았습니다: 이 모델·이 CPU 에서는 몇 번을 불러도 이득이 없습니다")

# %% [markdown]
# **눈여겨볼 점**
#
# - 이 과정의 2코어 CPU(스레드 1개)에서 잰 비율은 실행마다 약 1.5~2배였습니다(기계가 바쁠수록 작게 나옵니다). GPU 에서 큰 모델이면 훨씬 커집니다. 숫자는 기계마다,
#   실행마다 다르므로 **늘 같은 실행 안에서 비율로** 비교합니다.
# - 첫 호출은 수 초~수십 초입니다(캐시가 비어 있으면 더 깁니다). 그래서 이 과정의 채점 셀은 `torch.compile` 을 부르지 않습니다.
# - 같은 조건에서 잰 다른 모델들: 합성곱이 시간을 거의 다 쓰는 MNIST CNN(채널 16·32)은 약 0.97배(그대로), 큰 행렬 곱이 대부분인 MLP 는
#   약 1.1~1.2배였습니다. 작은 모델의 짧은 학습은 오히려 느려지기도 합니다. "켜면 빨라진다"가 아니라 **재 보고 켠다**입니다.

# %% [markdown]
# ## 3. `torch.export`: 파이썬 없이 읽을 수 있는 그래프
#
# `torch.export.export(model, (예시 입력,), dynamic_shapes=...)` 는 모델을 한 번 실행하며 ATen 연산의 그래프
# (`ExportedProgram`)를 뽑습니다. 파이썬의 `if`, 반복문은 예시 입력으로 한 번 풀려서 사라지고, 남는 것은 연산만입니다.
# `Dim("batch")` 는 "0번 축(배치)은 크기가 바뀐다"는 약속입니다. 약속하지 않은 축은 예시 입력의 크기로 고정됩니다.

# %%
batch_dim = Dim("batch", min=1, max=4096)
example = x_test[:4]
ep = export(cnn, (example,), dynamic_shapes=({0: batch_dim},))
ops = [n for n in ep.graph.nodes if n.op == "call_function"]
print(f"그래프의 연산 {len(ops)}개 (텐서가 아닌 인자만 괄호 안에):")
for n in ops:
    print("  ", n.target, tuple(a for a in n.args if not isinstance(a, torch.fx.Node)))
print("입력 모양:", [tuple(str(s) for s in n.meta["val"].shape) for n in ep.graph.nodes if n.name == "x"])

# %%
x7 = x_test[:7]
with torch.no_grad():
    diff = (ep.module()(x7) - cnn(x7)).abs().max().item()
ep_path = workdir / "mnist_cnn.pt2"
torch.export.save(ep, ep_path)
reloaded = torch.export.load(ep_path)
with torch.no_grad():
    diff_reloaded = (reloaded.module()(x7) - cnn(x7)).abs().max().item()
print(f"배치 7 (예시는 4): 최대 차이 {diff:.1e} | 저장 후 다시 읽은 그래프: {diff_reloaded:.1e}")
print(f".pt2 파일 크기: {ep_path.stat().st_size / 1024**2:.1f} MiB (매개변수는 {sum(p.numel() for p in cnn.parameters()) * 4 / 1024:.0f} KiB)")


# %% [markdown]
# **눈여겨볼 점**
#
# - 그래프에는 `aten.conv2d`, `aten.max_pool2d`, `aten.linear` 같은 ATen 연산만 남습니다. 드롭아웃은 `aten.dropout(0.2, False)`:
#   마지막 `False` 가 "학습 모드가 아님"입니다. 내보낼 때의 모드가 그래프에 **굳어집니다**. 모델을 `eval()` 로 두고 내보내야 하는
#   이유입니다(⚠️ 에서 확인).
# - 입력 모양의 첫 축이 숫자가 아니라 기호(`s0` 같은 이름)로 남았습니다: 동적 배치입니다.
# - `.pt2` 파일은 매개변수보다 훨씬 큽니다. 그래프, 코드, 메타데이터를 모두 담기 때문입니다. 이 그래프가 ONNX 내보내기와
#   AOTInductor(파이썬 없는 C++ 배포)의 출발점입니다.
#
# **값에 따라 갈리는 `if`.** 그래프는 예시 입력으로 한 번 실행해서 뽑으므로, `if 텐서 > 0:` 처럼 **텐서의 값**에 달린 파이썬 분기는
# 어느 쪽을 남길지 정할 수 없어 실패합니다(모양에 달린 분기는 괜찮습니다, 과제 7 의 실험). 고치는 길은 두 가지입니다.
# `torch.where(조건, a, b)`: 두 갈래를 모두 계산해 두고 조건 텐서로 원소마다 고릅니다(조건이 스칼라 텐서면 전체를 한쪽으로).
# `torch.cond(조건, 참_함수, 거짓_함수, (입력들,))`: 그래프 안에 두 갈래를 모두 넣고 실행할 때 하나만 계산합니다.

# %%
class ClipIfLarge(nn.Module):
    """Rescale a batch whose largest |value| exceeds 1 (a decision from the data)."""

    def forward(self, x):
        peak = x.abs().max()
        if peak > 1:
            return x / peak
        return x


class ClipWhere(nn.Module):
    def forward(self, x):
        peak = x.abs().max()
        return torch.where(peak > 1, x / peak, x)


class ClipCond(nn.Module):
    def forward(self, x):
        peak = x.abs().max()
        return torch.cond(peak > 1, lambda t, p: t / p, lambda t, p: t.clone(), (x, peak))


small, large = torch.rand(3, 4) * 0.5, torch.randn(5, 4) * 3
for module in (ClipIfLarge(), ClipWhere(), ClipCond()):
    try:
        with contextlib.redirect_stderr(io.StringIO()):
            prog = export(module, (small,), dynamic_shapes=({0: Dim("rows")},))
    except Exception as e:  # noqa: BLE001
        print(f"{type(module).__name__:12s} 내보내기 실패: {type(e).__name__}")
        continue
    same = all(torch.equal(prog.module()(v), ClipIfLarge()(v)) for v in (small, large))
    print(f"{type(module).__name__:12s} 내보내기 성공, 작은 입력·큰 입력 모두 원래 if 와 같음: {same}")

# %% [markdown]
# ## 4. ONNX 로 내보내고 ONNX Runtime 으로 돌리기
#
# ONNX 는 모델 그래프를 담는 공통 파일 형식입니다. 파이토치 없이 **ONNX Runtime**(C++ 추론 엔진, 파이썬·C#·자바스크립트·모바일용
# 패키지가 있습니다)으로 돌릴 수 있습니다. 파이토치 2.9 부터 `torch.onnx.export` 는 위의 `torch.export` 로 그래프를 뽑는 방식
# (`dynamo=True`)이 기본이고, 이 방식은 `onnxscript` 패키지가 필요합니다.
#
# - `dynamic_shapes=({0: "batch"},)`: 0번 축은 이름 붙은 동적 축
# - `external_data=False`: 가중치를 `.onnx` 파일 하나에 담습니다(기본값 `True` 는 `.onnx.data` 파일을 따로 만듭니다)
#
# 이 내보내기 도구는 진행 상황을 표준 출력에 찍습니다. 처음 한 번은 그 출력을 잡아서 보여 드립니다.

# %%
onnx_path = workdir / "mnist_cnn.onnx"
log = io.StringIO()
with contextlib.redirect_stdout(log):
    torch.onnx.export(cnn, (example,), onnx_path, dynamo=True, external_data=False,
                      dynamic_shapes=({0: "batch"},), input_names=["images"], output_names=["logits"])
print(log.getvalue().strip())
print(f"\n파일: {onnx_path.name} {onnx_path.stat().st_size / 1024:.0f} KiB | 같은 폴더의 파일: {sorted(p.name for p in workdir.iterdir())}")

# %% [markdown]
# 네 단계(그래프 얻기 → 분해 → ONNX 로 옮기기 → 최적화)에 ✅ 가 붙으면 성공입니다. 경고가 아니라 진행 보고이고,
# 다음부터는 `verbose=False` 로 끌 수 있습니다. 이제 ONNX Runtime 세션을 만들어 **같은 입력에 같은 출력**이 나오는지 확인합니다.
# 배치 크기 1, 7, 그리고 테스트 이미지 1,000장 전체로 잽니다. 기준은 두 가지입니다.
#
# - 확률(softmax)의 최대 절대 차이 ≤ 1e-5
# - 로짓의 최대 절대 차이 ÷ 로짓 크기의 최댓값 ≤ 1e-5 (float32 는 유효 숫자가 약 7자리라서, 로짓이 10 근처면 1e-6 정도의 차이는
#   덧셈 순서만 달라도 생깁니다. 그래서 로짓은 크기에 견준 상대 차이로 봅니다)

# %%
session = ort.InferenceSession(str(onnx_path), providers=["CPUExecutionProvider"])
print("입력:", [(i.name, i.shape) for i in session.get_inputs()], "| 출력:", [(o.name, o.shape) for o in session.get_outputs()])

for n in (1, 7, 1000):
    xb = x_test[:n]
    ort_logits = torch.from_numpy(session.run(None, {"images": xb.numpy()})[0])
    with torch.no_grad():
        torch_logits = cnn(xb)
    logit_diff = (ort_logits - torch_logits).abs().max().item()
    logit_rel = logit_diff / torch_logits.abs().max().item()
    prob_diff = (ort_logits.softmax(1) - torch_logits.softmax(1)).abs().max().item()
    print(f"배치 {n:>4}: 로짓 차이 {logit_diff:.1e} (상대 {logit_rel:.1e}) | 확률 차이 {prob_diff:.1e}")
    assert prob_diff <= 1e-5 and logit_rel <= 1e-5, f"배치 {n}: ONNX Runtime 과 파이토치의 출력 차이가 큽니다"

ort_pred = np.concatenate([session.run(None, {"images": x_test[i:i + 1000].numpy()})[0].argmax(1)
                           for i in range(0, len(x_test), 1000)])
print(f"ONNX Runtime 테스트 정확도 {(ort_pred == y_test.numpy()).mean():.3f} (파이토치 {test_acc:.3f})")


# %% [markdown]
# 지연 시간 비교: 배치 1 (요청 하나씩 오는 서버)과 배치 64 에서 파이토치(eager)와 ONNX Runtime 을 50번씩 불러 중앙값을 씁니다.

# %%
def ort_call(x):
    return session.run(None, {"images": x.numpy()})


latency = {}
for n in (1, 64):
    xb = x_test[:n]
    latency[n] = tuple(median_ms([cnn, ort_call], xb, repeats=50))
    print(f"배치 {n:>2}: 파이토치 {latency[n][0]:.3f} ms | ONNX Runtime {latency[n][1]:.3f} ms | 비율 {latency[n][0] / latency[n][1]:.1f}배")

fig, axes = plt.subplots(1, 2, figsize=(8, 3.2))
for ax, (n, (torch_ms, ort_ms)) in zip(axes, latency.items()):
    ax.bar(["파이토치", "ONNX Runtime"], [torch_ms, ort_ms], color=["tab:gray", "tab:green"])
    ax.set_title(f"배치 {n}")
    ax.set_ylabel("한 번 호출 (ms, 중앙값)")
fig.suptitle("작은 CNN 추론 지연 시간 (CPU)")
plt.tight_layout()
plt.show()

# %% [markdown]
# **눈여겨볼 점**
#
# - 로짓의 차이는 수 × 1e-6 (배치 1000 에서는 1e-5 에 가깝습니다), 상대 차이와 확률의 차이는 1e-7 수준입니다. 합성곱을 계산하는 순서가 두 엔진에서 달라서 생기는 float32
#   반올림이고, 예측(argmax)과 정확도는 같습니다. 1e-3 같은 차이가 보이면 반올림이 아니라 **다른 모델**(모드, 전처리, 가중치)입니다.
# - 배치 1 처럼 작은 호출에서는 파이썬과 파이토치의 호출 부담이 커서 ONNX Runtime 이 크게 앞섭니다. 배치가 커지면 실제 계산이
#   시간을 쓰므로 차이가 줄어듭니다. 배포 형식은 속도보다 **파이토치 없이 돈다**는 점(작은 설치, 다른 언어, 모바일·브라우저)이 더 큰 이유인
#   경우가 많습니다.

# %% [markdown]
# ## 5. TorchScript 는 어디에?
#
# 예전 배포 방법인 TorchScript(`torch.jit.trace`, `torch.jit.script`)는 지금 버전에서 **더 이상 권하지 않는(deprecated)** 기능입니다.
# 라이브러리가 직접 그렇게 말합니다. 경고를 잡아서 읽어 봅니다.

# %%
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    traced = torch.jit.trace(cnn, example)
for w in sorted({str(w.message) for w in caught}):
    print(f"{caught[0].category.__name__}: {w}")
with torch.no_grad():
    print("trace 결과와 원래 모델의 최대 차이:", f"{(traced(x7) - cnn(x7)).abs().max().item():.1e}")

# %% [markdown]
# 아직 동작하고 오래된 코드와 C++ `libtorch` 에서 많이 보이지만, 새로 만드는 배포는 `torch.export`(+ ONNX 또는 AOTInductor)와
# `torch.compile` 로 갑니다.

# %% [markdown]
# ## 6. 분산 데이터 병렬(DDP): 프로세스 2개, gloo, CPU 한 대
#
# 데이터 병렬(data parallel)은 모델을 프로세스마다 하나씩 복제하고, **전역 배치(global batch)**를 프로세스 수만큼 나눠 각자 순전파·역전파한
# 뒤, 기울기를 **모든 프로세스의 평균(all-reduce)**으로 맞추고 똑같이 한 걸음 갑니다. 모두 같은 가중치에서 시작해 같은 기울기로
# 움직이므로 복제본은 끝까지 같습니다. 크기가 같은 조각의 평균 손실들을 평균하면 전역 배치의 평균 손실이므로, 결과는
# **전역 배치 하나로 학습한 단일 프로세스와 같아야** 합니다. 이것을 확인합니다.
#
# - 프로세스 그룹(process group): 서로 통신하는 프로세스들. 각자 번호 `rank`(0, 1, …)와 전체 수 `world_size` 를 압니다.
# - gloo: CPU 용 통신 백엔드(backend). GPU 끼리는 NCCL 을 씁니다.
# - `DistributedDataParallel(model)`: 역전파하는 동안 기울기 평균(all-reduce)을 자동으로 끼워 넣는 래퍼.
#
# 노트북에서 띄우는 일은 `helpers.dist.run_fork(fn, world_size, *args)` 가 합니다. 현재 프로세스를 **fork** 로 복제하고(노트북에서 정의한
# 함수를 그대로 씁니다), 127.0.0.1 에서 gloo 프로세스 그룹을 만든 뒤 `fn(rank, world_size, *args)` 를 부르고, 결과를 rank 순서의
# 리스트로 돌려줍니다. 텐서는 NumPy 배열로 바꿔서 돌려받습니다(아래 ⚠️ 참고). 명령줄에서는 같은 일을 `torchrun --nproc_per_node=2 train.py` 가 합니다.

# %%
x_ddp, y_ddp = x_train[:2048], y_train[:2048]
GLOBAL_BATCH, LR = 64, 0.1


def make_mlp():
    torch.manual_seed(0)
    return nn.Sequential(nn.Flatten(), nn.Linear(784, 64), nn.ReLU(), nn.Linear(64, 10))


def ddp_worker(rank, world_size, x, y, global_batch, lr):
    from torch.nn.parallel import DistributedDataParallel as DDP

    model = DDP(make_mlp())                  # same seed on every rank; DDP also broadcasts rank 0's weights
    opt = torch.optim.SGD(model.parameters(), lr=lr)
    losses = []
    for start in range(0, len(x), global_batch):
        xb = x[start:start + global_batch][rank::world_size]   # this rank's half of the global batch
        yb = y[start:start + global_batch][rank::world_size]
        opt.zero_grad()
        loss = F.cross_entropy(model(xb), yb)
        loss.backward()                      # DDP averages the gradients over the ranks here
        opt.step()
        losses.append(loss.item())
    return {"state": model.module.state_dict(), "losses": losses, "world": dist.get_world_size()}


t0 = time.perf_counter()
replicas = hdist.run_fork(ddp_worker, 2, x_ddp, y_ddp, GLOBAL_BATCH, LR)
print(f"프로세스 {replicas[0]['world']}개, {len(replicas[0]['losses'])} 걸음: {time.perf_counter() - t0:.1f}초")

# %%
single = make_mlp()
opt = torch.optim.SGD(single.parameters(), lr=LR)
single_losses = []
for start in range(0, len(x_ddp), GLOBAL_BATCH):
    opt.zero_grad()
    loss = F.cross_entropy(single(x_ddp[start:start + GLOBAL_BATCH]), y_ddp[start:start + GLOBAL_BATCH])
    loss.backward()
    opt.step()
    single_losses.append(loss.item())

rank0, rank1 = replicas[0]["state"], replicas[1]["state"]
replica_gap = max(float(np.abs(rank0[k] - rank1[k]).max()) for k in rank0)
single_gap = max(float(np.abs(rank0[k] - v.numpy()).max()) for k, v in single.state_dict().items())
assert replica_gap == 0.0, "두 복제본의 가중치가 다릅니다"
assert single_gap < 1e-5, "DDP 결과가 단일 프로세스 학습과 다릅니다"
print(f"rank 0 ↔ rank 1 가중치 차이 최댓값: {replica_gap:.1e} (비트까지 같음)")
print(f"DDP ↔ 단일 프로세스(배치 {GLOBAL_BATCH}) 가중치 차이 최댓값: {single_gap:.1e}")

fig, ax = plt.subplots(figsize=(7, 3.4))
steps = np.arange(1, len(single_losses) + 1)
ax.plot(steps, replicas[0]["losses"], alpha=0.5, label="rank 0 의 손실 (자기 절반)")
ax.plot(steps, replicas[1]["losses"], alpha=0.5, label="rank 1 의 손실 (자기 절반)")
ax.plot(steps, (np.array(replicas[0]["losses"]) + np.array(replicas[1]["losses"])) / 2, "k-", lw=2, label="두 rank 평균")
ax.plot(steps, single_losses, "r--", lw=1.5, label="단일 프로세스 (전역 배치)")
ax.set_xlabel("걸음")
ax.set_ylabel("교차 엔트로피")
ax.set_title("DDP 2 프로세스 = 전역 배치 단일 프로세스")
ax.legend()
plt.show()


# %% [markdown]
# **눈여겨볼 점**
#
# - 두 rank 는 서로 다른 절반을 보므로 각자의 손실은 다르지만, 그 평균(검은 선)은 단일 프로세스의 손실(빨간 점선)과 겹칩니다.
# - 두 복제본의 가중치는 비트까지 같습니다(모두 같은 all-reduce 결과를 받습니다). 단일 프로세스와는 1e-8 정도 다릅니다: 덧셈 순서가
#   달라서 생기는 float32 반올림입니다.
# - 한 대의 CPU 에서는 프로세스를 늘려도 빨라지지 않습니다(코어 2개를 나눠 쓰고 통신 비용이 듭니다). 데이터 병렬은 GPU 여러 장,
#   기계 여러 대에서 빛납니다. 여기서 배운 것은 **규칙**입니다: 같은 시작점, 같은 크기의 조각, 평균 기울기.
#
# **DDP 안에서 일어나는 일: `dist.all_reduce`.** DDP 가 역전파 중에 부르는 통신은 `dist.all_reduce(텐서, op=dist.ReduceOp.SUM)` 입니다.
# 모든 rank 가 **함께** 부르면(한 rank 라도 빠지면 나머지는 기다리며 멈춥니다) 각 rank 의 텐서가 **제자리에서** 모든 rank 의 합으로 바뀝니다.
# `ReduceOp` 에는 `SUM`, `PRODUCT`, `MIN`, `MAX` 가 있고, gloo 는 평균(`AVG`)을 지원하지 않으므로 합을 구한 뒤 직접 나눕니다.

# %%
def reduce_demo(rank, world_size):
    local = torch.tensor([rank + 1.0, 10.0 * (rank + 1)])
    total = local.clone()
    dist.all_reduce(total, op=dist.ReduceOp.SUM)       # in place: every rank now holds the sum
    biggest = local.clone()
    dist.all_reduce(biggest, op=dist.ReduceOp.MAX)
    return {"local": local, "sum": total, "max": biggest}


for r, out in enumerate(hdist.run_fork(reduce_demo, 3)):
    print(f"rank {r}: 자기 값 {out['local']} → SUM {out['sum']}, MAX {out['max']}")

# %% [markdown]
# **손으로 자른 조각 대신 `DistributedSampler`.** 위 `ddp_worker` 는 전역 배치를 손으로 잘랐습니다. 보통은 `DataLoader(데이터셋,
# batch_size=전역 배치 // world_size, sampler=DistributedSampler(데이터셋, shuffle=True, seed=...))` 로 rank 마다 다른 샘플을 읽습니다.
# 섞을 때 샘플러는 `seed + epoch` 으로 전체 순서를 한 번 정하고, rank `r` 은 그 순서의 `r, r + world_size, …` 번째를 가집니다.
# 에폭은 `sampler.set_epoch(epoch)` 으로 알려 줘야 합니다. 빼먹으면 매 에폭 같은 순서입니다. 프로세스 그룹 안에서는 `num_replicas`,
# `rank` 를 생략하면 그룹에서 읽고, 아래처럼 직접 주면 그룹 없이도 나눔을 볼 수 있습니다.

# %%
from torch.utils.data import DistributedSampler  # noqa: E402

for epoch in (0, 1):
    parts = []
    for r in range(2):
        sampler = DistributedSampler(range(10), num_replicas=2, rank=r, shuffle=True, seed=0)
        sampler.set_epoch(epoch)
        parts.append(list(sampler))
    order = torch.randperm(10, generator=torch.Generator().manual_seed(0 + epoch)).tolist()
    print(f"에폭 {epoch}: rank 0 {parts[0]}, rank 1 {parts[1]} | 전체 순서의 짝·홀 번째와 같음: "
          f"{parts == [order[0::2], order[1::2]]}")

# %% [markdown]
# ## 7. 한 대로 부족할 때 (읽을거리)
#
# | 상황 | 도구 | 하는 일 |
# |---|---|---|
# | 모델은 GPU 한 장에 들어가고, 데이터가 많다 | **DDP** (`torchrun --nproc_per_node=GPU수`) | 이 단원에서 한 것. 복제 + 기울기 평균 |
# | 기계 여러 대 | `torchrun --nnodes=2 --node_rank=… --rdzv-endpoint=주소:포트` | 같은 코드, 프로세스 그룹이 네트워크를 건넙니다 (백엔드 NCCL) |
# | 모델이 GPU 한 장에 안 들어간다 | **FSDP** (`torch.distributed.fsdp.fully_shard`) | 매개변수·기울기·옵티마이저 상태를 프로세스들에 **나눠** 두고, 필요할 때 모아 씁니다 |
# | 더 큰 모델, 메모리 절약 기법 모음 | **DeepSpeed** (ZeRO 1·2·3, CPU/NVMe offload) | FSDP 와 같은 생각(ZeRO-3 ≈ FSDP)에 설정 파일로 켜는 기법이 많습니다 |
# | 반복 코드 줄이기 | **Lightning** (`Trainer(strategy="ddp", devices=2)`) | 학습 반복문·분산·체크포인트·로깅을 틀로 제공. 안에서 하는 일은 이 단원과 같습니다 |
#
# 다음 걸음: 파이토치 튜토리얼 "Getting Started with Distributed Data Parallel", "Getting Started with FSDP2", DeepSpeed 의 ZeRO 튜토리얼,
# Lightning 문서의 "GPU training (intermediate)". GPU 가 있는 환경(Colab 은 GPU 1장)에서는 `torchrun --nproc_per_node=1` 로도 같은 코드를 연습할 수 있습니다.

# %% [markdown]
# ## ⚠️ 자주 하는 실수
#
# **1. 노트북에서 `spawn` 으로 프로세스를 띄운다.** `torch.multiprocessing.spawn` 이나 `spawn` 시작 방식은 새 파이썬을 띄우고,
# 실행할 함수를 **이름으로** 찾아 불러옵니다. 노트북 셀에서 정의한 함수는 파일이 없는 `__main__` 에 있어서 새 프로세스가 찾지 못합니다.

# %% tags=["raises-exception"]
import concurrent.futures as cf  # noqa: E402
import multiprocessing as mp  # noqa: E402


def square(v):
    return v * v


with cf.ProcessPoolExecutor(1, mp_context=mp.get_context("spawn")) as pool:
    print(pool.submit(square, 3).result(timeout=60))

# %% [markdown]
# 위 빨간 글씨에서 진짜 원인은 작업 프로세스가 남긴 `AttributeError: Can't get attribute 'square' on <module '__main__'>` 이고,
# 부모 쪽에는 "작업 프로세스가 갑자기 끝났다"(`BrokenProcessPool`)로만 보입니다. `torch.multiprocessing.spawn` 도 같은 이유로 실패합니다.
#
# **고치기**: 노트북에서는 `fork` 로 띄우거나(`helpers.dist.run_fork` 가 하는 일, 리눅스·macOS), 작업 함수를 `.py` 파일에 두고
# `import` 하거나, 아예 스크립트로 만들어 `torchrun` 으로 실행합니다.

# %%
with cf.ProcessPoolExecutor(1, mp_context=mp.get_context("fork")) as pool:
    print("fork:", pool.submit(square, 3).result(timeout=60))

# %% [markdown]
# **2. 작업 프로세스에서 텐서를 큐로 돌려받는다.** 텐서는 공유 메모리로 전달되는데, 그 메모리를 가진 작업 프로세스가 먼저 끝나면
# 부모가 읽을 때 `FileNotFoundError` 가 납니다. `helpers.dist.run_fork` 는 결과의 텐서를 NumPy 배열로 바꿔서 보냅니다.
# 직접 짤 때도 `.numpy()`, `.tolist()` 로 바꿔 보내세요.
#
# 덧붙여 fork 에는 함정이 하나 더 있습니다. autograd 는 프로세스에서 **처음** 역전파할 때 내부 스레드를 준비하는데, 그 첫 역전파가
# `torch.export`·`torch.onnx.export` 뒤에 오면 그 뒤로 fork 한 프로세스는 역전파에서 `Unable to handle autograd's threading in
# combination with fork-based multiprocessing` 으로 실패합니다. `helpers.dist` 는 불러올 때 아주 작은 역전파를 한 번 해서 이를 막습니다.
# 그래서 맨 위 준비 셀에서 `import torch` 다음에 `from helpers import dist` 를 둡니다.
#
# **3. `onnxscript` 가 없다.** 파이토치 2.9 이상에서 `torch.onnx.export` 를 부르면 다음과 같이 실패합니다.
#
# ```
# ModuleNotFoundError: No module named 'onnxscript'
# ```
#
# 새 내보내기 도구가 ONNX 그래프를 `onnxscript` 로 만들기 때문입니다. **고치기**: `pip install onnxscript` (이 과정의
# requirements.txt 에는 들어 있습니다). `dynamo=False` 로 옛 내보내기 도구를 쓰는 것은 deprecated 경고가 나는 임시방편입니다.
#
# **4. 학습 모드로 내보낸다.** `model.train()` 상태로 뽑은 그래프에는 학습 모드의 드롭아웃(`aten.dropout(0.2, True)`)이 들어갑니다.
# 배치 정규화가 있는 모델이면 배치 통계를 쓰는 정규화가 들어갑니다. 같은 이미지라도 부를 때마다, 함께 들어온 배치에 따라 결과가 바뀝니다.

# %% tags=["raises-exception"]
cnn.train()
ep_train = export(cnn, (example,), dynamic_shapes=({0: batch_dim},))
cnn.eval()
with torch.no_grad():
    gap = (ep_train.module()(x7) - cnn(x7)).abs().max().item()
print(f"학습 모드로 뽑은 그래프 ↔ 평가 모드 모델: 최대 차이 {gap:.3f}")
assert gap <= 1e-5, "학습 모드로 내보낸 그래프는 평가 모드 모델과 결과가 다릅니다"

# %% [markdown]
# **고치기**: 내보내기 전에 `model.eval()`. (위 3절은 그렇게 했기 때문에 차이가 0 이었습니다.) `torch.onnx.export` 는 학습 모드의
# 모델을 받으면 경고(UserWarning)를 냅니다. 이 버전에서 재 보니 결과는 평가 모드와 같았지만 거기에 기대지 말고, 습관으로 `eval()` 합니다.
#
# **5. 동적 배치를 빼먹는다.** `dynamic_shapes` 없이 내보내면 예시 입력의 배치 크기(여기서는 4)가 그래프에 고정됩니다.
# 내보낼 때는 아무 문제가 없다가, 서버에서 다른 배치가 들어오는 순간 실패합니다.

# %% tags=["raises-exception"]
fixed_path = workdir / "fixed_batch.onnx"
torch.onnx.export(cnn, (example,), fixed_path, dynamo=True, external_data=False, verbose=False,
                  input_names=["images"], output_names=["logits"])
fixed = ort.InferenceSession(str(fixed_path), providers=["CPUExecutionProvider"])
print("입력 모양:", fixed.get_inputs()[0].shape)
fixed.run(None, {"images": x7.numpy()})

# %% [markdown]
# **고치기**: `dynamic_shapes=({0: "batch"},)` 를 주고 내보낸 뒤, 배치 1 과 예시와 다른 크기(7)에서 모두 확인합니다.
# 4절의 세션은 그렇게 만들었습니다.

# %%
print("동적 배치 세션의 입력 모양:", session.get_inputs()[0].shape)
print("배치 7 출력 모양:", session.run(None, {"images": x7.numpy()})[0].shape)

# %% [markdown]
# ## 📝 요약
#
# 1. **항상 빨라지지 않습니다.** `torch.compile` 은 원소별 연산을 합쳐 이 CPU 에서 약 1.5~2배 빨라졌지만, 첫 호출에 수 초~수십 초를
#    씁니다. 손익 분기점(첫 호출 시간 ÷ 한 번에 아끼는 시간)보다 적게 부르면 손해이고, 합성곱이 대부분인 작은 CNN 은 거의 그대로였습니다.
#    같은 실행 안에서 중앙값의 비율로 재고 켭니다.
# 2. **같은 입력, 같은 출력**: ONNX Runtime 세션의 출력과 평가 모드 파이토치 모델의 출력을 여러 배치 크기에서 비교해 최대 절대 차이가
#    작은지 확인합니다. 확률은 절대 차이 1e-5 이하, 로짓은 크기에 견준 상대 차이 1e-5 이하(여기서는 1e-7 수준, 정확도도 같음).
# 3. 배치 크기가 그래프에 **고정**되어 ONNX Runtime 이 `INVALID_ARGUMENT` 로 실패합니다. `dynamic_shapes` 로 배치 축을 동적으로 내보냅니다.
# 4. 모두 같은 가중치에서 시작하고, 매 걸음 all-reduce 로 **똑같은 평균 기울기**를 받아 똑같이 움직이기 때문입니다. 같은 크기의 조각이면
#    그 평균 기울기는 전역 배치의 기울기와 같아서, 단일 프로세스 학습과도 (반올림을 빼면) 같습니다.
# 5. `spawn` 은 새 파이썬에서 함수를 이름으로 찾는데, 노트북의 함수는 파일이 없는 `__main__` 에 있어서 찾지 못합니다. `fork` 는 현재 프로세스를
#    통째로 복제하므로 그 함수가 이미 있습니다. 스크립트라면 `torchrun` 이 표준입니다. TorchScript 는 deprecated 이고, 새 배포는
#    `torch.export`·ONNX·`torch.compile` 로 갑니다.
