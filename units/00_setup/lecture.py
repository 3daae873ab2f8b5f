# ---
# jupyter:
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
# ---

# %%
import os
import platform
import subprocess
import sys
import time
from importlib import metadata

import matplotlib.pyplot as plt
import numpy as np
import torch

import helpers

device = helpers.setup(seed=0)

# %% [markdown]
# ## 🎯 학습 목표
#
# - 가상 환경(virtual environment)이 왜 필요한지, venv·conda·pip 가 각각 무엇을 하는지 설명할 수 있다.
# - 이 과정을 여는 세 가지 길(`make lab`, conda 의 `environment.yml`, Colab) 중 하나로 시작하고, PyCharm 에서 인터프리터를 고를 수 있다.
# - `torch.cuda.is_available()`, `device_count()`, `current_device()` 로 GPU 상태를 확인하고, 코드에 장치(device)를 직접 적지 않고 고를 수 있다.
# - 버전 보고서를 읽고 `python -m helpers doctor` 로 환경 문제를 찾을 수 있다.
# - CPU 로 충분한 때와 GPU 로 넘어가야 할 때를 측정값으로 판단할 수 있다.

# %% [markdown]
# ## 🤔 단서 질문
#
# 1. 가상 환경은 왜 만들고, venv 와 conda 는 무엇이 다른가?
# 2. 지금 이 노트북은 **어느 파이썬(인터프리터)** 으로 실행되고 있는가? 그걸 왜 알아야 하는가?
# 3. GPU 를 쓸 수 있는지 코드로 어떻게 확인하는가? GPU 가 없는데 쓰려고 하면 어떻게 되는가?
# 4. 코드에 `"cuda"` 를 직접 적지 않고 장치를 고르는 방법은?
# 5. 언제까지 CPU 로 충분하고, 언제 GPU 로 넘어가야 하는가?

# %% [markdown]
# ## 1. 가상 환경: 프로젝트마다 따로 쓰는 파이썬
#
# 한 컴퓨터에 여러 프로젝트가 있으면 필요한 패키지 버전이 서로 다릅니다. 이 과정은 PyTorch 2.14 와 NumPy 2.x 를 쓰지만,
# 예전 프로젝트는 PyTorch 1.x 와 NumPy 1.x 를 원할 수 있습니다. 모두 한 파이썬에 설치하면 나중에 설치한 것이 앞의 것을 덮어씁니다.
# **가상 환경(virtual environment)** 은 프로젝트마다 분리된 파이썬 설치를 하나씩 만들어 이 충돌을 막습니다.
#
# | 도구 | 하는 일 | 이 과정에서 |
# |---|---|---|
# | `venv` | 파이썬에 기본으로 들어 있음. 폴더 하나(`.venv/`)에 분리된 파이썬을 만듦 | `make lab` 이 `.venv` 를 만듭니다 |
# | `conda` | Anaconda/Miniconda 의 도구. 파이썬 버전까지 골라 환경을 만듦 | `environment.yml` → 환경 이름 `pytorch-dl-kr` |
# | `pip` | 환경을 만들지 않고, **지금 실행 중인 파이썬** 에 패키지를 설치 | 모든 경로에서 쓰입니다 |
#
# 핵심은 하나입니다: **패키지는 그 명령을 실행한 파이썬에 설치됩니다.** 그래서 "지금 어느 파이썬인가"를 늘 확인할 수 있어야 합니다.
#
# **실행하기 전에 예상해 보세요:** `make lab` 으로 이 노트북을 열었다면 인터프리터는 어느 폴더 안의 파이썬일까요?
# 그리고 venv 안에서 `sys.prefix` 와 `sys.base_prefix` 는 같을까요, 다를까요?

# %%
# Which interpreter runs this notebook, and what kind of environment is it?
print("인터프리터 :", sys.executable)
print("파이썬 버전:", platform.python_version())

if "google.colab" in sys.modules:
    where = "Colab 런타임"
elif sys.prefix != sys.base_prefix:
    where = f"venv 가상 환경 ({sys.prefix})"
elif os.environ.get("CONDA_DEFAULT_ENV"):
    where = f"conda 환경 '{os.environ['CONDA_DEFAULT_ENV']}'"
else:
    where = "가상 환경이 아닌 시스템 파이썬"
print("실행 환경  :", where)

# %% [markdown]
# **눈여겨볼 점**
#
# - `make lab` 으로 열었다면 인터프리터가 `<과정 폴더>/.venv/bin/python` (Windows 는 `.venv\Scripts\python.exe`) 이어야 합니다.
# - conda 로 열었다면 `…/envs/pytorch-dl-kr/…` 안의 파이썬이어야 합니다.
# - venv 안에서는 `sys.prefix`(지금 환경)와 `sys.base_prefix`(venv 를 만든 원래 파이썬)가 다릅니다. 위 셀은 그 차이로 venv 를 알아봅니다.

# %% [markdown]
# 🧪 **해 보기**
#
# - 터미널을 하나 열고 `python -c "import sys; print(sys.executable)"` 를 실행해 위 출력과 비교해 보세요. 다르다면 그 터미널의 `pip install` 은 이 노트북에 보이지 않습니다 (⚠️ 4).
# - `python -m venv practice-env` 로 빈 가상 환경을 만들고 `practice-env/bin/python -c "import numpy"` (Windows: `practice-env\Scripts\python.exe`) 를 실행해 보세요. 무엇이 나오고, 왜 그럴까요? 다 봤으면 폴더를 지웁니다.
#
# 📚 **더 읽을거리**: [venv 와 패키지 (파이썬 튜토리얼)](https://docs.python.org/3/tutorial/venv.html) ·
# [`venv` 모듈](https://docs.python.org/3/library/venv.html) ·
# [conda 환경 관리](https://docs.conda.io/projects/conda/en/latest/user-guide/tasks/manage-environments.html) ·
# [pip 사용자 안내서](https://pip.pypa.io/en/stable/user_guide/)

# %% [markdown]
# ## 2. 이 과정을 여는 세 가지 길
#
# ### 2-1. 내 컴퓨터의 JupyterLab: `make lab` (추천)
#
# 과정 폴더에서 터미널에 다음 한 줄을 입력합니다.
#
# ```bash
# make lab
# ```
#
# - 처음 한 번은 `requirements.txt` 에 **고정된 버전(pinned version)** 그대로 `.venv` 를 만들고 설치합니다 (몇 분). `requirements.txt` 가 바뀌지 않았으면 설치를 건너뜁니다.
# - 그다음 과정 폴더에서 JupyterLab 을 열고, 접속 주소(토큰 포함)를 터미널에 출력합니다.
# - JupyterLab 에는 nbgrader 의 과제 목록(Assignments)과 검증(Validate) 도구가 들어 있습니다. 과제를 내기 전에
#   **Kernel → Restart Kernel and Run All Cells** 로 처음부터 다시 실행하고, **Validate** 를 눌러 테스트 셀이 모두 통과하는지 확인하세요.
# - `make` 가 없는 Windows 에서는 WSL 을 쓰거나 아래 conda 방법을 쓰세요.
#
# ### 2-2. conda: `environment.yml`
#
# Anaconda 나 Miniconda 를 쓴다면 환경 정의 파일 하나로 환경을 만듭니다 (Windows 는 *Anaconda Prompt* 에서).
#
# ```bash
# conda env create -f environment.yml   # 처음 한 번: 환경 'pytorch-dl-kr' 만들기
# conda activate pytorch-dl-kr          # 터미널을 열 때마다: 환경 켜기 (프롬프트가 (pytorch-dl-kr) 로 바뀜)
# jupyter lab                           # 과정 폴더에서 실행
# ```
#
# 손으로 `conda create -n 이름 python=3.11` 을 하고 패키지를 하나씩 설치하는 방법도 있지만, 파일 하나로 만들면 모두가 같은 환경을 갖습니다.
# 참고로 예전 자료의 `conda install pytorch -c pytorch` 는 더 이상 쓰지 않습니다. PyTorch 팀의 `pytorch` conda 채널에는 새 버전이 올라오지 않습니다
# (2.5 가 마지막). conda 로 설치하는 길은 아직 있습니다: 커뮤니티 채널 **conda-forge** 는 최신 PyTorch 를 계속 올립니다
# (`conda install -c conda-forge pytorch`). 이 과정의 `environment.yml` 은 `requirements.txt` 와 **똑같은 버전**을 쓰려고 conda 환경 안에서
# `pip` 로 설치합니다. pip 용 GPU 설치 명령은 [pytorch.org](https://pytorch.org/get-started/locally/) 의 선택표가 운영체제와 CUDA 버전에 맞게 만들어 줍니다.
#
# ### 2-3. Google Colab (설치 없이, GPU 도 가능)
#
# - 노트북 맨 위의 **"Colab에서 열기"** 배지를 누릅니다.
# - 첫 코드 셀(준비 셀)이 Colab 안에서만 과정 저장소를 내려받고 `helpers` 를 설치합니다. 다른 환경에서는 아무 일도 하지 않습니다.
# - GPU 가 필요하면 **런타임(Runtime) → 런타임 유형 변경(Change runtime type) → 하드웨어 가속기: GPU** 를 고르고 저장합니다.
#   런타임이 새로 시작되므로 노트북을 처음부터 다시 실행합니다.
# - Colab 의 패키지 버전은 `requirements.txt` 와 조금 다를 수 있습니다 (doctor 가 ⚠️ 로 알려 줍니다). 런타임이 끝나면 만든 파일이 사라지니,
#   남길 결과는 내 컴퓨터나 Google Drive 에 저장하세요.
#
# ### 2-4. PyCharm 에서 인터프리터 고르기
#
# PyCharm 은 프로젝트마다 쓸 파이썬(인터프리터)을 따로 기억합니다. 과정 폴더를 프로젝트로 연 뒤
#
# 1. **Settings(설정) → Project: (프로젝트 이름) → Python Interpreter** 로 갑니다.
# 2. 목록에 `.venv` 나 `pytorch-dl-kr` 가 보이면 고르면 끝입니다.
# 3. 안 보이면 **Add Interpreter → Add Local Interpreter** 에서
#    - venv: *Virtualenv* → *Select existing* → `<과정 폴더>/.venv/bin/python` (Windows: `.venv\Scripts\python.exe`)
#    - conda: *Conda* → *Use existing environment* → `pytorch-dl-kr`
# 4. PyCharm 터미널에서 `python -c "import sys; print(sys.executable)"` 로 같은 파이썬인지 확인합니다.
#
# 어느 길로 열었든, 아래 셀이 보여 주듯 **고정된 버전과 설치된 버전이 같은지** 가 출발점입니다.
#
# **실행하기 전에 예상해 보세요:** 설치된 torch 의 버전은 `2.14.1+cu130` 처럼 꼬리표가 붙어 있고, `requirements.txt` 에는 `2.14.1` 로 적혀 있습니다.
# 아래 셀은 둘을 "같음" 으로 볼까요, "다름" 으로 볼까요? (코드의 `split("+")` 를 보세요.)

# %%
# requirements.txt pins exact versions ("name==version"); compare a few with what is installed.
req = helpers.ROOT / "requirements.txt"
pins = {}
for line in req.read_text(encoding="utf-8").splitlines():
    if "==" in line and not line.startswith("#"):
        name, version = line.strip().split("==", 1)
        pins[name.lower()] = version

print(f"requirements.txt 에 고정된 패키지: {len(pins)}개")
for name in ["torch", "numpy", "pandas", "matplotlib", "jupyterlab"]:
    try:
        have = metadata.version(name)
    except metadata.PackageNotFoundError:
        have = "(설치 안 됨)"
    same = "같음" if have.split("+")[0] == pins.get(name) else "다름"
    print(f"  {name:<11} 고정 {pins.get(name, '-'):<8} 설치 {have:<16} → {same}")

# %% [markdown]
# **눈여겨볼 점**: `make lab` 이나 `environment.yml` 로 만든 환경이라면 모두 "같음" 이어야 합니다. Colab 처럼 미리 설치된 환경에서는 "다름" 이 나올 수 있는데,
# 이 과정의 노트북은 대부분 그대로 동작합니다. 문제가 생기면 6절의 doctor 가 무엇을 고칠지 알려 줍니다.

# %% [markdown]
# 🧪 **해 보기**
#
# - 확인할 목록에 `"seaborn"`, `"plotly"`, `"nbgrader"` 를 더해 다시 실행해 보세요. 목록에 없는 이름(예: `"tensorflow"`)을 넣으면 어떻게 표시되나요?
# - `requirements.txt` 를 편집기로 열어 `torch==` 줄을 찾아보세요. 운영체제마다 다른 줄이 있다면 그 줄 끝의 `; sys_platform == ...` 가 무엇을 고르는지 읽어 봅니다.
#
# 📚 **더 읽을거리**: [PyTorch 설치 선택표](https://pytorch.org/get-started/locally/) ·
# [conda-forge 의 pytorch 패키지](https://anaconda.org/conda-forge/pytorch) ·
# [requirements 파일 형식 (pip)](https://pip.pypa.io/en/stable/reference/requirements-file-format/) ·
# [PyCharm: 파이썬 인터프리터 설정](https://www.jetbrains.com/help/pycharm/configuring-python-interpreter.html) ·
# [Colab 자주 묻는 질문](https://research.google.com/colaboratory/faq.html)

# %% [markdown]
# ## 3. 버전 보고서: 무엇이 설치되어 있나
#
# 질문을 올리거나 오류를 신고할 때 가장 먼저 필요한 정보가 버전입니다. PyTorch 버전 뒤의 `+cu130` 같은 꼬리표는 **어떤 CUDA 로 빌드된 파일인지** 를 뜻합니다
# (`+cpu` 는 CPU 전용 빌드). 빌드에 CUDA 가 들어 있어도, 컴퓨터에 NVIDIA GPU 와 드라이버가 없으면 GPU 는 쓸 수 없습니다.
#
# **실행하기 전에 예상해 보세요:** 이 컴퓨터에 NVIDIA GPU 가 없다면 `torch.version.cuda` 는 반드시 `None` 일까요?

# %%
print("Python           :", platform.python_version())
print("PyTorch          :", torch.__version__)
print("PyTorch 의 CUDA  :", torch.version.cuda, "(None 이면 CPU 전용 빌드)")
print("NumPy            :", np.__version__)
print("운영체제         :", platform.system(), platform.machine())

# %% [markdown]
# **눈여겨볼 점**: `torch.version.cuda` 는 **설치한 파일이 어떤 CUDA 로 빌드되었는지** 만 알려 줍니다. GPU 가 없는 컴퓨터에도 CUDA 빌드(`+cu130`)를 설치할 수 있고,
# 그러면 `None` 이 아닌 버전이 나옵니다. GPU 를 **지금 쓸 수 있는지** 는 다음 절의 `torch.cuda.is_available()` 가 알려 줍니다.
#
# 🧪 **해 보기**
#
# - `print(torch.__config__.show())` 를 실행해 이 PyTorch 가 어떤 라이브러리(BLAS, OpenMP 등)와 함께 빌드되었는지 읽어 보세요.
# - 오류를 신고한다고 생각하고, 위 출력 다섯 줄을 그대로 복사해 질문 글에 붙이는 연습을 해 보세요. 무엇이 빠지면 답하는 사람이 곤란할까요?
#
# 📚 **더 읽을거리**: [`platform` 모듈](https://docs.python.org/3/library/platform.html) ·
# [`importlib.metadata` (설치된 패키지 버전)](https://docs.python.org/3/library/importlib.metadata.html) ·
# [PyTorch 이전 버전 설치 명령](https://pytorch.org/get-started/previous-versions/)

# %% [markdown]
# ## 4. GPU 가 있는지 확인하기
#
# PyTorch 에서 NVIDIA GPU 는 `cuda` 라는 이름의 장치입니다. 세 함수로 상태를 확인합니다.
#
# | 함수 | 돌려주는 것 |
# |---|---|
# | `torch.cuda.is_available()` | 지금 CUDA GPU 를 쓸 수 있으면 `True` |
# | `torch.cuda.device_count()` | 쓸 수 있는 GPU 개수 (없으면 0) |
# | `torch.cuda.current_device()` | 지금 고른 GPU 의 번호 (GPU 가 있을 때만 부를 수 있음) |
#
# GPU 가 여러 개면 `cuda:0`, `cuda:1`, … 처럼 번호로 구분합니다.
#
# **실행하기 전에 예상해 보세요:** GPU 가 없는 컴퓨터에서 `torch.cuda.device_count()` 는 오류를 낼까요, 아니면 어떤 값을 돌려줄까요?

# %%
print("CUDA 사용 가능:", torch.cuda.is_available())
print("GPU 개수      :", torch.cuda.device_count())

# %%
if torch.cuda.is_available():
    i = torch.cuda.current_device()
    free, total = torch.cuda.mem_get_info(i)
    print(f"현재 GPU: cuda:{i} ({torch.cuda.get_device_name(i)})")
    print(f"GPU 메모리: {free / 2**30:.1f} GiB 남음 / 전체 {total / 2**30:.1f} GiB")
else:
    print("CUDA GPU 가 없습니다. current_device() 는 GPU 가 있을 때만 부릅니다 (⚠️ 자주 하는 실수 1).")
print("Apple MPS 사용 가능:", torch.backends.mps.is_available())

# %% [markdown]
# **눈여겨볼 점**: `current_device()` 를 `if torch.cuda.is_available():` 안에서만 부른 것에 주목하세요. Apple 실리콘 Mac 의 GPU 는 `cuda` 가 아니라 `mps` 라는 장치입니다.
#
# **GPU 와 CPU 는 하는 일이 다릅니다.** GPU 는 **자기 메모리에 있는 텐서의 계산**(행렬 곱, 원소별 연산)만 빠르게 합니다. 파이썬 코드 자체,
# `for` 문, `print`, 파일 읽기, 데이터 준비는 언제나 **CPU** 가 합니다. 그래서 GPU 에 있는 텐서를 `print` 하거나 `.item()`, `.numpy()` 로 꺼내면
# PyTorch 가 GPU 의 계산이 끝나기를 기다렸다가 값을 CPU 로 복사합니다. 큰 데이터는 CPU 메모리에 두고, 지금 계산할 배치만 GPU 로 보내는 것이 기본입니다 (06 단원).
#
# 🧪 **해 보기**
#
# - GPU 가 있는 컴퓨터나 Colab GPU 런타임에서 `torch.cuda.get_device_properties(0)` 을 출력해 보세요. 메모리(`total_memory`)는 몇 GiB 인가요?
# - `torch.cuda.is_available()` 과 `torch.cuda.device_count() > 0` 은 언제나 같은 답일까요? 두 함수의 문서를 읽고 답해 보세요.
#
# 📚 **더 읽을거리**: [`torch.cuda` 문서](https://docs.pytorch.org/docs/stable/cuda.html) ·
# [`torch.cuda.is_available`](https://docs.pytorch.org/docs/stable/generated/torch.cuda.is_available.html) ·
# [MPS 장치 (Apple GPU)](https://docs.pytorch.org/docs/stable/notes/mps.html) ·
# [d2l 6.7 GPU](https://d2l.ai/chapter_builders-guide/use-gpu.html)

# %% [markdown]
# ## 5. 장치 고르기: `helpers.setup()` 과 `COURSE_DEVICE`
#
# 모든 노트북의 준비 셀은 `device = helpers.setup()` 으로 시작합니다. 이 함수는 시드를 고정하고, 한글 글꼴을 켜고, **쓸 장치를 골라 돌려줍니다.**
#
# - 기본값: CUDA 가 있으면 `cuda`, 없고 Apple GPU 가 있으면 `mps`, 둘 다 없으면 `cpu`.
# - 환경 변수(environment variable) `COURSE_DEVICE=cpu|cuda|mps` 로 직접 정할 수 있습니다.
#   - 터미널: `COURSE_DEVICE=cpu make lab` (PowerShell: `$env:COURSE_DEVICE="cpu"` 다음 `jupyter lab`)
#   - 노트북: 준비 셀 **위에** `%env COURSE_DEVICE=cpu` 한 줄
# - `COURSE_DEVICE=cuda` 인데 GPU 를 쓸 수 없으면 조용히 CPU 로 바꾸지 않고 **한국어 오류** 를 냅니다. "GPU 로 돌린 줄 알았는데 CPU 였다" 를 막기 위해서입니다.
#
# 그 뒤의 코드는 장치 이름을 직접 적지 않고 `device` 변수만 씁니다. 그러면 같은 노트북이 CPU 에서도 GPU 에서도 그대로 돌아갑니다.
#
# **실행하기 전에 예상해 보세요:** 아래 셋째 셀은 `COURSE_DEVICE` 를 잠깐 `cpu` 로 바꿉니다. 이 컴퓨터에 GPU 가 있다면 두 줄의 출력은 어떻게 다를까요?

# %%
x = torch.arange(6.0, device=device).reshape(2, 3)
print("고른 장치:", device)
print("x 가 있는 곳:", x.device)
print(x * 10)

# %%
# The same choice as a dict: versions, GPUs, what COURSE_DEVICE asked for and what was chosen.
report = helpers.device.device_report()
for key, value in report.items():
    print(f"{key:<15} {value}")

# %%
# COURSE_DEVICE is read every time a device is chosen. Set it briefly, then put the old value back.
saved = os.environ.get("COURSE_DEVICE")
try:
    os.environ["COURSE_DEVICE"] = "cpu"
    print("COURSE_DEVICE=cpu  →", helpers.device.get_device())
finally:
    if saved is None:
        del os.environ["COURSE_DEVICE"]
    else:
        os.environ["COURSE_DEVICE"] = saved
print("원래 설정으로 복원 →", helpers.device.get_device())

# %% [markdown]
# 🧪 **해 보기**
#
# - 셋째 셀의 `"cpu"` 를 `"cuda"` 로 바꿔 실행해 보세요. GPU 가 없다면 조용히 CPU 로 바뀌나요, 한국어 오류가 나나요? 오류라면 메시지가 무엇을 하라고 하나요?
# - `torch.device("cuda:0")` 과 `torch.device("cuda")` 를 출력하고 `.type`, `.index` 를 비교해 보세요.
#
# 📚 **더 읽을거리**: [`torch.device`](https://docs.pytorch.org/docs/stable/tensor_attributes.html#torch-device) ·
# [CUDA 사용법 (장치 고르기, 비동기 실행)](https://docs.pytorch.org/docs/stable/notes/cuda.html) ·
# [`os.environ` (환경 변수)](https://docs.python.org/3/library/os.html#os.environ)

# %% [markdown]
# ## 6. 환경 점검: `python -m helpers doctor`
#
# 환경이 이상할 때 하나씩 확인하는 대신 점검 도구를 돌립니다. 파이썬 버전, `requirements.txt` 와 설치 버전, 데이터 파일의 체크섬(checksum),
# 한글 글꼴, 장치를 차례로 확인하고, 문제가 있으면 **무엇을 하면 되는지** 한국어로 알려 줍니다.
#
# - 터미널: `python -m helpers doctor` 또는 `make doctor`
# - 노트북: `!{sys.executable} -m helpers doctor` — `sys.executable` 을 쓰는 이유는 **노트북과 같은 파이썬** 으로 실행하기 위해서입니다 (그냥 `python` 은 다른 파이썬일 수 있음).
#
# 아래 셀은 같은 점검을 노트북 안에서 직접 부릅니다.
#
# **실행하기 전에 예상해 보세요:** 점검 중 하나라도 실패하면 종료 코드는 0 일까요? 셸 스크립트나 CI 는 이 숫자로 무엇을 판단할까요?

# %%
exit_code = helpers.doctor.main([])
print("종료 코드:", exit_code, "(0 이면 정상)")


# %% [markdown]
# 🧪 **해 보기**
#
# - 터미널에서 `python -m helpers doctor` 를 실행하고, 바로 다음에 `echo $?` (Windows PowerShell: `echo $LASTEXITCODE`) 로 종료 코드를 확인해 보세요.
# - 노트북 셀에서 `!{sys.executable} -m helpers doctor` 와 `!python -m helpers doctor` 를 차례로 실행해 첫 줄의 파이썬 경로를 비교해 보세요.
#
# 📚 **더 읽을거리**: [`sys.executable`](https://docs.python.org/3/library/sys.html#sys.executable) ·
# [IPython `%pip` 매직](https://ipython.readthedocs.io/en/stable/interactive/magics.html#magic-pip) ·
# [`hashlib` (sha256 체크섬)](https://docs.python.org/3/library/hashlib.html)

# %% [markdown]
# ## 7. CPU 와 GPU, 얼마나 다를까: 행렬 곱 시간 재기
#
# 딥러닝 계산의 대부분은 행렬 곱(matrix multiplication)입니다. 크기 n×n 행렬 곱 한 번은 곱셈과 덧셈을 합쳐 약 2n³ 번의 부동소수점 연산(FLOP)입니다.
# 시간을 잴 때 세 가지를 지킵니다.
#
# - **워밍업(warm-up)**: 첫 호출은 준비 작업 때문에 느리므로 한 번 먼저 실행하고 잽니다.
# - **동기화(synchronize)**: GPU 연산은 비동기라서 명령을 "맡기기만" 하고 바로 돌아옵니다. `torch.cuda.synchronize()` 로 끝날 때까지 기다린 뒤 시계를 봐야 합니다.
# - **여러 번 재서 가장 빠른 값**: 다른 프로그램이 끼어들면 계산은 느려질 뿐 빨라지지는 않으므로, 가장 빠른 값이 그 장치의 실력에 가장 가깝습니다.
#
# **실행하기 전에 예상해 보세요:** n 이 512 에서 1024 로 두 배가 되면 걸린 시간은 몇 배가 될까요? 2배, 4배, 8배 중에서 골라 보고 출력과 비교하세요.

# %%
def time_matmul(n: int, dev: torch.device, repeats: int = 5) -> float:
    """Fastest of `repeats` timed (n, n) @ (n, n) float32 products on `dev`, in seconds."""
    a = torch.randn(n, n, device=dev)
    b = torch.randn(n, n, device=dev)
    a @ b  # warm-up
    best = float("inf")
    for _ in range(repeats):
        if dev.type == "cuda":
            torch.cuda.synchronize()
        start = time.perf_counter()
        a @ b
        if dev.type == "cuda":
            torch.cuda.synchronize()  # wait until the GPU has really finished
        best = min(best, time.perf_counter() - start)
    return best


sizes = [64, 128, 256, 512, 1024]
devices = [torch.device("cpu")] + ([device] if device.type != "cpu" else [])
seconds = {str(d): [time_matmul(n, d) for n in sizes] for d in devices}
for name, times in seconds.items():
    print(name, " ".join(f"n={n}: {t * 1e3:.3f} ms" for n, t in zip(sizes, times)))

# %%
fig, axes = plt.subplots(1, 2, figsize=(10, 3.6))
for name, times in seconds.items():
    gflops = [2 * n**3 / t / 1e9 for n, t in zip(sizes, times)]
    axes[0].plot(sizes, [t * 1e3 for t in times], marker="o", label=name)
    axes[1].plot(sizes, gflops, marker="o", label=name)
axes[0].set(xlabel="행렬 크기 n", ylabel="한 번 걸린 시간 (ms)", title="n×n 행렬 곱 시간")
axes[1].set(xlabel="행렬 크기 n", ylabel="GFLOP/s", title="처리량 (클수록 빠름)")
for ax in axes:
    helpers.plot.log_axes(ax)  # both axes on a log scale
    ax.grid(alpha=0.3)
    ax.legend()
fig.tight_layout()
plt.show()

# %% [markdown]
# **눈여겨볼 점**
#
# - n 이 두 배가 되면 연산량은 8배가 되므로, 큰 n 에서는 시간이 거의 8배씩 늘어납니다 (왼쪽 그림의 기울기).
# - GPU 가 있으면 작은 행렬에서는 CPU 와 비슷하거나 오히려 느릴 수 있습니다. 명령을 GPU 에 맡기는 고정 비용 때문입니다. 행렬이 클수록 GPU 의 처리량(오른쪽)이 크게 앞섭니다.
# - GPU 가 없으면 CPU 선만 보입니다. 이 과정의 앞쪽 단원은 그것으로 충분하도록 만들었습니다.
# - 컴퓨터가 다른 일로 바쁘면 작은 n 이 큰 n 보다 느리게 나오는 등 선이 들쭉날쭉할 수 있습니다 (계산을 나눠 맡은 CPU 스레드들이 서로를 기다리기 때문).
#   그럴 때는 다른 프로그램을 끄고 이 셀들을 다시 실행해 보세요.

# %% [markdown]
# 🧪 **해 보기**
#
# - `time_matmul` 을 부르기 전에 `torch.set_num_threads(1)` 을 실행하고 다시 재 보세요. CPU 처리량(GFLOP/s)이 얼마나 줄어드나요? 다 봤으면 `torch.set_num_threads(os.cpu_count())` 로 되돌립니다.
# - `sizes` 에 `2048` 을 더해 보세요. 시간이 정말 약 8배가 되나요?
# - `time_matmul` 의 워밍업 줄(`a @ b  # warm-up`)을 지우고 `repeats=1` 로 재면 작은 n 의 시간이 어떻게 바뀌나요?
#
# 📚 **더 읽을거리**: [PyTorch 벤치마크 레시피](https://docs.pytorch.org/tutorials/recipes/recipes/benchmark.html) ·
# [`torch.utils.benchmark`](https://docs.pytorch.org/docs/stable/benchmark_utils.html) ·
# [`torch.cuda.synchronize`](https://docs.pytorch.org/docs/stable/generated/torch.cuda.synchronize.html) ·
# [d2l 13.4 하드웨어](https://d2l.ai/chapter_computational-performance/hardware.html)

# %% [markdown]
# ## 8. 언제 GPU 로 넘어가야 할까
#
# 지금부터 몇 단원은 CPU 만으로 충분히 실습하고 이해할 수 있습니다. 다음과 같은 때가 GPU 를 고려할 시점입니다.
#
# 1. **데이터가 커질 때**: 수만~수십만 장의 이미지나 문장을 여러 번 학습할 때.
# 2. **모델이 깊어질 때**: 합성곱 신경망(CNN)이나 트랜스포머처럼 매개변수가 수백만 개를 넘는 모델은 행렬 연산이 폭발적으로 늘어납니다.
# 3. **한 에포크(epoch)가 몇 분을 넘길 때**: 수십 에포크를 돌리면 몇 시간~며칠이 됩니다. GPU 는 이것을 몇 분으로 줄일 수 있습니다.
#
# 위에서 잰 처리량으로 감을 잡아 봅시다. ResNet-18 은 224×224 이미지 한 장의 순전파에 약 3.6 GFLOP 이 들고, 학습(순전파 + 역전파)은 그 약 3배입니다.
# 이미지 5만 장을 한 번 학습하는 시간을, 가장 좋았던 행렬 곱 처리량으로 계산해 보면 (실제로는 이보다 더 걸립니다):
#
# **실행하기 전에 예상해 보세요:** 이 컴퓨터의 CPU 로 5만 장을 한 번 학습하면 몇 분쯤 걸릴까요? 1분, 10분, 1시간 중 하나를 골라 보세요.

# %%
flop_per_image = 3 * 3.6e9   # ResNet-18 training step per 224x224 image (rough)
images = 50_000
for name, times in seconds.items():
    best = max(2 * n**3 / t for n, t in zip(sizes, times))  # FLOP/s
    minutes = images * flop_per_image / best / 60
    print(f"{name:>5}: 최고 {best / 1e9:8.1f} GFLOP/s → 한 에포크 최소 약 {minutes:8.1f} 분")

# %% [markdown]
# **눈여겨볼 점**: CPU 로는 한 에포크에 수십 분~몇 시간 걸리는 계산이, GPU 로는 몇 분 이하로 줄어듭니다. 그래서 이 과정은 CPU 로 끝낼 수 있도록 작은 데이터와 작은 모델을 쓰고,
# 큰 사전 학습 모델을 다루는 단원에서는 Colab GPU 런타임을 쓰는 길을 함께 안내합니다.

# %% [markdown]
# 🧪 **해 보기**
#
# - `flop_per_image` 를 ResNet-50 에 맞게 `3 * 4.1e9` 로 바꾸고, `images` 를 ImageNet 규모인 `1_281_167` 로 바꿔 보세요. 한 에포크가 CPU 로 며칠이 되나요?
# - 반대로 이 과정의 07 단원 MLP(784-256-128-10)는 이미지 한 장의 순전파가 약 0.47 MFLOP 입니다. `flop_per_image = 3 * 0.47e6`, `images = 60_000` 으로 계산해 보면 CPU 로 충분한 이유가 보입니다.
#
# 📚 **더 읽을거리**: [torchvision 모델 표 (모델마다 GFLOPS)](https://docs.pytorch.org/vision/stable/models.html) ·
# [d2l 13장 계산 성능](https://d2l.ai/chapter_computational-performance/index.html)

# %% [markdown]
# ## ⚠️ 자주 하는 실수
#
# ### 1. GPU 가 있다고 가정하고 `cuda` 를 직접 쓰기
#
# `torch.cuda.current_device()` 나 `torch.ones(1, device="cuda")` 는 CUDA GPU 가 없는 컴퓨터에서 오류를 냅니다. GPU 가 있어도 **없는 번호**
# (GPU 가 1개인데 `cuda:1`)를 쓰면 마찬가지입니다. 아래 셀은 이 컴퓨터에서 실제로 실패하는 쪽을 실행합니다.
#
# 어떤 오류가 나는지는 설치한 PyTorch 에 따라 다릅니다. CUDA 빌드(`+cu130` 등)인데 GPU·드라이버가 없으면 `RuntimeError: Found no NVIDIA driver …`,
# CPU 전용 빌드(macOS 의 PyTorch, `+cpu`)에서는 `AssertionError: Torch not compiled with CUDA enabled` 입니다.
#
# **실행하기 전에 예상해 보세요:** 위 3절에서 본 `torch.version.cuda` 로 보아, 이 컴퓨터에서는 둘 중 어느 오류가 날까요?

# %% tags=["raises-exception"]
if not torch.cuda.is_available():
    torch.cuda.current_device()  # no CUDA GPU here: this raises
else:
    torch.ones(1, device=f"cuda:{torch.cuda.device_count()}")  # GPUs are cuda:0 … cuda:{count-1}: this raises

# %% [markdown]
# **고치기**: 장치는 확인한 뒤에 고르고, 그 뒤로는 `device` 변수만 씁니다. 이 과정에서는 `helpers.setup()` 이 돌려준 `device` 를 쓰면 됩니다.

# %%
safe_device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
x = torch.ones(1, device=safe_device)
print("고른 장치:", safe_device, "| 텐서:", x)

# %% [markdown]
# ### 2. 장치 이름을 `"gpu"` 라고 쓰기
#
# PyTorch 에는 `gpu` 라는 장치 이름이 없습니다. NVIDIA GPU 는 `cuda`, Apple GPU 는 `mps` 입니다.

# %% tags=["raises-exception"]
torch.device("gpu")

# %%
print(torch.device("cuda"), torch.device("cuda:0"), torch.device("cpu"))

# %% [markdown]
# ### 3. 예전 코드의 `np.NaN` (NumPy 2 에서 사라진 이름)
#
# 예전 강의 자료에는 `numpy<2` 로 버전을 묶어 두라는 말이 자주 나옵니다. NumPy 2.0 에서 `np.NaN`, `np.NAN` 같은 **별칭이 삭제되어**
# 예전 코드가 깨졌기 때문입니다 (NumPy 1 에 맞춰 컴파일된 옛 라이브러리가 NumPy 2 에서 불러와지지 않는 문제도 있었습니다). 이 과정은 최신 NumPy 2.x 를 쓰고, 필요한 라이브러리도 모두 NumPy 2 를 지원하므로
# 그 고정은 더 이상 필요 없습니다. 대신 코드를 고칩니다. (과정 전체에서 이 실수는 여기서 한 번만 실행해 봅니다.)

# %% tags=["raises-exception"]
print("NumPy", np.__version__)
np.NaN

# %% [markdown]
# **고치기**: 소문자 `np.nan` 을 씁니다 (NumPy 1.x 에서도 동작합니다). 버전을 내리지 말고 이름을 고치세요.
# `np.Inf`, `np.float_` 같은 다른 옛 이름도 같은 때 지워졌습니다. 목록은 [NumPy 2.0 이전 안내서](https://numpy.org/doc/stable/numpy_2_0_migration_guide.html) 에 있고,
# `ruff check --select NPY201` 이 옛 이름을 자동으로 찾아 줍니다.

# %%
values = np.array([1.0, np.nan, 3.0])
print(values, "→ nan 을 뺀 평균:", np.nanmean(values))

# %% [markdown]
# ### 4. 엉뚱한 파이썬에 설치하기 (pip 와 conda 섞기)
#
# 터미널에서 `pip install 패키지` 를 했는데 노트북에서는 `ModuleNotFoundError` 가 나는 경우, 거의 언제나 **터미널의 `pip` 와 노트북의 커널(kernel)이 서로 다른 파이썬** 입니다.
# 환경을 활성화하지 않은 터미널, `python` 과 `python3` 가 다른 컴퓨터, PyCharm 이 다른 인터프리터를 가리키는 경우에 생깁니다.
# conda 환경에서 `conda install` 과 `pip install` 로 같은 패키지를 번갈아 설치하면, 두 도구가 서로의 설치를 모른 채 덮어써 환경이 꼬입니다.
#
# 확인 방법: 노트북의 파이썬과, 그 파이썬에 딸린 pip 를 봅니다.

# %%
print("노트북의 파이썬:", sys.executable)
print("torch 설치 위치:", os.path.dirname(torch.__file__))
pip = subprocess.run([sys.executable, "-m", "pip", "--version"], capture_output=True, text=True)
print("이 파이썬의 pip:", pip.stdout.strip() or pip.stderr.strip())

# %% [markdown]
# **고치기**
#
# - 노트북 안에서 설치해야 한다면 `%pip install 패키지` 를 씁니다. 지금 커널의 파이썬에 설치됩니다 (`!pip` 는 다른 파이썬일 수 있음).
# - 터미널에서는 환경을 먼저 켜고(`conda activate pytorch-dl-kr`, `source .venv/bin/activate`) `python -m pip install …` 처럼 **파이썬을 통해** pip 를 부릅니다.
# - conda 환경에서는 conda 로 설치할 것을 먼저 설치하고, pip 는 그다음에만 씁니다. 꼬였다면 고치려 애쓰지 말고 `environment.yml` (또는 `make lab`) 로 환경을 새로 만드는 편이 빠릅니다.
# - 마지막으로 `python -m helpers doctor` 로 확인합니다.

# %% [markdown]
# ### 5. GPU 메모리는 유한하다 (메모리 부족, OOM)
#
# GPU 메모리는 보통 수 GB~수십 GB 로, 컴퓨터의 RAM 보다 작은 경우가 많습니다. 배치가 너무 크면 학습이 다음 오류로 멈춥니다.
#
# ```
# torch.OutOfMemoryError: CUDA out of memory. Tried to allocate 1.50 GiB. GPU 0 has a total capacity of 14.75 GiB of which 1.02 GiB is free. ...
# ```
#
# 필요한 메모리는 **배치 크기에 비례** 합니다. 입력 텐서 하나가 차지하는 바이트는 `원소 개수 × 원소 하나의 바이트(element_size)` 이고,
# 원소 하나의 크기는 자료형(dtype)이 정합니다. 학습 중에는 여기에 가중치, 중간 결과(활성값), 기울기가 더해져 몇 배가 됩니다.
#
# GPU 가 없어도 같은 종류의 실패를 직접 볼 수 있습니다. 컴퓨터의 메모리보다 큰 텐서를 만들면 CPU 도 할당을 거절합니다.
# `torch.empty` 는 값을 채우지 않고 자리만 잡으므로, 거절될 때까지 시간도 메모리도 들지 않습니다.
#
# **실행하기 전에 예상해 보세요:** float32 원소 10¹³ 개는 몇 바이트일까요? 오류 메시지에 나오는 숫자와 맞춰 보세요.

# %% tags=["raises-exception"]
huge = torch.empty(10**13)  # 10**13 float32 elements = 40 TB: more than any computer's memory

# %% [markdown]
# 메시지의 `DefaultCPUAllocator: can't allocate memory: you tried to allocate 40000000000000 bytes` 가 CPU 판 메모리 부족입니다.
# GPU 에서는 `torch.OutOfMemoryError: CUDA out of memory` 가 같은 일을 알려 줍니다. 어느 쪽이든 **만들기 전에 크기를 계산**하면 피할 수 있습니다.
# 아래 셀은 배치 크기마다 입력이 차지하는 메모리를 계산합니다.

# %%
for dtype in (torch.float32, torch.float16):
    print(f"{str(dtype):<14} 원소 하나 = {torch.empty(0, dtype=dtype).element_size()} 바이트")

per_image = 3 * 224 * 224 * torch.empty(0, dtype=torch.float32).element_size()
for batch in (32, 64, 128, 256, 512):
    print(f"배치 {batch:>3}: 입력만 {batch * per_image / 2**20:7.1f} MiB")

# Fix: compute the size first and keep the batch within a memory budget (here 64 MiB for the input alone).
budget = 64 * 2**20
batch = 512
while batch * per_image > budget:
    batch //= 2  # halve the batch until it fits
batch_images = torch.empty(batch, 3, 224, 224)
print(f"예산 {budget / 2**20:.0f} MiB 에 맞는 배치: {batch} → {batch_images.numel() * batch_images.element_size() / 2**20:.1f} MiB 할당 성공")

# %% [markdown]
# **고치기**
#
# - **배치 크기를 줄입니다** (예: 절반씩). 가장 먼저, 가장 확실하게 듣는 방법입니다.
# - 평가와 예측은 `with torch.no_grad():` 안에서 합니다 (기울기용 중간 결과를 저장하지 않음).
# - 다 쓴 큰 텐서는 `del` 로 지우고, 필요하면 `torch.cuda.empty_cache()` 로 캐시를 비웁니다.
# - 뒤 단원에서 배우는 float16/bfloat16 혼합 정밀도는 원소 하나의 크기를 절반으로 줄입니다.
#
# 🧪 **해 보기**: `budget` 을 16 MiB 로 줄이면 배치는 몇이 될까요? 먼저 계산해 보고 실행해서 맞춰 보세요. `torch.float16` 으로 만들면 같은 예산에 배치가 몇 배 들어가나요?
#
# 📚 **더 읽을거리**: [CUDA 메모리 관리](https://docs.pytorch.org/docs/stable/notes/cuda.html#memory-management) ·
# [PyTorch FAQ: 메모리 부족](https://docs.pytorch.org/docs/stable/notes/faq.html) ·
# [`Tensor.element_size`](https://docs.pytorch.org/docs/stable/generated/torch.Tensor.element_size.html) ·
# [NumPy 2.0 이전 안내서](https://numpy.org/doc/stable/numpy_2_0_migration_guide.html)

# %% [markdown]
# ## 📝 요약
#
# 1. **가상 환경은 왜, venv 와 conda 는?** 프로젝트마다 패키지 버전이 달라 충돌하므로 분리된 파이썬을 만듭니다. venv 는 파이썬에 기본으로 든 가벼운 도구(`make lab` 의 `.venv`),
#    conda 는 파이썬 버전까지 고르는 도구(`environment.yml` → `pytorch-dl-kr`), pip 는 지금 파이썬에 패키지를 설치하는 도구입니다. 설치가 필요 없으면 Colab 을 씁니다.
# 2. **어느 파이썬인가?** `sys.executable` 로 확인합니다. 패키지는 명령을 실행한 파이썬에 설치되므로, 노트북에서는 `%pip`, 터미널에서는 환경을 켠 뒤 `python -m pip` 를 씁니다.
#    PyCharm 에서는 Settings → Python Interpreter 에서 같은 환경을 고릅니다.
# 3. **GPU 확인은?** `torch.cuda.is_available()`, `torch.cuda.device_count()`, 그리고 GPU 가 있을 때만 `torch.cuda.current_device()`. 없는 GPU(`cuda`, `cuda:1`)를 쓰면 오류가 납니다 (CUDA 빌드는 `RuntimeError`, CPU 전용 빌드는 `AssertionError`). 없는 이름(`"gpu"`)은 `RuntimeError` 입니다.
# 4. **장치를 직접 적지 않으려면?** `device = helpers.setup()` 이 CUDA → MPS → CPU 순으로 골라 주고, `COURSE_DEVICE=cpu|cuda|mps` 로 바꿀 수 있습니다. 이후 코드는 `device` 변수만 씁니다.
#    환경이 이상하면 `python -m helpers doctor` 를 먼저 돌립니다.
# 5. **언제 GPU 로?** 데이터가 크고, 모델이 깊고, 한 에포크가 몇 분을 넘길 때입니다. 작은 행렬에서는 GPU 가 이득이 없고, 큰 행렬에서 처리량 차이가 큽니다.
#    GPU 는 텐서 계산을, CPU 는 파이썬 코드·출력·데이터 준비를 맡습니다. 메모리는 유한하므로(CPU 에서도 `torch.empty(10**13)` 은 실패) 크기를 먼저 계산하고, 메모리 부족이 나면 배치부터 줄입니다.
