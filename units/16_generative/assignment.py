# ---
# jupyter:
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
# ---

# %%
import copy
import math

import matplotlib.pyplot as plt
import torch
import torch.nn.functional as F
from torch import nn

import helpers

device = helpers.setup(seed=0)

# %% [markdown]
# ## 🎯 학습 목표
#
# - 재매개변수화 기법을 함수로 쓰고, 뽑은 잠재 벡터에서 $\mu$ 와 $\log\sigma^2$ 까지 기울기가 흐르는지 확인한다.
# - 강의에 없던 두 대각 정규 분포 사이의 KL 다이버전스를 식으로 쓴다.
# - 가우시안 디코더와 β 가 있는 VAE 손실을 바른 단위(픽셀 합, 배치 평균)로 쓰고, Fashion-MNIST 로 VAE 를 학습한다.
# - 최소 제곱 GAN(LSGAN)의 판별자 단계와 생성자 단계를, 서로를 건드리지 않게 쓴다.
# - β 를 바꿔 가며 복원 오차와 KL(정보량)이 어떻게 맞바뀌는지 재고, 그 결과를 보고한다.

# %% [markdown]
# ## 🤔 단서 질문
#
# 1. $\varepsilon$ 을 밖에서 넘겨받으면 무엇을 시험할 수 있을까?
# 2. KL 다이버전스는 두 분포의 순서를 바꾸어도 같을까?
# 3. 가우시안 디코더의 $\sigma$ 와 β 는 손실에서 어떤 같은 일을 할까?
# 4. 판별자 단계가 생성자를 건드리지 않았다는 것을 무엇으로 확인할까?
# 5. β 를 4배씩 키우면 KL 과 복원 오차는 각각 어떻게 변할까?

# %% [markdown]
# ## 과제 안내
#
# | 문제 | 구현할 것 | 배점 |
# |---|---|---|
# | 1 | `reparameterize(mu, logvar, eps)` 재매개변수화 기법 | 2 |
# | 2 | `kl_diag_gaussians(mu_q, logvar_q, mu_p, logvar_p)` 두 대각 정규 분포의 KL | 2 |
# | 3 | `gaussian_vae_loss(x_hat, x, mu, logvar, sigma, beta)` 가우시안 디코더 + β 의 VAE 손실 | 3 |
# | 4 | `VAE`, `train_vae` Fashion-MNIST VAE 학습 (채점용 이미지로 평가) | 3 |
# | 5 | `lsgan_d_step` LSGAN 판별자 단계 | 2 |
# | 6 | `lsgan_g_step` LSGAN 생성자 단계 | 2 |
# | 7 | 실험: β 에 따른 복원 오차와 KL, `BETA_STAR` | 2 |
#
# - 문제마다 답 셀의 `raise NotImplementedError()` 를 지우고 코드를 완성한 뒤, 바로 아래 테스트 셀을 실행하세요. 테스트 셀은 고치지 마세요.
# - 보이는 테스트는 형식(모양, 자료형)을 확인합니다. 채점 때는 새 입력과 경계 사례를 확인하는 숨은 테스트가 더 실행되고,
#   학습한 모델은 여러분이 가지고 있지 않은 채점용 Fashion-MNIST 이미지로 평가합니다.
# - 함수는 넘겨받은 텐서를 바꾸면 안 됩니다 (제자리 연산 금지). 결과는 입력과 같은 장치에 둡니다.

# %% [markdown]
# 이 과제의 데이터는 Fashion-MNIST (옷 이미지, 10 클래스) 입니다. 픽셀을 255 로 나눠 0–1 로 정규화하고, 모양은 `(N, 1, 28, 28)` 입니다.

# %%
fashion = helpers.data.load_fashion_mnist()
x_train = torch.from_numpy(fashion.x_train).float().div(255).unsqueeze(1)
x_test = torch.from_numpy(fashion.x_test).float().div(255).unsqueeze(1)
print("학습:", tuple(x_train.shape), "| 테스트:", tuple(x_test.shape))
fig = helpers.plot.show_images(x_test[:8], ncols=8)
plt.show()


# %% [markdown]
# ## 1. 재매개변수화 기법 (2점)
#
# `reparameterize(mu, logvar, eps=None)` 를 완성하세요. $z = \mu + \sigma\cdot\varepsilon$, $\sigma = \exp(\tfrac12 \log\sigma^2)$ 입니다.
#
# - `mu`, `logvar` 는 같은 모양의 float 텐서입니다 (예: `(B, k)`). `logvar` 는 분산의 **로그**입니다 (표준편차가 아닙니다).
# - `eps` 를 주면 그 잡음을 그대로 씁니다. 이때 결과는 무작위가 아니어야 합니다 (같은 `eps` → 같은 `z`). `eps` 는 `mu` 와 같은 모양이거나,
#   앞에 샘플 차원이 하나 더 붙은 `(S, *mu.shape)` 일 수 있습니다 (한 번에 $S$ 개 뽑기: 결과도 `(S, *mu.shape)`).
# - `eps` 가 `None` 이면 `mu` 와 같은 모양의 표준 정규 잡음을 새로 뽑습니다 (`torch.randn_like`).
# - 결과 `z` 에서 `mu` 와 `logvar` 까지 기울기가 흘러야 합니다. 채점은 `torch.autograd.functional.jacobian` 으로 그 기울기를 잽니다.

# %% nbgrader={"grade": false, "grade_id": "ex_reparameterize", "locked": false, "schema_version": 3, "solution": true}
def reparameterize(mu: torch.Tensor, logvar: torch.Tensor, eps: torch.Tensor | None = None) -> torch.Tensor:
    """z = mu + exp(logvar / 2) * eps; eps ~ N(0, I) drawn like mu when None."""
    ### BEGIN SOLUTION
    if eps is None:
        eps = torch.randn_like(mu)
    std = (0.5 * logvar).exp()
    return mu + eps * std
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "test_reparameterize", "locked": true, "points": 2, "schema_version": 3, "solution": false}
_z = reparameterize(torch.zeros(2, 3), torch.zeros(2, 3), torch.ones(2, 3))
assert type(_z) is torch.Tensor and tuple(_z.shape) == (2, 3), "mu 와 같은 모양의 텐서를 돌려주어야 합니다"
assert torch.allclose(_z, torch.ones(2, 3)), "mu = 0, logvar = 0, eps = 1 이면 z = 1 입니다"
### BEGIN HIDDEN TESTS
from grading.testkit import call_where

_g = torch.Generator().manual_seed(11)
_mu = torch.randn(4, 5, generator=_g).to(device)
_lv = (torch.randn(4, 5, generator=_g) * 1.5).to(device)
_eps = torch.randn(4, 5, generator=_g).to(device)
_before = [t.clone() for t in (_mu, _lv, _eps)]
_z = reparameterize(_mu, _lv, _eps)
_want = _mu.double() + torch.exp(0.5 * _lv.double()) * _eps.double()
assert type(_z) is torch.Tensor and tuple(_z.shape) == (4, 5), "결과의 모양이 다릅니다"
assert torch.allclose(_z.double(), _want, atol=1e-5), "eps 를 줄 때 z 의 값이 다릅니다 (logvar 는 분산의 로그입니다)"
assert torch.equal(reparameterize(_mu, _lv, _eps), _z), "같은 eps 면 같은 z 가 나와야 합니다"
assert all(torch.equal(a, b) for a, b in zip((_mu, _lv, _eps), _before)), "입력 텐서를 바꾸면 안 됩니다"
assert _z.device == _mu.device, "결과는 입력과 같은 장치에 있어야 합니다"
_eps3 = torch.randn(3, 4, 5, generator=_g).to(device)
_z3 = reparameterize(_mu, _lv, _eps3)
assert type(_z3) is torch.Tensor and tuple(_z3.shape) == (3, 4, 5), "eps 에 샘플 차원이 붙으면 결과도 (S, *mu.shape) 여야 합니다"
assert torch.allclose(_z3.double(), _mu.double() + torch.exp(0.5 * _lv.double()) * _eps3.double(), atol=1e-5), "eps 가 (S, *mu.shape) 일 때 값이 다릅니다"
_m1, _l1, _e1 = (torch.randn(2, 3, generator=_g, dtype=torch.float64) for _ in range(3))
_jac = call_where(reparameterize, torch.autograd.functional.jacobian, reparameterize, (_m1, _l1, _e1))
assert type(_jac) is tuple and len(_jac) == 3, "z 가 mu, logvar, eps 의 미분 가능한 함수여야 합니다"
_std = torch.exp(0.5 * _l1)
_eye = torch.eye(6, dtype=torch.float64).view(2, 3, 2, 3)
assert torch.allclose(_jac[0].double(), _eye, atol=1e-6), "z 에서 mu 로 기울기가 흐르지 않습니다 (dz/dmu = 1)"
assert torch.allclose(_jac[1].double(), _eye * (0.5 * _std * _e1)[:, :, None, None], atol=1e-6), "z 에서 logvar 로 가는 기울기가 다릅니다 (dz/dlogvar = eps·σ/2)"
assert torch.allclose(_jac[2].double(), _eye * _std[:, :, None, None], atol=1e-6), "z 에서 eps 로 가는 기울기가 다릅니다 (dz/deps = σ)"
torch.manual_seed(3)
_mu0 = torch.full((20000,), 1.5, device=device)
_lv0 = torch.full((20000,), math.log(4.0), device=device)
_s1, _s2 = reparameterize(_mu0, _lv0), reparameterize(_mu0, _lv0)
assert type(_s1) is torch.Tensor and tuple(_s1.shape) == (20000,), "eps 가 None 일 때 결과의 모양이 다릅니다"
assert not torch.equal(_s1, _s2), "eps 가 None 이면 부를 때마다 새 잡음을 뽑아야 합니다"
assert abs(_s1.mean().item() - 1.5) < 0.08 and abs(_s1.std().item() - 2.0) < 0.08, "eps 가 None 일 때 z 의 평균이나 표준편차가 N(mu, exp(logvar)) 와 다릅니다 (표준 정규 잡음인가요?)"
assert abs(((_s1 - 1.5) / 2).pow(4).mean().item() - 3.0) < 0.3, "eps 가 None 일 때 잡음의 모양이 정규 분포가 아닙니다 (torch.randn_like)"
### END HIDDEN TESTS

# %% [markdown]
# ## 2. 두 대각 정규 분포 사이의 KL (2점)
#
# 강의에서는 $q$ 와 **표준** 정규 분포 사이의 KL 만 썼습니다. 조건부 VAE 나 학습하는 사전 분포처럼 $p$ 도 임의의 대각 정규 분포
# $\mathcal N(\mu_p, \sigma_p^2)$ 인 경우가 있습니다. 차원마다
#
# $$\mathrm{KL}\big(\mathcal N(\mu_q, \sigma_q^2)\,\|\,\mathcal N(\mu_p, \sigma_p^2)\big) = \tfrac12\left(\log\frac{\sigma_p^2}{\sigma_q^2} + \frac{\sigma_q^2 + (\mu_q - \mu_p)^2}{\sigma_p^2} - 1\right)$$
#
# 이고, 여러 차원의 KL 은 차원별 값의 합입니다. `kl_diag_gaussians(mu_q, logvar_q, mu_p, logvar_p)` 를 완성하세요.
#
# - 네 인자는 float 텐서이고 서로 **브로드캐스트**됩니다 (예: `q` 는 `(B, k)`, 학습하는 사전 분포 `p` 는 `(k,)`).
# - **마지막 차원**(잠재 차원)으로 합한 KL 을 돌려줍니다: 브로드캐스트한 모양에서 마지막 차원을 뺀 모양 (예: `(B,)`).
# - 순서에 주의하세요: $\mathrm{KL}(q\,\|\,p)$ 이고 $\mathrm{KL}(p\,\|\,q)$ 와는 보통 다릅니다. 식을 직접 쓰고 `torch.distributions.kl_divergence` 로 검산해 보세요.

# %% nbgrader={"grade": false, "grade_id": "ex_kl_diag", "locked": false, "schema_version": 3, "solution": true}
def kl_diag_gaussians(mu_q: torch.Tensor, logvar_q: torch.Tensor, mu_p: torch.Tensor, logvar_p: torch.Tensor) -> torch.Tensor:
    """KL(N(mu_q, e^logvar_q) || N(mu_p, e^logvar_p)) for diagonal Gaussians, summed over the last dim."""
    ### BEGIN SOLUTION
    per_dim = logvar_p - logvar_q + (logvar_q.exp() + (mu_q - mu_p) ** 2) / logvar_p.exp() - 1
    return 0.5 * per_dim.sum(dim=-1)
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "test_kl_diag", "locked": true, "points": 2, "schema_version": 3, "solution": false}
_kl = kl_diag_gaussians(torch.zeros(2, 3), torch.zeros(2, 3), torch.zeros(2, 3), torch.zeros(2, 3))
assert type(_kl) is torch.Tensor and tuple(_kl.shape) == (2,), "마지막 차원으로 합한 (B,) 텐서를 돌려주어야 합니다"
assert torch.allclose(_kl, torch.zeros(2)), "같은 분포 사이의 KL 은 0 입니다"
### BEGIN HIDDEN TESTS
def _kl_ref(mq, lq, mp, lp):
    mq, lq, mp, lp = (t.double().cpu() for t in (mq, lq, mp, lp))
    return (0.5 * (lp - lq + (lq.exp() + (mq - mp) ** 2) / lp.exp() - 1)).sum(-1)


_g = torch.Generator().manual_seed(21)
_mq, _lq, _mp, _lp = (torch.randn(6, 4, generator=_g).to(device) for _ in range(4))
_before = [t.clone() for t in (_mq, _lq, _mp, _lp)]
_kl = kl_diag_gaussians(_mq, _lq, _mp, _lp)
assert type(_kl) is torch.Tensor and tuple(_kl.shape) == (6,), "결과의 모양이 다릅니다 (마지막 차원으로 합하세요)"
assert torch.allclose(_kl.double().cpu(), _kl_ref(_mq, _lq, _mp, _lp), atol=1e-4), "KL 값이 다릅니다"
_lib = torch.distributions.kl_divergence(torch.distributions.Normal(_mq.cpu().double(), (0.5 * _lq.cpu().double()).exp()),
                                         torch.distributions.Normal(_mp.cpu().double(), (0.5 * _lp.cpu().double()).exp())).sum(-1)
assert torch.allclose(_kl.double().cpu(), _lib, atol=1e-4), "KL 값이 torch.distributions 와 다릅니다"
assert all(torch.equal(a, b) for a, b in zip((_mq, _lq, _mp, _lp), _before)), "입력 텐서를 바꾸면 안 됩니다"
assert _kl.device == _mq.device, "결과는 입력과 같은 장치에 있어야 합니다"
_back = kl_diag_gaussians(_mp, _lp, _mq, _lq)
assert torch.allclose(_back.double().cpu(), _kl_ref(_mp, _lp, _mq, _lq), atol=1e-4), "q 와 p 의 순서를 바꾼 KL 값이 다릅니다 (KL 은 비대칭입니다)"
assert bool((_kl >= -1e-5).all()), "KL 은 0 이상이어야 합니다"
_zero = kl_diag_gaussians(_mq, _lq, _mq.clone(), _lq.clone())
assert torch.allclose(_zero.double().cpu(), torch.zeros(6, dtype=torch.float64), atol=1e-5), "같은 분포 사이의 KL 은 0 이어야 합니다"
_mq3, _lq3 = torch.randn(2, 5, 3, generator=_g).to(device), torch.randn(2, 5, 3, generator=_g).to(device)
_mp1, _lp1 = torch.randn(3, generator=_g).to(device), torch.randn(3, generator=_g).to(device)
_kl3 = kl_diag_gaussians(_mq3, _lq3, _mp1, _lp1)
assert type(_kl3) is torch.Tensor and tuple(_kl3.shape) == (2, 5), "p 가 (k,) 로 브로드캐스트될 때 모양이 다릅니다"
assert torch.allclose(_kl3.double().cpu(), _kl_ref(_mq3, _lq3, _mp1.expand(2, 5, 3), _lp1.expand(2, 5, 3)), atol=1e-4), "브로드캐스트할 때 KL 값이 다릅니다"
_std_normal = kl_diag_gaussians(_mq, _lq, torch.zeros_like(_mq), torch.zeros_like(_lq))
assert torch.allclose(_std_normal.double().cpu(), (0.5 * (_mq.double() ** 2 + _lq.double().exp() - 1 - _lq.double())).sum(-1).cpu(), atol=1e-4), "p 가 표준 정규 분포일 때 강의의 식과 다릅니다"
_far = kl_diag_gaussians(torch.tensor([[3.0]]), torch.tensor([[-4.0]]), torch.tensor([[0.0]]), torch.tensor([[2.0]]))
assert abs(_far.item() - _kl_ref(torch.tensor([[3.0]]), torch.tensor([[-4.0]]), torch.tensor([[0.0]]), torch.tensor([[2.0]])).item()) < 1e-4, "분산이 아주 다른 두 분포에서 KL 값이 다릅니다"
### END HIDDEN TESTS

# %% [markdown]
# ## 3. 가우시안 디코더와 β 가 있는 VAE 손실 (3점)
#
# 강의의 VAE 는 픽셀을 베르누이 분포로 보고 이진 교차 엔트로피를 썼습니다. 이번에는 디코더가 픽셀의 평균 $\hat x$ 를 내고, 픽셀을
# **분산이 고정된 정규 분포** $\mathcal N(\hat x, \sigma^2)$ 로 봅니다. 이미지 한 장의 복원 항은 음의 로그 가능도, 픽셀마다
#
# $$-\log \mathcal N(x \mid \hat x, \sigma^2) = \frac{(x - \hat x)^2}{2\sigma^2} + \log\sigma + \tfrac12\log(2\pi)$$
#
# 를 **모든 픽셀에 대해 합한** 값입니다 (상수 항도 넣습니다: 그래야 nats 단위의 진짜 음의 로그 가능도입니다).
# **β-VAE** 는 KL 항에 β 를 곱합니다: 손실 = 복원 + β · KL.
#
# `gaussian_vae_loss(x_hat, x, mu, logvar, sigma=0.1, beta=1.0)` 는 세 0차원 텐서의 튜플 `(loss, recon, kl)` 를 돌려줍니다.
#
# - `x_hat`, `x`: 같은 모양 `(B, ...)` (예: `(B, 1, 28, 28)` 또는 `(B, 784)`): 첫 차원이 배치이고, 나머지 **모든** 차원이 픽셀입니다.
# - `recon`: 이미지마다 위 식을 모든 픽셀에 대해 **합하고**, 배치에 대해 **평균**한 값.
# - `kl`: 이미지마다 $\mathrm{KL}(\mathcal N(\mu, \sigma_z^2)\,\|\,\mathcal N(0, I))$ 를 잠재 차원으로 합하고, 배치에 대해 평균한 값 (`mu`, `logvar` 는 `(B, k)`; 문제 2 의 함수를 써도 됩니다).
# - `loss = recon + beta * kl`. 세 값 모두 입력까지 기울기가 흘러야 합니다 (`loss.backward()` 로 학습합니다).

# %% nbgrader={"grade": false, "grade_id": "ex_gaussian_loss", "locked": false, "schema_version": 3, "solution": true}
def gaussian_vae_loss(x_hat: torch.Tensor, x: torch.Tensor, mu: torch.Tensor, logvar: torch.Tensor,
                      sigma: float = 0.1, beta: float = 1.0) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
    """(recon + beta * kl, recon, kl): Gaussian NLL summed over pixels, KL to N(0, I) summed over latents; batch means."""
    ### BEGIN SOLUTION
    nll = (x - x_hat) ** 2 / (2 * sigma ** 2) + math.log(sigma) + 0.5 * math.log(2 * math.pi)
    recon = nll.flatten(start_dim=1).sum(dim=1).mean()
    kl = kl_diag_gaussians(mu, logvar, torch.zeros_like(mu), torch.zeros_like(logvar)).mean()
    return recon + beta * kl, recon, kl
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "test_gaussian_loss", "locked": true, "points": 3, "schema_version": 3, "solution": false}
_out = gaussian_vae_loss(torch.zeros(2, 1, 28, 28), torch.zeros(2, 1, 28, 28), torch.zeros(2, 4), torch.zeros(2, 4))
assert type(_out) is tuple and len(_out) == 3, "(loss, recon, kl) 튜플을 돌려주어야 합니다"
assert all(type(t) is torch.Tensor and t.ndim == 0 for t in _out), "세 값 모두 0차원 텐서여야 합니다"
assert abs(_out[2].item()) < 1e-6, "mu = 0, logvar = 0 이면 KL 은 0 입니다"
### BEGIN HIDDEN TESTS
def _gauss_ref(xh, x, mu, lv, sigma, beta):
    xh, x, mu, lv = (t.double().cpu() for t in (xh, x, mu, lv))
    nll = ((x - xh) ** 2 / (2 * sigma ** 2) + math.log(sigma) + 0.5 * math.log(2 * math.pi)).flatten(1).sum(1).mean()
    kl = (0.5 * (mu ** 2 + lv.exp() - 1 - lv)).sum(1).mean()
    return nll + beta * kl, nll, kl


_g = torch.Generator().manual_seed(31)
for _shape, _sigma, _beta in (((5, 1, 28, 28), 0.1, 1.0), ((3, 784), 0.5, 4.0), ((4, 2, 3, 3), 1.0, 0.25)):
    _x = torch.rand(*_shape, generator=_g).to(device)
    _xh = torch.rand(*_shape, generator=_g).to(device)
    _mu = torch.randn(_shape[0], 6, generator=_g).to(device)
    _lv = torch.randn(_shape[0], 6, generator=_g).to(device)
    _before = [t.clone() for t in (_xh, _x, _mu, _lv)]
    _out = gaussian_vae_loss(_xh, _x, _mu, _lv, sigma=_sigma, beta=_beta)
    assert type(_out) is tuple and len(_out) == 3 and all(type(t) is torch.Tensor and t.ndim == 0 for t in _out), "(loss, recon, kl) 세 0차원 텐서의 튜플이어야 합니다"
    _want = _gauss_ref(_xh, _x, _mu, _lv, _sigma, _beta)
    assert abs(_out[1].item() - _want[1].item()) < 1e-3 * max(1.0, abs(_want[1].item())), "recon 값이 다릅니다 (픽셀은 모두 합하고 배치는 평균, 상수 항 포함)"
    assert abs(_out[2].item() - _want[2].item()) < 1e-4 * max(1.0, abs(_want[2].item())), "kl 값이 다릅니다 (잠재 차원으로 합하고 배치는 평균)"
    assert abs(_out[0].item() - _want[0].item()) < 1e-3 * max(1.0, abs(_want[0].item())), "loss 값이 다릅니다 (recon + beta * kl)"
    assert all(torch.equal(a, b) for a, b in zip((_xh, _x, _mu, _lv), _before)), "입력 텐서를 바꾸면 안 됩니다"
    assert _out[0].device == _x.device, "결과는 입력과 같은 장치에 있어야 합니다"
_x = torch.rand(8, 1, 28, 28, generator=_g)
_out1 = gaussian_vae_loss(_x[:4], _x[:4].flip(0), torch.zeros(4, 3), torch.zeros(4, 3))
_out2 = gaussian_vae_loss(torch.cat([_x[:4]] * 2), torch.cat([_x[:4].flip(0)] * 2), torch.zeros(8, 3), torch.zeros(8, 3))
assert abs(_out1[1].item() - _out2[1].item()) < 1e-3 * abs(_out1[1].item()), "같은 이미지를 두 번 넣은 배치의 recon 이 달라졌습니다 (배치는 평균해야 합니다)"
from grading.testkit import call_where

_a, _b = _x[:2].double(), _x[2:4].double()
_m2, _l2 = torch.randn(2, 3, generator=_g, dtype=torch.float64), torch.randn(2, 3, generator=_g, dtype=torch.float64)
_jac = call_where(gaussian_vae_loss, torch.autograd.functional.jacobian, gaussian_vae_loss, (_a, _b, _m2, _l2))
assert type(_jac) is tuple and len(_jac) == 3 and type(_jac[0]) is tuple and len(_jac[0]) == 4, "loss 가 네 입력의 미분 가능한 함수여야 합니다"
assert torch.allclose(_jac[0][0].double(), (_a - _b) / (0.1 ** 2 * 2), atol=1e-6), "loss 에서 x_hat 으로 가는 기울기가 다릅니다"
assert torch.allclose(_jac[0][2].double(), _m2 / 2, atol=1e-6), "loss 에서 mu 로 가는 기울기가 다릅니다"
assert torch.allclose(_jac[0][3].double(), 0.5 * (_l2.exp() - 1) / 2, atol=1e-6), "loss 에서 logvar 로 가는 기울기가 다릅니다"
### END HIDDEN TESTS

# %% [markdown]
# ## 4. Fashion-MNIST 로 VAE 학습하기 (3점)
#
# 문제 1–3 의 함수로 VAE 를 만들고 학습합니다. 구조(층의 수와 너비)는 자유이고, 합성곱을 써도 됩니다. 다음 약속만 지키세요.
#
# - `VAE(latent_dim=16)`: `nn.Module`. 속성 `latent_dim` 에 잠재 차원 수를 둡니다.
#   - `encode(x)`: `x` `(B, 1, 28, 28)` (0–1) → 튜플 `(mu, logvar)`, 각각 `(B, latent_dim)`.
#   - `decode(z)`: `z` `(B, latent_dim)` → 픽셀 평균 $\hat x$ `(B, 1, 28, 28)`, 값은 0–1 (예: 마지막에 `nn.Sigmoid()`).
#   - `forward(x)`: `encode` → `reparameterize` (문제 1) → `decode`, 튜플 `(x_hat, mu, logvar)`. 학습 모드에서는 부를 때마다 새로 뽑으므로 같은 `x` 라도 `x_hat` 이 달라야 합니다 (채점이 확인합니다).
# - `train_vae(model, x, epochs, beta=1.0, sigma=0.1, batch_size=128, lr=1e-3, seed=0)`: `x` `(N, 1, 28, 28)` 로 `model` 을 학습하고,
#   에포크마다 그 에포크의 평균 손실(float) 을 담은 **길이 `epochs` 의 리스트**를 돌려줍니다.
#   - 옵티마이저는 `torch.optim.Adam(model.parameters(), lr=lr)`, 손실은 문제 3 의 `gaussian_vae_loss(..., sigma=sigma, beta=beta)` 의 `loss`.
#   - 에포크마다 `torch.Generator().manual_seed(seed)` 로 만든 생성기로 `torch.randperm` 해서 섞고 `batch_size` 씩 나눕니다 (생성기는 처음에 한 번 만듭니다).
#   - 배치는 `model` 의 장치로 옮깁니다. 에포크 수는 `epochs` 를 그대로 지킵니다 (예산은 에포크로 정합니다). 넘겨받은 `x` 는 바꾸지 않습니다.
#   - 채점은 작은 부분 집합에서 `beta`, `sigma`, `lr`, `seed` 를 바꿔 `train_vae` 를 다시 부릅니다: 인자를 모두 그대로 써야 하고,
#     전역 시드와 `seed` 가 같으면 같은 손실 기록이, `seed` 가 다르면 다른 섞는 순서가 나와야 합니다.
#
# 채점은 아래 테스트 셀처럼 `torch.manual_seed(0)` 뒤에 `VAE(16)` 을 **3 에포크** 학습하고, 채점용 Fashion-MNIST 이미지 1000장으로 잽니다:
# `z = μ` 로 복원한 이미지의 픽셀당 평균 제곱 오차 ≤ **0.032**, 이미지당 KL (nats) 은 **5 이상 150 이하** (0 에 가까우면 사후 붕괴,
# 너무 크면 KL 항이 일을 하지 않은 것). 기준 풀이는 시드 0, 1, 2 에서 0.022–0.023 과 약 57 nats 입니다. 이 CPU 에서 학습은 몇 초 걸립니다.

# %% nbgrader={"grade": false, "grade_id": "ex_vae", "locked": false, "schema_version": 3, "solution": true}
class VAE(nn.Module):
    def __init__(self, latent_dim: int = 16):
        super().__init__()
        ### BEGIN SOLUTION
        self.latent_dim = latent_dim
        self.enc = nn.Sequential(nn.Flatten(), nn.Linear(784, 256), nn.ReLU(), nn.Linear(256, 2 * latent_dim))
        self.dec = nn.Sequential(nn.Linear(latent_dim, 256), nn.ReLU(), nn.Linear(256, 784), nn.Sigmoid(),
                                 nn.Unflatten(1, (1, 28, 28)))
        ### END SOLUTION

    def encode(self, x: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        ### BEGIN SOLUTION
        mu, logvar = self.enc(x).chunk(2, dim=1)
        return mu, logvar
        ### END SOLUTION

    def decode(self, z: torch.Tensor) -> torch.Tensor:
        ### BEGIN SOLUTION
        return self.dec(z)
        ### END SOLUTION

    def forward(self, x: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
        ### BEGIN SOLUTION
        mu, logvar = self.encode(x)
        return self.decode(reparameterize(mu, logvar)), mu, logvar
        ### END SOLUTION


def train_vae(model: nn.Module, x: torch.Tensor, epochs: int, beta: float = 1.0, sigma: float = 0.1,
              batch_size: int = 128, lr: float = 1e-3, seed: int = 0) -> list[float]:
    """Adam on gaussian_vae_loss over shuffled mini-batches; returns the mean loss of every epoch."""
    ### BEGIN SOLUTION
    dev = next(model.parameters()).device
    opt = torch.optim.Adam(model.parameters(), lr=lr)
    gen = torch.Generator().manual_seed(seed)
    model.train()
    history = []
    for _ in range(epochs):
        total = 0.0
        for idx in torch.randperm(len(x), generator=gen).split(batch_size):
            xb = x[idx].to(dev)
            x_hat, mu, logvar = model(xb)
            loss = gaussian_vae_loss(x_hat, xb, mu, logvar, sigma=sigma, beta=beta)[0]
            opt.zero_grad()
            loss.backward()
            opt.step()
            total += loss.item() * len(idx)
        history.append(total / len(x))
    return history
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "test_vae", "locked": true, "points": 3, "schema_version": 3, "solution": false}
_x_before = x_train[:50].clone()
torch.manual_seed(0)
vae = VAE(16).to(device)
history = train_vae(vae, x_train, epochs=3)
assert type(history) is list and len(history) == 3 and all(type(h) is float for h in history), "에포크마다 평균 손실(float) 하나씩, 길이 epochs 의 리스트를 돌려주어야 합니다"
assert history[-1] < history[0], "학습하면서 평균 손실이 줄어야 합니다"
vae.eval()
with torch.no_grad():
    _mu, _lv = vae.encode(x_test[:500].to(device))
    _rec = vae.decode(_mu)
assert type(_mu) is torch.Tensor and tuple(_mu.shape) == (500, 16) and tuple(_lv.shape) == (500, 16), "encode 는 (B, latent_dim) 두 텐서를 돌려주어야 합니다"
assert type(_rec) is torch.Tensor and tuple(_rec.shape) == (500, 1, 28, 28), "decode 는 (B, 1, 28, 28) 을 돌려주어야 합니다"
print(f"에포크별 손실: {[round(h, 1) for h in history]} | 내 테스트 이미지 복원 MSE: {F.mse_loss(_rec.cpu(), x_test[:500]).item():.4f}")
fig = helpers.plot.show_images(torch.cat([x_test[:8], _rec[:8].cpu()]), ncols=8)
plt.show()
### BEGIN HIDDEN TESTS
from grading.holdout import load_holdout

assert torch.equal(x_train[:50], _x_before), "넘겨받은 x 를 바꾸면 안 됩니다"
assert vae.latent_dim == 16, "latent_dim 속성이 16 이어야 합니다"
vae.train()
with torch.no_grad():
    _o1, _o2 = vae(x_test[:8].to(device)), vae(x_test[:8].to(device))
assert type(_o1) is tuple and len(_o1) == 3 and type(_o1[0]) is torch.Tensor, "forward 는 (x_hat, mu, logvar) 를 돌려주어야 합니다"
assert not torch.equal(_o1[0], _o2[0]), "학습 모드의 forward 가 같은 x 에 매번 같은 x_hat 을 냅니다 (reparameterize 로 z 를 뽑았나요?)"
_xh = torch.from_numpy(load_holdout("fashion_mnist")[0]).float().div(255).unsqueeze(1)
vae.eval()
with torch.no_grad():
    _mu, _lv = vae.encode(_xh.to(device))
    _rec = vae.decode(_mu).cpu()
    _out = vae(_xh[:64].to(device))
assert type(_rec) is torch.Tensor and tuple(_rec.shape) == (1000, 1, 28, 28), "decode 의 출력 모양이 다릅니다"
assert float(_rec.min()) >= 0.0 and float(_rec.max()) <= 1.0, "decode 의 출력은 0–1 이어야 합니다"
assert type(_out) is tuple and len(_out) == 3 and tuple(_out[0].shape) == (64, 1, 28, 28), "forward 는 (x_hat, mu, logvar) 를 돌려주어야 합니다"
_mse = F.mse_loss(_rec, _xh).item()
_kl = (0.5 * (_mu.double() ** 2 + _lv.double().exp() - 1 - _lv.double())).sum(1).mean().item()
assert _mse <= 0.032, "채점용 이미지의 복원 오차가 0.032 보다 큽니다"
assert 5.0 <= _kl <= 150.0, "채점용 이미지에서 이미지당 KL 이 5–150 nats 밖입니다 (사후 붕괴이거나 KL 항이 빠졌습니다)"
from grading.testkit import after_torch_seed

_xs = x_train[1000:1256].clone()


def _short_run(beta, sigma, lr, seed):
    """History of one epoch of train_vae on 256 images, a fresh VAE(16) and the kernel's global RNG seeded the same."""
    _m = after_torch_seed(0, VAE, 16)
    return after_torch_seed(1, train_vae, _m, _xs, 1, beta, sigma, 64, lr, seed)   # positional, in the given order


_runs = {_k: _short_run(*_k) for _k in ((1.0, 0.3, 0.0, 5), (101.0, 0.3, 0.0, 5), (201.0, 0.3, 0.0, 5), (1.0, 0.6, 0.0, 5),
                                           (1.0, 0.3, 2e-3, 5), (1.0, 0.3, 2e-3, 6))}
_again = _short_run(1.0, 0.3, 2e-3, 5)
assert all(type(_h) is list and len(_h) == 1 and type(_h[0]) is float for _h in _runs.values()), "epochs=1 이면 float 하나의 리스트를 돌려주어야 합니다"
_h1, _h2, _h3 = (_runs[(_b, 0.3, 0.0, 5)][0] for _b in (1.0, 101.0, 201.0))
assert abs(_h3 - _h1) > 1e-2, "beta 를 바꿔도 손실이 그대로입니다 (beta 인자를 손실에 넘겼나요?)"
assert abs((_h3 - _h1) - 2 * (_h2 - _h1)) < 2e-3 * max(1.0, abs(_h3 - _h1)), "손실이 beta 에 대해 recon + beta · kl 꼴이 아닙니다"
assert abs(_runs[(1.0, 0.6, 0.0, 5)][0] - _h1) > 1e-3 * max(1.0, abs(_h1)), "sigma 를 바꿔도 손실이 그대로입니다 (sigma 인자를 손실에 넘겼나요?)"
assert abs(_again[0] - _runs[(1.0, 0.3, 2e-3, 5)][0]) <= 1e-5 * max(1.0, abs(_again[0])), "같은 seed 와 같은 전역 시드로 다시 학습하면 같은 손실이 나와야 합니다"
assert _runs[(1.0, 0.3, 2e-3, 6)][0] != _runs[(1.0, 0.3, 2e-3, 5)][0], "seed 를 바꿔도 섞는 순서가 그대로입니다 (seed 로 만든 생성기를 torch.randperm 에 넘겼나요?)"
### END HIDDEN TESTS

# %% [markdown]
# ## 5. LSGAN 의 판별자 단계 (2점)
#
# **최소 제곱 GAN**(LSGAN)은 이진 교차 엔트로피 대신 제곱 오차를 씁니다. 판별자 $D$ 는 시그모이드 없는 점수 하나를 내고,
# 진짜는 1, 가짜는 0 에 가깝게 만듭니다:
#
# $$\mathcal L_D = \tfrac12\,\mathrm{mean}\big[(D(x) - 1)^2\big] + \tfrac12\,\mathrm{mean}\big[D(G(z))^2\big]$$
#
# `lsgan_d_step(D, G, real, z, opt_d)` 는 판별자 단계 **한 번**을 하고, 갱신 **전** 손실 $\mathcal L_D$ 를 float 로 돌려줍니다.
#
# - `D`: 이미지 `(N, 1, 28, 28)` → 점수 `(N, 1)`. `G`: 잡음 `(N, z_dim)` → 이미지. `real` 과 `z` 의 배치 크기는 같습니다.
# - `opt_d` 는 `D` 의 매개변수만 가진 옵티마이저입니다. 기울기를 비우고 (`opt_d.zero_grad()`), 역전파하고, `opt_d.step()` 을 한 번 부릅니다.
# - 생성자는 **건드리지 않습니다**: `G` 의 매개변수도 `.grad` 도 그대로여야 합니다 (가짜를 `detach()` 하거나 `torch.no_grad()` 안에서 만드세요).
#   채점은 `G` 의 `.grad` 가 `None` 그대로인지, `D` 의 새 매개변수가 같은 손실로 한 걸음 간 값과 같은지 확인합니다.
# - 채점은 `D` 의 `.grad` 에 **이전 단계의 기울기가 남아 있는** 상태로 부릅니다: 기울기를 비우지 않으면 남은 기울기가 더해져 걸음이 달라집니다.
# - `G` 와 `D` 는 학습 모드로 넘어옵니다. 가짜를 만들 때 `G.eval()` 로 바꿨다면 돌려주기 전에 `G.train()` 으로 되돌려 놓으세요 (채점이 확인합니다).

# %% nbgrader={"grade": false, "grade_id": "ex_d_step", "locked": false, "schema_version": 3, "solution": true}
def lsgan_d_step(D: nn.Module, G: nn.Module, real: torch.Tensor, z: torch.Tensor, opt_d: torch.optim.Optimizer) -> float:
    """One least-squares discriminator update (real -> 1, fake -> 0); returns the loss before the update."""
    ### BEGIN SOLUTION
    with torch.no_grad():
        fake = G(z)
    loss = 0.5 * (D(real) - 1).pow(2).mean() + 0.5 * D(fake).pow(2).mean()
    opt_d.zero_grad()
    loss.backward()
    opt_d.step()
    return loss.item()
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "test_d_step", "locked": true, "points": 2, "schema_version": 3, "solution": false}
torch.manual_seed(0)
_D = nn.Sequential(nn.Flatten(), nn.Linear(784, 1))
_G = nn.Sequential(nn.Linear(4, 784), nn.Sigmoid(), nn.Unflatten(1, (1, 28, 28)))
_loss = lsgan_d_step(_D, _G, x_train[:8], torch.randn(8, 4), torch.optim.SGD(_D.parameters(), lr=0.1))
assert type(_loss) is float and _loss >= 0, "갱신 전 손실을 0 이상의 float 로 돌려주어야 합니다"
assert all(p.grad is None for p in _G.parameters()), "판별자 단계가 생성자의 .grad 를 채웠습니다"
### BEGIN HIDDEN TESTS
from grading.testkit import with_stale_grads


def _lsgan_d_ref(D, G, real, z, lr):
    """(loss before the step, D after one plain SGD step) on copies."""
    D, G = copy.deepcopy(D), copy.deepcopy(G)
    with torch.no_grad():
        fake = G(z)
    loss = 0.5 * ((D(real) - 1) ** 2).mean() + 0.5 * (D(fake) ** 2).mean()
    grads = torch.autograd.grad(loss, list(D.parameters()))
    with torch.no_grad():
        for p, g in zip(D.parameters(), grads):
            p -= lr * g
    return loss.item(), D


for _seed in (1, 2):
    torch.manual_seed(_seed)
    _D = nn.Sequential(nn.Flatten(), nn.Linear(784, 16), nn.LeakyReLU(0.2), nn.Linear(16, 1)).to(device)
    _G = nn.Sequential(nn.Linear(8, 32), nn.ReLU(), nn.Linear(32, 784), nn.Sigmoid(), nn.Unflatten(1, (1, 28, 28))).to(device)
    _reals = [x_train[100 * _seed + 12 * _k: 100 * _seed + 12 * _k + 12].to(device) for _k in range(2)]
    _zs = [torch.randn(12, 8).to(device) for _k in range(2)]
    _inputs_before = [t.clone() for t in _reals + _zs]
    _G_before = [p.detach().clone() for p in _G.parameters()]
    _ref_D = _D
    _opt = torch.optim.SGD(_D.parameters(), lr=0.05)
    for _k in range(2):   # two steps in a row with the same optimizer
        _want_loss, _ref_D = _lsgan_d_ref(_ref_D, _G, _reals[_k], _zs[_k], 0.05)
        _loss = with_stale_grads([_D], 1.0, lsgan_d_step, _D, _G, _reals[_k], _zs[_k], _opt)   # stale .grad on D first
        assert type(_loss) is float, "손실을 float 로 돌려주어야 합니다 (.item())"
        assert abs(_loss - _want_loss) < 1e-4 * max(1.0, _want_loss), "돌려준 손실이 갱신 전 LSGAN 판별자 손실과 다릅니다 (진짜 → 1, 가짜 → 0, 각 항에 1/2)"
        assert all(p.grad is None for p in _G.parameters()), "판별자 단계가 생성자의 .grad 를 채웠습니다 (가짜를 떼어 내세요)"
        assert _G.training and _D.training, "판별자 단계가 끝난 뒤에도 G 와 D 는 학습 모드여야 합니다 (eval() 로 바꿨다면 되돌려 놓으세요)"
        assert all(torch.equal(p.detach(), q) for p, q in zip(_G.parameters(), _G_before)), "판별자 단계가 생성자의 매개변수를 바꾸었습니다"
        for _p, _q in zip(_D.parameters(), _ref_D.parameters()):
            assert torch.allclose(_p.detach(), _q.detach(), atol=1e-5), "판별자의 새 매개변수가 LSGAN 손실로 한 걸음 간 값과 다릅니다 (zero_grad → backward → step 한 번)"
    assert all(torch.equal(a, b) for a, b in zip(_reals + _zs, _inputs_before)), "real 과 z 를 바꾸면 안 됩니다"
### END HIDDEN TESTS

# %% [markdown]
# ## 6. LSGAN 의 생성자 단계 (2점)
#
# 생성자는 판별자가 가짜에 1 (진짜) 점수를 주게 만듭니다:
#
# $$\mathcal L_G = \tfrac12\,\mathrm{mean}\big[(D(G(z)) - 1)^2\big]$$
#
# `lsgan_g_step(D, G, z, opt_g)` 는 생성자 단계 **한 번**을 하고 갱신 **전** 손실 $\mathcal L_G$ 를 float 로 돌려줍니다.
# `opt_g` 는 `G` 의 매개변수만 가진 옵티마이저입니다. 기울기를 비우고, 역전파하고, `opt_g.step()` 을 한 번 부릅니다.
# 판별자의 매개변수는 **바뀌면 안 됩니다** (판별자의 `.grad` 는 채워져도 됩니다: 다음 판별자 단계가 비웁니다).
# 판별자의 `requires_grad` 를 꺼서 막아도 되지만, 그렇다면 돌려주기 전에 **다시 켜 두어야** 합니다 (채점이 확인합니다).
# 채점은 `D` 와 `G` 의 `.grad` 에 이전 단계의 기울기가 남아 있는 상태로 부릅니다: 생성자의 기울기를 비우지 않으면 걸음이 달라집니다.

# %% nbgrader={"grade": false, "grade_id": "ex_g_step", "locked": false, "schema_version": 3, "solution": true}
def lsgan_g_step(D: nn.Module, G: nn.Module, z: torch.Tensor, opt_g: torch.optim.Optimizer) -> float:
    """One least-squares generator update (D(G(z)) -> 1); returns the loss before the update."""
    ### BEGIN SOLUTION
    loss = 0.5 * (D(G(z)) - 1).pow(2).mean()
    opt_g.zero_grad()
    loss.backward()
    opt_g.step()
    return loss.item()
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "test_g_step", "locked": true, "points": 2, "schema_version": 3, "solution": false}
torch.manual_seed(0)
_D = nn.Sequential(nn.Flatten(), nn.Linear(784, 1))
_G = nn.Sequential(nn.Linear(4, 784), nn.Sigmoid(), nn.Unflatten(1, (1, 28, 28)))
_D_before = [p.detach().clone() for p in _D.parameters()]
_loss = lsgan_g_step(_D, _G, torch.randn(8, 4), torch.optim.SGD(_G.parameters(), lr=0.1))
assert type(_loss) is float and _loss >= 0, "갱신 전 손실을 0 이상의 float 로 돌려주어야 합니다"
assert all(torch.equal(p.detach(), q) for p, q in zip(_D.parameters(), _D_before)), "생성자 단계가 판별자의 매개변수를 바꾸었습니다"
### BEGIN HIDDEN TESTS
from grading.testkit import with_stale_grads


def _lsgan_g_ref(D, G, z, lr):
    """(loss before the step, G after one plain SGD step) on copies."""
    D, G = copy.deepcopy(D), copy.deepcopy(G)
    loss = 0.5 * ((D(G(z)) - 1) ** 2).mean()
    grads = torch.autograd.grad(loss, list(G.parameters()))
    with torch.no_grad():
        for p, g in zip(G.parameters(), grads):
            p -= lr * g
    return loss.item(), G


for _seed in (3, 4):
    torch.manual_seed(_seed)
    _D = nn.Sequential(nn.Flatten(), nn.Linear(784, 16), nn.LeakyReLU(0.2), nn.Linear(16, 1)).to(device)
    _G = nn.Sequential(nn.Linear(8, 32), nn.ReLU(), nn.Linear(32, 784), nn.Sigmoid(), nn.Unflatten(1, (1, 28, 28))).to(device)
    _zs = [torch.randn(10, 8).to(device) for _k in range(2)]
    _zs_before = [t.clone() for t in _zs]
    _D_before = [p.detach().clone() for p in _D.parameters()]
    _ref_G = _G
    _opt = torch.optim.SGD(_G.parameters(), lr=0.5)
    for _k in range(2):   # two steps in a row with the same optimizer
        _want_loss, _ref_G = _lsgan_g_ref(_D, _ref_G, _zs[_k], 0.5)
        _loss = with_stale_grads([_D, _G], 1.0, lsgan_g_step, _D, _G, _zs[_k], _opt)   # stale .grad on D and G first
        assert type(_loss) is float, "손실을 float 로 돌려주어야 합니다 (.item())"
        assert abs(_loss - _want_loss) < 1e-4 * max(1.0, _want_loss), "돌려준 손실이 갱신 전 LSGAN 생성자 손실과 다릅니다 (가짜 → 1, 1/2)"
        assert all(torch.equal(p.detach(), q) for p, q in zip(_D.parameters(), _D_before)), "생성자 단계가 판별자의 매개변수를 바꾸었습니다"
        assert all(p.requires_grad for p in _D.parameters()), "생성자 단계가 끝난 뒤에도 판별자 매개변수의 requires_grad 가 True 여야 합니다"
        for _p, _q in zip(_G.parameters(), _ref_G.parameters()):
            assert torch.allclose(_p.detach(), _q.detach(), atol=1e-5), "생성자의 새 매개변수가 LSGAN 손실로 한 걸음 간 값과 다릅니다 (가짜를 떼어 내지 않았나요? zero_grad 는?)"
    assert all(torch.equal(a, b) for a, b in zip(_zs, _zs_before)), "z 를 바꾸면 안 됩니다"
### END HIDDEN TESTS

# %%
BETAS = [1.0, 4.0, 16.0, 64.0, 256.0]  # the betas of problem 7


# %% [markdown]
# ## 7. 실험: β 를 키우면 무엇을 잃고 무엇을 얻을까 (2점)
#
# β 는 KL 항의 무게입니다. β 를 키우면 인코더가 잠재 벡터에 담는 정보(KL, **정보량**)는 줄고 복원은 나빠질 것입니다. 얼마나 그런지 잽니다.
#
# 1. `evaluate_vae(model, x)` 를 완성하세요: `x` `(N, 1, 28, 28)` 에 대해 튜플 `(mse, kl)` (둘 다 float) 을 돌려줍니다.
#    `mse` 는 `z = μ` 로 복원한 이미지의 픽셀당 평균 제곱 오차, `kl` 은 이미지당 $\mathrm{KL}(q(z\mid x)\,\|\,\mathcal N(0, I))$ (잠재 차원 합, 이미지 평균, nats).
#    `model.eval()` 과 `torch.no_grad()` 로 계산하고, `x` 는 `model` 의 장치로 옮겨 씁니다.
# 2. `BETAS` 의 β 마다 `torch.manual_seed(0)` 뒤에 새 `VAE(16)` 을 만들어 `device` 로 옮기고, `train_vae(model, x_train[:3000], epochs=2, beta=β)` 로 학습해
#    사전 `beta_models` (키 β → 학습한 모델) 에 넣습니다 (β 마다 1초 남짓).
# 3. 내 테스트 이미지 `x_test` 로 `evaluate_vae` 를 재어, β 순서대로 `DISTORTION` (mse 의 리스트) 과 `RATE` (kl 의 리스트) 를 만들고,
#    가로축 `RATE`, 세로축 `DISTORTION` 인 그래프(점마다 β)를 그리세요.
# 4. 복원 오차가 β = 1 일 때의 **1.2 배를 처음으로 넘는** 가장 작은 β 를 `BETA_STAR` (float, `BETAS` 의 원소) 로 적으세요. 넘는 β 가 없으면 `None` 입니다.
#    값을 손으로 적지 말고 계산으로 정하세요.
#
# 채점은 여러분의 모델로 `x_test` 에서 같은 값을 다시 재고, 채점용 이미지에서도 KL 이 β 를 따라 줄어드는지 확인합니다.

# %% nbgrader={"grade": false, "grade_id": "ex_beta_experiment", "locked": false, "schema_version": 3, "solution": true}
def evaluate_vae(model: nn.Module, x: torch.Tensor) -> tuple[float, float]:
    """(per-pixel MSE of decode(mu) vs x, mean KL(q(z|x) || N(0, I)) per image in nats)."""
    ### BEGIN SOLUTION
    model.eval()
    dev = next(model.parameters()).device
    with torch.no_grad():
        xd = x.to(dev)
        mu, logvar = model.encode(xd)
        mse = F.mse_loss(model.decode(mu), xd).item()
        kl = kl_diag_gaussians(mu, logvar, torch.zeros_like(mu), torch.zeros_like(logvar)).mean().item()
    return mse, kl
    ### END SOLUTION


### BEGIN SOLUTION
beta_models = {}
for beta in BETAS:
    torch.manual_seed(0)
    beta_models[beta] = VAE(16).to(device)
    train_vae(beta_models[beta], x_train[:3000], epochs=2, beta=beta)
DISTORTION, RATE = [], []
for beta in BETAS:
    mse, kl = evaluate_vae(beta_models[beta], x_test)
    DISTORTION.append(mse)
    RATE.append(kl)
BETA_STAR = next((b for b, d in zip(BETAS, DISTORTION) if d > 1.2 * DISTORTION[0]), None)
plt.figure(figsize=(5, 3.5))
plt.plot(RATE, DISTORTION, "o-")
for b, r, d in zip(BETAS, RATE, DISTORTION):
    plt.annotate(f"β={b:g}", (r, d), textcoords="offset points", xytext=(4, 4))
plt.xlabel("정보량: 이미지당 KL (nats)")
plt.ylabel("복원 오차: 픽셀당 MSE")
plt.title("β 에 따른 정보량과 복원 오차")
plt.show()
### END SOLUTION
print("RATE:", [round(r, 1) for r in RATE])
print("DISTORTION:", [round(d, 4) for d in DISTORTION])
print("BETA_STAR =", BETA_STAR)

# %% nbgrader={"grade": true, "grade_id": "test_beta_experiment", "locked": true, "points": 2, "schema_version": 3, "solution": false}
assert type(beta_models) is dict and list(beta_models) == BETAS, "beta_models 의 키는 BETAS 의 β 들이어야 합니다"
assert type(DISTORTION) is list and type(RATE) is list and len(DISTORTION) == len(RATE) == len(BETAS), "DISTORTION, RATE 는 β 마다 값 하나인 리스트여야 합니다"
assert all(type(v) is float for v in DISTORTION + RATE), "DISTORTION, RATE 의 값은 float 여야 합니다"
assert BETA_STAR is None or (type(BETA_STAR) is float and BETA_STAR in BETAS), "BETA_STAR 는 BETAS 의 원소인 float 이거나 None 이어야 합니다"
### BEGIN HIDDEN TESTS
from grading.holdout import load_holdout


def _measure(model, x):
    with torch.no_grad():
        model.eval()
        mu, lv = model.encode(x.to(device))
        mse = F.mse_loss(model.decode(mu).double().cpu(), x.double()).item()
    kl = (0.5 * (mu.double() ** 2 + lv.double().exp() - 1 - lv.double())).sum(1).mean().item()
    return mse, kl


_mine = [_measure(beta_models[_b], x_test) for _b in BETAS]
for (_d, _r), _sd, _sr in zip(_mine, DISTORTION, RATE):
    assert abs(_sd - _d) < 1e-4 * max(_d, 1e-3) + 1e-6, "DISTORTION 이 여러분의 모델로 x_test 에서 다시 잰 값과 다릅니다"
    assert abs(_sr - _r) < 1e-3 * max(_r, 1.0), "RATE 가 여러분의 모델로 x_test 에서 다시 잰 값과 다릅니다"
_want = next((_b for _b, (_d, _) in zip(BETAS, _mine) if _d > 1.2 * _mine[0][0]), None)
assert _want == BETA_STAR, "BETA_STAR 가 다시 잰 복원 오차로 정한 값과 다릅니다"
_xh = torch.from_numpy(load_holdout("fashion_mnist")[0]).float().div(255).unsqueeze(1)
_held = [_measure(beta_models[_b], _xh) for _b in BETAS]
_rates = [_r for _, _r in _held]
assert all(_a > _b for _a, _b in zip(_rates, _rates[1:])), "채점용 이미지에서 β 를 키울수록 KL 이 줄어야 합니다 (β 를 KL 항에 곱했나요?)"
assert _held[-1][0] > _held[0][0], "채점용 이미지에서 가장 큰 β 의 복원 오차가 β = 1 보다 커야 합니다"
assert 0.0 < _rates[0] < 150.0, "β = 1 모델의 채점용 KL 이 이상합니다"
_mse, _kl = evaluate_vae(beta_models[BETAS[0]], _xh[:200])
assert type(_mse) is float and type(_kl) is float, "evaluate_vae 는 (float, float) 을 돌려주어야 합니다"
_ref = _measure(beta_models[BETAS[0]], _xh[:200])
assert abs(_mse - _ref[0]) < 1e-5 and abs(_kl - _ref[1]) < 1e-3 * max(1.0, _ref[1]), "evaluate_vae 의 값이 다릅니다 (z = μ 로 복원한 MSE, 이미지당 KL)"
### END HIDDEN TESTS

# %% [markdown]
# ### 생각해 보기 (채점하지 않음)
#
# - β 를 4배 키울 때마다 KL 은 대략 몇 배가 되었나요? 복원 오차는요? 두 값을 함께 줄이는 β 가 있을까요?
# - 가우시안 디코더의 손실에서 $\sigma$ 를 2배로 키우면 복원 항의 무게가 1/4 이 됩니다. β 를 몇 배로 바꾼 것과 같을까요?
#   $\sigma = 1$ 로 두면 Fashion-MNIST 에서 무슨 일이 생길지 예측해 보세요 (강의 ⚠️ 실수 3 을 떠올리세요).

# %% [markdown]
# ## 📝 요약
#
# 1. `eps` 를 넘겨받으면 `reparameterize` 는 결정적인 함수가 되어 값과 기울기($\partial z/\partial\mu = 1$, $\partial z/\partial\log\sigma^2 = \varepsilon\sigma/2$)를 시험할 수 있습니다.
# 2. KL 은 비대칭입니다: $\mathrm{KL}(q\|p) \ne \mathrm{KL}(p\|q)$. 대각 정규 분포끼리는 차원마다 닫힌 식이 있고 차원으로 합합니다.
# 3. 가우시안 디코더의 $1/(2\sigma^2)$ 은 복원 항의 무게이고, β 는 KL 항의 무게입니다. 둘 다 복원과 정보량의 균형을 정합니다. 단위가 맞으려면 픽셀은 합하고 배치는 평균합니다.
# 4. 판별자 단계는 떼어 낸 가짜로 판별자만, 생성자 단계는 생성자 옵티마이저로 생성자만 갱신합니다. `.grad` 와 매개변수를 단계 전후로 비교해 확인합니다.
# 5. β 를 키우면 KL(정보량)은 크게 줄고 복원 오차는 늘어납니다. 두 값의 맞바꿈은 여러분이 그린 곡선과 `BETA_STAR` 에 있습니다.
