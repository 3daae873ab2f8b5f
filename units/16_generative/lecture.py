# ---
# jupyter:
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
# ---

# %%
import math

import matplotlib.pyplot as plt
import torch
import torch.nn.functional as F
from torch import nn
from tqdm.auto import tqdm

import helpers

device = helpers.setup(seed=0)

# %% [markdown]
# ## 🎯 학습 목표
#
# - 오토인코더로 손글씨 숫자를 32개 숫자로 압축했다가 되살리고, 복원 오차를 테스트 이미지에서 잰다.
# - 변분 오토인코더(VAE)의 재매개변수화 기법과 KL 항을 설명하고, 손실을 손으로 써서 KL 을 닫힌 식·몬테카를로 추정과 맞춰 본다.
# - 작은 DCGAN 을 판별자 단계와 생성자 단계로 학습하고, `detach()` 가 왜 필요한지 안다.
# - 생성한 이미지의 품질을 숫자로 잰다: 판정용 분류기의 확신 비율, 클래스 히스토그램(모드 붕괴), 최근접 이웃(복사했나?).

# %% [markdown]
# ## 🤔 단서 질문
#
# 1. 오토인코더의 디코더에 아무 잠재 벡터나 넣으면 숫자가 나올까? 나오지 않는다면 VAE 는 무엇을 더했을까?
# 2. "정규 분포에서 뽑는다" 는 연산을 거쳐 어떻게 기울기가 인코더까지 흘러갈까?
# 3. VAE 손실의 두 항은 각각 무엇을 원하고, 픽셀 방향으로 합하느냐 평균하느냐가 왜 결과를 바꿀까?
# 4. GAN 의 판별자 단계에서 가짜 이미지를 `detach()` 하지 않으면 무슨 일이 생길까?
# 5. CPU 로 20초 학습한 GAN 의 샘플이 "좋다" 는 것을 무엇과 비교해서 말할 수 있을까? 점수 하나로 충분할까?

# %% [markdown]
# ## 0. 데이터: MNIST 손글씨 숫자
#
# 학습 이미지 8000장, 테스트 이미지 1000장입니다. 픽셀을 255 로 나눠 0–1 로 정규화하고, 이 단원의 모델은 이미지를 784 칸 벡터로 다룹니다.
# 이 단원의 모든 품질 숫자는 학습에 쓰지 않은 **테스트 이미지**에서 잽니다.

# %%
mnist = helpers.data.load_mnist()
x_train = torch.from_numpy(mnist.x_train).float().div(255).view(-1, 784)
y_train = torch.from_numpy(mnist.y_train)
x_test = torch.from_numpy(mnist.x_test).float().div(255).view(-1, 784)
y_test = torch.from_numpy(mnist.y_test)
print("학습:", tuple(x_train.shape), "| 테스트:", tuple(x_test.shape), "| 픽셀 범위:", x_train.min().item(), "–", x_train.max().item())


def as_images(flat):
    """(N, 784) -> (N, 28, 28) for plotting."""
    return flat.detach().view(-1, 28, 28)


def train_epochs(model, loss_fn, epochs, lr=1e-3, batch_size=128, desc="학습"):
    """Adam over shuffled mini-batches of x_train; loss_fn(model, xb) returns a 0-dim loss. Returns the mean loss per epoch."""
    opt = torch.optim.Adam(model.parameters(), lr=lr)
    history = []
    for _ in tqdm(range(epochs), desc=desc):
        total = 0.0
        for idx in torch.randperm(len(x_train)).split(batch_size):
            loss = loss_fn(model, x_train[idx])
            opt.zero_grad()
            loss.backward()
            opt.step()
            total += loss.item() * len(idx)
        history.append(total / len(x_train))
    return history


# %% [markdown]
# ## 1. 오토인코더: 압축했다가 되살리기
#
# **오토인코더**(autoencoder)는 입력을 작은 **잠재 벡터**(latent vector) $z$ 로 줄이는 **인코더**와, $z$ 에서 입력을 되살리는 **디코더**를 이어 붙이고,
# 출력이 입력과 같아지도록 학습합니다. 정답 레이블이 필요 없습니다. 784 → 32 로 줄이니 디코더는 32개 숫자만 보고 이미지를 그려야 합니다.

# %%
class AutoEncoder(nn.Module):
    def __init__(self, latent_dim=32):
        super().__init__()
        self.encoder = nn.Sequential(nn.Linear(784, 256), nn.ReLU(), nn.Linear(256, latent_dim))
        self.decoder = nn.Sequential(nn.Linear(latent_dim, 256), nn.ReLU(), nn.Linear(256, 784), nn.Sigmoid())

    def forward(self, x):
        return self.decoder(self.encoder(x))


ae = AutoEncoder()
ae_history = train_epochs(ae, lambda m, xb: F.mse_loss(m(xb), xb), epochs=5, desc="오토인코더")
with torch.no_grad():
    ae_mse = F.mse_loss(ae(x_test), x_test).item()
    mean_image_mse = F.mse_loss(x_train.mean(0).expand_as(x_test), x_test).item()
print(f"테스트 복원 오차(픽셀당 MSE): 오토인코더 {ae_mse:.4f} | 기준선 '평균 이미지 하나로 전부 복원' {mean_image_mse:.4f}")

# %%
with torch.no_grad():
    pair = torch.cat([x_test[:8], ae(x_test[:8])])
fig = helpers.plot.show_images(as_images(pair), ncols=8)
fig.suptitle("위: 테스트 이미지, 아래: 오토인코더의 복원 (잠재 벡터 32칸)", y=1.02)
plt.show()

# %% [markdown]
# **눈여겨볼 점**
#
# - 복원은 조금 흐리지만 숫자를 알아볼 수 있고, 복원 오차는 "평균 이미지" 기준선의 약 1/3 입니다. 32칸이 숫자의 모양을 꽤 담고 있습니다.
# - 그러면 디코더는 **생성 모델**일까요? 아래처럼 잠재 벡터를 아무렇게나 뽑아 디코더에 넣어 봅니다.

# %%
with torch.no_grad():
    codes = ae.encoder(x_test)
    random_codes = torch.randn(8, 32) * codes.std(0) + codes.mean(0)   # same mean/spread per coordinate as real codes
    fig = helpers.plot.show_images(as_images(ae.decoder(random_codes)), ncols=8)
fig.suptitle("오토인코더 디코더에 임의의 잠재 벡터를 넣으면", y=1.02)
plt.show()

# %% [markdown]
# 좌표마다 평균과 퍼짐을 진짜 코드에 맞춰 뽑았는데도 대부분 지저분한 얼룩이고, 숫자로 읽히는 것은 드뭅니다. 오토인코더는 잠재 공간(latent space)의 **어디에**
# 진짜 코드가 놓이는지 아무 약속도 하지 않기 때문입니다. 코드들은 빈 곳이 많은 복잡한 모양으로 흩어져 있고, 그 빈 곳은 디코더가 본 적이 없습니다.
# **변분 오토인코더**(VAE, variational autoencoder)는 이 약속을 손실에 넣습니다: "코드의 분포가 표준 정규 분포 $\mathcal N(0, I)$ 에 가깝게".
# 그러면 $\mathcal N(0, I)$ 에서 뽑은 $z$ 를 디코더에 넣는 것이 곧 새 이미지 만들기가 됩니다.

# %% [markdown]
# ## 2. 변분 오토인코더 (VAE)
#
# VAE 의 인코더는 점 하나가 아니라 **분포** $q(z\mid x) = \mathcal N(\mu, \mathrm{diag}(\sigma^2))$ 를 냅니다: 평균 $\mu$ 와 로그 분산 $\log\sigma^2$
# (분산은 양수여야 하므로 로그를 내게 하고 `exp` 로 되돌립니다). 학습은 **증거 하한**(ELBO)을 키웁니다. 최소화할 손실은 그 음수입니다:
#
# $$\mathcal L(x) = \underbrace{-\,\mathbb E_{q(z\mid x)}\big[\log p(x\mid z)\big]}_{\text{복원 항}} \; + \; \underbrace{\mathrm{KL}\big(q(z\mid x)\,\|\,\mathcal N(0, I)\big)}_{\text{KL 항}}$$
#
# 복원 항은 "이 코드에서 원래 이미지를 잘 되살려라", KL 항은 "코드의 분포를 표준 정규 분포에서 너무 멀리 두지 마라" 입니다.
#
# ### 2.1 재매개변수화 기법: 뽑기를 거쳐 기울기 보내기
#
# $z \sim \mathcal N(\mu, \sigma^2)$ 를 `sample()` 로 뽑으면 그 값은 $\mu, \sigma$ 와 계산 그래프로 이어지지 않습니다. **재매개변수화 기법**(reparameterization trick)은
# 무작위성을 매개변수 없는 잡음 $\varepsilon \sim \mathcal N(0, 1)$ 으로 옮깁니다: $z = \mu + \sigma \cdot \varepsilon$. 이제 $z$ 는 $\mu, \sigma$ 의 미분 가능한 함수입니다.

# %%
mu = torch.tensor([0.5, -1.0], requires_grad=True)
log_var = torch.tensor([0.0, -2.0], requires_grad=True)
dist = torch.distributions.Normal(mu, torch.exp(0.5 * log_var))
print("sample() 로 뽑은 z 에 기울기가 이어지나?", dist.sample().requires_grad)

eps = torch.randn(2)
z = mu + torch.exp(0.5 * log_var) * eps          # the reparameterisation: all randomness is in eps
(z ** 2).sum().backward()
print("μ + σ·ε 로 만든 z: μ 의 기울기", mu.grad.tolist(), "| log σ² 의 기울기", [round(v, 4) for v in log_var.grad.tolist()])
print("rsample() 도 같은 일을 합니다:", dist.rsample().requires_grad)

# %% [markdown]
# ### 2.2 KL 항: 닫힌 식과 몬테카를로 추정
#
# 대각 정규 분포와 표준 정규 분포 사이의 **KL 다이버전스**(KL divergence)는 적분 없이 식으로 나옵니다 (차원마다 계산해 **합**):
#
# $$\mathrm{KL}\big(\mathcal N(\mu, \sigma^2)\,\|\,\mathcal N(0, 1)\big) = \tfrac12\left(\mu^2 + \sigma^2 - 1 - \log\sigma^2\right)$$
#
# 믿기 전에 확인해 봅니다. KL 의 정의는 $\mathbb E_{z\sim q}[\log q(z) - \log p(z)]$ 이므로, $q$ 에서 $z$ 를 많이 뽑아 평균을 내면 (몬테카를로 추정) 같은 값이 나와야 합니다.

# %%
mu0 = torch.tensor([0.5, -1.0, 2.0])
logvar0 = torch.tensor([0.0, -2.0, 1.0])
q = torch.distributions.Normal(mu0, torch.exp(0.5 * logvar0))
p = torch.distributions.Normal(torch.zeros(3), torch.ones(3))

kl_formula = 0.5 * (mu0 ** 2 + logvar0.exp() - 1 - logvar0).sum()
kl_library = torch.distributions.kl_divergence(q, p).sum()
torch.manual_seed(0)
zs = q.sample((200_000,))
kl_mc = (q.log_prob(zs) - p.log_prob(zs)).sum(-1)
print(f"닫힌 식 {kl_formula:.4f} | torch.distributions {kl_library:.4f} | 몬테카를로(20만 개) {kl_mc.mean():.4f} ± {kl_mc.std() / math.sqrt(len(kl_mc)):.4f}")

ns = [10, 100, 1_000, 10_000, 200_000]
plt.figure(figsize=(5, 3))
plt.semilogx(ns, [kl_mc[:n].mean().item() for n in ns], "o-", label="몬테카를로 평균")
plt.axhline(kl_formula.item(), color="gray", ls="--", label="닫힌 식")
plt.xlabel("뽑은 z 의 개수")
plt.ylabel("KL (nats)")
plt.legend()
plt.show()


# %% [markdown]
# ### 2.3 손실을 손으로 쓰기
#
# MNIST 픽셀은 0–1 이라 디코더를 **베르누이 분포**로 봅니다: 디코더가 픽셀마다 로짓을 내고, 복원 항은 이진 교차 엔트로피입니다.
# 두 항 모두 **이미지 한 장에 대한 값** (복원은 784 픽셀의 **합**, KL 은 잠재 차원의 **합**)을 내고, 배치에 대해서는 **평균**합니다.
# 그래야 두 항이 같은 단위(이미지 한 장당 nats)로 균형을 맞춥니다. 이 약속을 어기면 어떻게 되는지는 ⚠️ 에서 봅니다.

# %%
def vae_loss_bernoulli(logits, x, mu, logvar):
    """Negative ELBO per image (nats), averaged over the batch; returns (loss, recon, kl)."""
    recon = F.binary_cross_entropy_with_logits(logits, x, reduction="none").sum(dim=1).mean()
    kl = (0.5 * (mu ** 2 + logvar.exp() - 1 - logvar)).sum(dim=1).mean()
    return recon + kl, recon, kl


class VAE(nn.Module):
    def __init__(self, latent_dim=16):
        super().__init__()
        self.body = nn.Sequential(nn.Linear(784, 256), nn.ReLU())
        self.to_mu, self.to_logvar = nn.Linear(256, latent_dim), nn.Linear(256, latent_dim)
        self.decoder = nn.Sequential(nn.Linear(latent_dim, 256), nn.ReLU(), nn.Linear(256, 784))   # pixel logits

    def forward(self, x):
        h = self.body(x)
        mu, logvar = self.to_mu(h), self.to_logvar(h)
        z = mu + torch.exp(0.5 * logvar) * torch.randn_like(mu)
        return self.decoder(z), mu, logvar


# %%
def vae_batch_loss(model, xb):
    logits, mu, logvar = model(xb)
    return vae_loss_bernoulli(logits, xb, mu, logvar)[0]


vae = VAE()
vae_history = train_epochs(vae, vae_batch_loss, epochs=8, desc="VAE")
with torch.no_grad():
    logits, mu_test, logvar_test = vae(x_test)
    elbo_loss, recon, kl = vae_loss_bernoulli(logits, x_test, mu_test, logvar_test)
    vae_mse = F.mse_loss(torch.sigmoid(vae.decoder(mu_test)), x_test).item()
print(f"테스트: 음의 ELBO {elbo_loss:.1f} nats/이미지 = 복원 {recon:.1f} + KL {kl:.1f}")
print(f"테스트 복원 오차(픽셀당 MSE, z = μ): VAE {vae_mse:.4f} | 오토인코더 {ae_mse:.4f} | 평균 이미지 {mean_image_mse:.4f}")

# %%
with torch.no_grad():
    recon_imgs = torch.sigmoid(vae.decoder(mu_test[:8]))
    samples_vae = torch.sigmoid(vae.decoder(torch.randn(16, 16)))
fig = helpers.plot.show_images(as_images(torch.cat([x_test[:8], recon_imgs])), ncols=8)
fig.suptitle("위: 테스트 이미지, 아래: VAE 복원 (z = μ)", y=1.02)
plt.show()
fig = helpers.plot.show_images(as_images(samples_vae), ncols=8)
fig.suptitle("VAE 샘플: z ~ N(0, I) 를 디코더에 넣은 새 이미지", y=1.02)
plt.show()

# %% [markdown]
# **눈여겨볼 점**
#
# - 이번에는 $\mathcal N(0, I)$ 에서 아무렇게나 뽑은 $z$ 에서도 (흐릿하지만) 숫자 모양이 나옵니다. KL 항이 코드들을 표준 정규 분포 근처에 모아 두었기 때문입니다.
# - 복원 오차(위에 출력한 MSE)는 오토인코더와 같은 수준입니다. 잠재 공간에 질서를 주면서도 복원을 크게 잃지 않았습니다.
#   (두 모델의 학습 길이와 손실이 달라 정밀한 비교는 아닙니다. 과제 문제 7 에서 KL 의 무게를 바꿔 가며 이 맞바꿈을 직접 잽니다.)
# - 베르누이 디코더의 샘플은 픽셀마다 동전을 던지는 대신 확률(평균)을 그대로 그렸습니다. 그래서 흐립니다.
#
# ### 2.4 잠재 공간을 눈으로 보기
#
# 16차원 $\mu$ 를 그대로 그릴 수는 없으니, 테스트 이미지 1000장의 $\mu$ 를 주성분 분석(PCA)으로 2차원에 투영해 숫자별로 색을 칠합니다.
# 코드들이 원점 근처에 몰려 있다면 KL 항이 일을 한 것입니다. 16차원을 2차원으로 눌렀으니 숫자들이 겹쳐 보이는 것은 당연하고,
# 그래도 0 과 1 처럼 모양이 뚜렷한 숫자는 제자리에 모입니다.

# %%
centered = mu_test - mu_test.mean(0)
_, _, v = torch.linalg.svd(centered, full_matrices=False)
proj = centered @ v[:2].T
plt.figure(figsize=(5, 4.5))
sc = plt.scatter(proj[:, 0], proj[:, 1], c=y_test, cmap="tab10", s=8)
plt.colorbar(sc, ticks=range(10), label="숫자")
plt.xlabel("주성분 1")
plt.ylabel("주성분 2")
plt.title("VAE 잠재 공간 (테스트 이미지의 μ, PCA 2차원)")
plt.show()

# %% [markdown]
# ### 2.5 잠재 공간에서 걸어가기: 보간
#
# 두 테스트 이미지의 $\mu$ 사이를 직선으로 10걸음 나누어 디코딩합니다. 잠재 공간이 매끄럽다면 한 숫자가 다른 숫자로 서서히 바뀝니다.

# %%
a, b = mu_test[(y_test == 1).nonzero()[0, 0]], mu_test[(y_test == 8).nonzero()[0, 0]]
ts = torch.linspace(0, 1, 10)[:, None]
with torch.no_grad():
    walk = torch.sigmoid(vae.decoder((1 - ts) * a + ts * b))
fig = helpers.plot.show_images(as_images(walk), ncols=10)
fig.suptitle("잠재 공간의 직선 보간: 1 에서 8 로", y=1.05)
plt.show()

# %% [markdown]
# ## 3. 생성적 적대 신경망 (GAN)
#
# **GAN**(generative adversarial network)은 두 신경망을 겨루게 합니다.
#
# - **생성자**(generator) $G$: 잡음 $z \sim \mathcal N(0, I)$ 에서 이미지를 만듭니다. 인코더가 없고, 진짜 이미지를 직접 보지도 않습니다.
# - **판별자**(discriminator) $D$: 이미지를 받아 "진짜일 로짓" 하나를 냅니다.
#
# 한 번의 학습 반복은 두 단계입니다.
#
# 1. **판별자 단계**: 진짜 이미지에는 정답 1, $G$ 가 만든 가짜에는 정답 0 을 주고 이진 교차 엔트로피로 $D$ 만 갱신합니다.
#    가짜는 `fake.detach()` 로 생성자의 계산 그래프에서 **떼어 내어** 넘깁니다. 이 단계에서 $G$ 는 바뀌면 안 됩니다.
# 2. **생성자 단계**: 가짜에 정답 **1** 을 붙여 ("판별자가 진짜라고 믿게") 손실을 만들고 $G$ 만 갱신합니다 (**비포화 손실**, non-saturating loss).
#    $\log(1 - D(G(z)))$ 를 최소화하는 원래 식은 초반에 $D$ 가 가짜를 쉽게 알아볼 때 기울기가 거의 0 이라 잘 배우지 못합니다.
#
# 손실은 시그모이드를 안에 품은 `F.binary_cross_entropy_with_logits` 로 씁니다 (이유는 ⚠️ 에서). 모델은 합성곱을 쓰는 작은 **DCGAN** 입니다.

# %%
Z_DIM = 32
G = nn.Sequential(
    nn.Linear(Z_DIM, 64 * 7 * 7), nn.ReLU(), nn.Unflatten(1, (64, 7, 7)),
    nn.ConvTranspose2d(64, 16, 4, stride=2, padding=1), nn.BatchNorm2d(16), nn.ReLU(),   # 7 -> 14
    nn.ConvTranspose2d(16, 1, 4, stride=2, padding=1), nn.Sigmoid(), nn.Flatten(),       # 14 -> 28, pixels in 0..1
)
D = nn.Sequential(
    nn.Unflatten(1, (1, 28, 28)),
    nn.Conv2d(1, 16, 4, stride=2, padding=1), nn.LeakyReLU(0.2),                        # 28 -> 14
    nn.Conv2d(16, 32, 4, stride=2, padding=1), nn.LeakyReLU(0.2),                       # 14 -> 7
    nn.Flatten(), nn.Linear(32 * 7 * 7, 1),                                              # one logit: "real"
)
opt_G = torch.optim.Adam(G.parameters(), lr=5e-4, betas=(0.5, 0.999))
opt_D = torch.optim.Adam(D.parameters(), lr=2e-4, betas=(0.5, 0.999))   # slower D: it wins too easily otherwise
print(f"생성자 매개변수 {sum(p.numel() for p in G.parameters()):,}개, 판별자 {sum(p.numel() for p in D.parameters()):,}개")


def gan_step(real):
    """One discriminator step, then one generator step (non-saturating). Returns (loss_D, loss_G)."""
    n = len(real)
    ones, zeros = torch.ones(n, 1), torch.zeros(n, 1)
    fake = G(torch.randn(n, Z_DIM))
    # 1) discriminator: real -> 1, fake -> 0; fake detached so G gets no gradient here
    loss_D = (F.binary_cross_entropy_with_logits(D(real), ones)
              + F.binary_cross_entropy_with_logits(D(fake.detach()), zeros))
    opt_D.zero_grad()
    loss_D.backward()
    opt_D.step()
    # 2) generator: make D say "real" (label 1) for the fakes
    loss_G = F.binary_cross_entropy_with_logits(D(fake), ones)
    opt_G.zero_grad()
    loss_G.backward()
    opt_G.step()
    return loss_D.item(), loss_G.item()


# %% [markdown]
# 520 걸음(배치 64) 학습합니다. 이 CPU 에서 약 20초, 이 단원에서 가장 비싼 셀입니다. 같은 잡음 16개로 중간 결과를 찍어 두어 변화를 봅니다.

# %%
STEPS, SNAPSHOTS = 520, (0, 60, 200, 520)
z_fixed = torch.randn(16, Z_DIM)
snapshots, gan_log = {}, []
for step in tqdm(range(STEPS + 1), desc="DCGAN"):
    if step in SNAPSHOTS:
        G.eval()
        with torch.no_grad():
            snapshots[step] = G(z_fixed)
        G.train()
    if step < STEPS:
        gan_log.append(gan_step(x_train[torch.randint(0, len(x_train), (64,))]))
G.eval()

fig, axes = plt.subplots(1, 2, figsize=(9, 3))
axes[0].plot([d for d, _ in gan_log], label="판별자 손실", alpha=0.7)
axes[0].plot([g for _, g in gan_log], label="생성자 손실", alpha=0.7)
axes[0].set_xlabel("걸음")
axes[0].legend()
axes[1].axis("off")
axes[1].text(0, 0.5, "GAN 의 손실은 '얼마나 잘 만드나' 가 아니라\n'지금 상대에 비해 어떤가' 입니다.\n두 손실이 함께 출렁이는 것이 정상이고,\n곡선만 보고 품질을 말할 수는 없습니다.", va="center")
plt.show()
for step in SNAPSHOTS:
    fig = helpers.plot.show_images(as_images(snapshots[step][:8]), ncols=8)
    fig.suptitle(f"{step} 걸음 뒤 생성자의 샘플 (같은 잡음)", y=1.02)
    plt.show()

# %% [markdown]
# ### 3.1 품질을 숫자로: 판정용 분류기
#
# 손실 곡선이 품질을 말해 주지 않으니 바깥의 잣대를 씁니다. MNIST 로 작은 분류기를 학습해 두고, 생성한 이미지 1000장 중
# 분류기가 **확률 0.9 넘게 확신하며** 어떤 숫자라고 부르는 비율을 잽니다. 같은 분류기가 진짜 테스트 이미지에서 내는 비율이 위쪽 기준,
# 오토인코더 디코더에 임의의 코드를 넣은 이미지가 아래쪽 기준입니다. 뽑힌 숫자의 **클래스 히스토그램**은 생성자가 몇몇 숫자만 만드는지
# (**모드 붕괴**, mode collapse) 보여 줍니다. 절댓값보다 모델 사이의 **순서**가 요점입니다.

# %%
judge = nn.Sequential(nn.Linear(784, 256), nn.ReLU(), nn.Linear(256, 10))
opt_judge = torch.optim.Adam(judge.parameters(), lr=1e-3)
for _ in tqdm(range(5), desc="판정용 분류기"):
    for idx in torch.randperm(len(x_train)).split(128):
        loss = F.cross_entropy(judge(x_train[idx]), y_train[idx])
        opt_judge.zero_grad()
        loss.backward()
        opt_judge.step()
judge.eval()
with torch.no_grad():
    judge_acc = (judge(x_test).argmax(1) == y_test).float().mean().item()
print(f"판정용 분류기의 테스트 정확도: {judge_acc:.1%}")


def judge_report(images):
    """(share of images the judge labels with probability > 0.9, class histogram of its predictions)."""
    with torch.no_grad():
        probs = torch.softmax(judge(images), dim=1)
    return (probs.max(1).values > 0.9).float().mean().item(), torch.bincount(probs.argmax(1), minlength=10)


z_eval = torch.randn(1000, Z_DIM)
with torch.no_grad():
    sets = {
        "진짜 테스트 이미지": x_test,
        "VAE 샘플": torch.sigmoid(vae.decoder(torch.randn(1000, 16))),
        f"DCGAN 샘플 ({STEPS} 걸음)": G(z_eval),
        "오토인코더 + 임의 코드": ae.decoder(torch.randn(1000, 32) * codes.std(0) + codes.mean(0)),
    }
reports = {name: judge_report(imgs) for name, imgs in sets.items()}
for name, (share, hist) in reports.items():
    covered = int((hist >= 0.02 * hist.sum()).sum())
    print(f"{name:>22}: 분류기가 확신하는 비율 {share:6.1%} | 2% 넘게 나온 숫자 {covered}/10 가지")

fig, axes = plt.subplots(1, 3, figsize=(12, 3), sharey=True)
for ax, name in zip(axes, list(sets)[:3]):
    ax.bar(range(10), reports[name][1].tolist())
    ax.set_xticks(range(10))
    ax.set_title(name)
    ax.set_xlabel("분류기가 고른 숫자")
axes[0].set_ylabel("이미지 수 (1000장 중)")
fig.suptitle("클래스 히스토그램: 한두 숫자에 몰리면 모드 붕괴")
plt.show()
fig = helpers.plot.show_images(as_images(G(z_eval[:16])).detach(), ncols=8)
fig.suptitle(f"DCGAN 샘플 {STEPS} 걸음 (학습에 쓰지 않은 잡음)", y=1.02)
plt.show()


# %% [markdown]
# ### 3.2 혹시 학습 이미지를 외워서 내놓는 것은 아닐까? 최근접 이웃 검사
#
# 생성 모델이 학습 이미지를 그대로 내놓는다면 위의 점수가 높아도 소용없습니다. 샘플마다 학습 이미지 8000장 중 가장 가까운 것(유클리드 거리)을 찾아
# 나란히 놓고, 그 거리를 "진짜 테스트 이미지에서 가장 가까운 학습 이미지까지의 거리" 와 비교합니다.
# 테스트 이미지는 학습 이미지의 복사본이 아니므로, 샘플의 거리가 이보다 뚜렷이 작으면 복사를 의심합니다.

# %%
def nearest_train(images):
    """(distance, index) of the nearest training image for every row of images."""
    return torch.cdist(images, x_train).min(dim=1)


with torch.no_grad():
    gan_dist, gan_idx = nearest_train(G(z_eval[:200]))
    test_dist, _ = nearest_train(x_test[:200])
print(f"가장 가까운 학습 이미지까지의 거리 (중앙값): DCGAN 샘플 {gan_dist.median():.2f} | 진짜 테스트 이미지 {test_dist.median():.2f}")
print(f"거리 1.0 미만인 샘플 (거의 같은 이미지): {(gan_dist < 1.0).sum().item()} / 200")
with torch.no_grad():
    fig = helpers.plot.show_images(as_images(torch.cat([G(z_eval[:8]), x_train[gan_idx[:8]]])), ncols=8)
fig.suptitle("위: DCGAN 샘플, 아래: 각 샘플에 가장 가까운 학습 이미지", y=1.02)
plt.show()

# %% [markdown]
# **눈여겨볼 점: 20 CPU-초가 사 주는 것** (이 과정의 CPU, 시드 0 에서 잰 결과입니다. GPU 나 다른 시드에서는 달라집니다)
#
# - **점수 하나만 보면 속습니다.** DCGAN 샘플을 분류기가 확신하는 비율은 진짜 테스트 이미지보다도 높게 나왔습니다. 그런데 클래스 히스토그램을 보면
#   1000장이 **거의 전부 숫자 1** 이고, 샘플 그림도 잡음이 서로 다른데 모두 같은 "1" 입니다. 생성자가 판별자를 속이기 쉬운 이미지 하나를 찾아
#   그것만 만드는 **모드 붕괴**입니다. 200 걸음 때의 사각형 덩어리에서 520 걸음 사이에 이 한 점으로 무너졌습니다.
# - VAE 샘플은 확신 비율이 낮지만(흐릿해서) 열 숫자를 모두 만듭니다. 오토인코더 + 임의 코드와 확신 비율이 비슷한 것도 눈여겨보세요:
#   이 분류기는 흐릿한 이미지에 자신이 없을 뿐, 둘의 품질 차이는 위의 샘플 그림이 더 잘 보여 줍니다. 숫자 하나로 품질을 다 말할 수 없습니다.
# - 최근접 이웃 거리를 보면 거의 같은 이미지(거리 < 1)는 하나도 없습니다. 생성자의 "1" 은 학습 이미지의 복사본이 아니라 스스로 만든 모양입니다
#   (가장 가까운 학습 이미지는 곧은 1 들입니다). 다만 모든 샘플이 한 모양이라 거리의 중앙값은 테스트 이미지보다 조금 작습니다.
# - 짧은 GAN 학습은 시드에 따라 이렇게 무너지기도 하고, 여러 숫자를 만들며 버티기도 합니다. 이 과정을 만들 때 같은 구조를 시드와 판별자 학습률만
#   바꿔 520 걸음씩 다섯 번 학습해 (이 노트북과 다른 판정 분류기로) 재 보니 확신 비율이 0%, 0%, 13%, 15%, 53% 였습니다.
#   GAN 이 불안정하다는 말은 이런 뜻입니다.
#   논문의 DCGAN 은 GPU 로 수만 걸음을 학습하고, 모드 붕괴를 막는 기법(미니배치 판별, 스펙트럼 정규화, WGAN 손실 등)을 씁니다.
#   과제 문제 5–6 의 LSGAN 손실도 그 가운데 하나입니다.
#
# ## 4. 더 나아가기: 확산 모델 (글로만)
#
# 요즘 이미지 생성(Stable Diffusion 등)의 주류는 **확산 모델**(diffusion model)입니다. 학습할 때는 진짜 이미지에 잡음을 조금씩 여러 단계 더해 가며,
# 신경망(보통 U-Net 이나 트랜스포머)이 "이 단계에서 더해진 잡음" 을 맞히도록 평균 제곱 오차로 학습합니다. 생성할 때는 순수한 잡음에서 시작해
# 예측한 잡음을 수십–수천 단계에 걸쳐 조금씩 빼 나갑니다. GAN 처럼 두 신경망이 겨루지 않으니 학습이 안정적이고, VAE 처럼 흐리지 않지만,
# 한 장을 만드는 데 신경망을 여러 번 불러야 해서 느립니다. Stable Diffusion 은 이 과정을 이미지 대신 **VAE 의 잠재 공간**에서 하고
# (이 단원의 VAE 가 그 부품입니다), 글의 임베딩을 어텐션으로 넣어 "글 → 이미지" 를 만듭니다. 수억 개 매개변수의 사전 학습 가중치가 필요해서
# 이 과정의 CPU 노트북에서는 실습하지 않습니다.

# %% [markdown]
# ## ⚠️ 자주 하는 실수
#
# ### 실수 1: 판별자 단계에서 가짜를 `detach()` 하지 않는다
#
# 가짜를 떼어 내지 않으면 판별자 손실의 `backward()` 가 생성자까지 내려가 생성자의 `.grad` 를 채우고, 그 과정에서 생성자 쪽 계산 그래프를 **지웁니다**.
# 그래서 같은 `fake` 로 생성자 단계를 하려 하면 오류가 납니다. (오류가 안 나게 매번 `G(z)` 를 새로 부르면, 이번에는 판별자 단계가 남긴 기울기가
# 생성자 `.grad` 에 쌓인 채 섞여 들어가 조용히 틀립니다.)

# %% tags=["raises-exception"]
fake = G(torch.randn(64, Z_DIM))
real = x_train[:64]
loss_D = (F.binary_cross_entropy_with_logits(D(real), torch.ones(64, 1))
          + F.binary_cross_entropy_with_logits(D(fake), torch.zeros(64, 1)))   # no detach()
opt_D.zero_grad()
loss_D.backward()
print("판별자 단계 뒤 생성자 첫 층의 .grad 가 채워졌나?", G[0].weight.grad is not None and G[0].weight.grad.abs().sum().item() > 0)
loss_G = F.binary_cross_entropy_with_logits(D(fake), torch.ones(64, 1))
loss_G.backward()    # RuntimeError: the generator's part of the graph was freed by loss_D.backward()

# %% [markdown]
# **고치기**: 판별자에는 `fake.detach()` 를 넘깁니다. 위의 `gan_step` 처럼 하면 판별자 단계는 생성자를 건드리지 않고, 같은 `fake` 로 생성자 단계를 할 수 있습니다.

# %%
G.zero_grad()
fake = G(torch.randn(64, Z_DIM))
loss_D = (F.binary_cross_entropy_with_logits(D(real), torch.ones(64, 1))
          + F.binary_cross_entropy_with_logits(D(fake.detach()), torch.zeros(64, 1)))
loss_D.backward()
print("판별자 단계 뒤 생성자 첫 층의 .grad:", G[0].weight.grad)
loss_G = F.binary_cross_entropy_with_logits(D(fake), torch.ones(64, 1))
loss_G.backward()
print("생성자 단계의 backward 성공, 생성자 기울기 크기:", round(G[0].weight.grad.norm().item(), 4))

# %% [markdown]
# ### 실수 2: 시그모이드 + `nn.BCELoss` 로 판별자 손실을 쓴다
#
# 판별자가 가짜를 "진짜" 라고 아주 확신하며 틀리면 (로짓 20, 40) 시그모이드가 float32 에서 정확히 1.0 이 되고, `BCELoss` 는 $\log 0$ 을 −100 으로 잘라
# 손실을 엉뚱한 값으로 만들며 **기울기는 0** 이 됩니다. 가장 크게 틀린 샘플에서 아무것도 배우지 못합니다. 오류가 나지 않아 눈치채기 어렵습니다.

# %%
logit = torch.tensor([40.0, 20.0], requires_grad=True)   # D is sure these fakes are real
target = torch.zeros(2)                                    # ... but they are fake
wrong = nn.BCELoss()(torch.sigmoid(logit), target)
wrong.backward()
print(f"sigmoid + BCELoss: 손실 {wrong.item():.1f}, 로짓의 기울기 {logit.grad.tolist()}")

# %% [markdown]
# **고치기**: 모델은 로짓을 내고, 손실은 시그모이드를 안에서 안정하게 계산하는 `F.binary_cross_entropy_with_logits` (`nn.BCEWithLogitsLoss`) 로 씁니다.

# %%
logit.grad = None
right = F.binary_cross_entropy_with_logits(logit, target)
right.backward()
print(f"BCE with logits: 손실 {right.item():.1f} (= (40 + 20) / 2), 로짓의 기울기 {logit.grad.tolist()}")


# %% [markdown]
# ### 실수 3: VAE 손실에서 복원 항을 픽셀 평균으로, KL 은 합으로 쓴다 (KL 의 단위가 어긋남)
#
# `F.binary_cross_entropy_with_logits(logits, x)` 의 기본값은 **모든 원소의 평균**입니다. 그러면 복원 항은 784 로 나뉘고 KL 은 그대로라,
# KL 이 784배 무거워집니다. 인코더는 KL 을 0 으로 만드는 쪽(모든 이미지를 같은 $\mathcal N(0, I)$ 로)을 택하고, 디코더는 입력과 상관없이
# 평균 비슷한 이미지를 냅니다 (**사후 붕괴**, posterior collapse). 오류 없이 학습이 끝나서 눈치채기 어렵습니다. 2 에포크만 학습해 봅니다.

# %%
def vae_loss_pixel_mean(logits, x, mu, logvar):
    recon = F.binary_cross_entropy_with_logits(logits, x)                    # mean over batch AND pixels
    kl = (0.5 * (mu ** 2 + logvar.exp() - 1 - logvar)).sum(dim=1).mean()   # sum over latent dims
    return recon + kl


def collapsed_batch_loss(model, xb):
    logits, mu, logvar = model(xb)
    return vae_loss_pixel_mean(logits, xb, mu, logvar)


collapsed = VAE()
train_epochs(collapsed, collapsed_batch_loss, epochs=2, desc="잘못된 VAE 손실")
with torch.no_grad():
    _, mu_c, logvar_c = collapsed(x_test)
    kl_c = (0.5 * (mu_c ** 2 + logvar_c.exp() - 1 - logvar_c)).sum(dim=1).mean().item()
    mse_c = F.mse_loss(torch.sigmoid(collapsed.decoder(mu_c)), x_test).item()
print(f"테스트 KL {kl_c:.3f} nats (제대로 학습한 VAE: {kl.item():.1f}) | 복원 MSE {mse_c:.4f} (평균 이미지 기준선 {mean_image_mse:.4f})")
with torch.no_grad():
    fig = helpers.plot.show_images(as_images(torch.sigmoid(collapsed.decoder(mu_c[:8]))), ncols=8)
fig.suptitle("사후 붕괴: 서로 다른 8장의 '복원' 이 거의 같다", y=1.02)
plt.show()

# %% [markdown]
# **고치기**: 2.3 의 `vae_loss_bernoulli` 처럼 복원 항은 픽셀 방향으로 **합**(`reduction="none"` 후 `.sum(dim=1)`), 배치 방향으로 평균합니다.
# KL 의 **부호**도 자주 틀립니다: $-\tfrac12(\mu^2 + \sigma^2 - 1 - \log\sigma^2)$ 처럼 부호를 뒤집으면 KL 이 음수가 되고, 손실을 줄이려고
# $\mu$ 를 한없이 키워 학습이 발산합니다. KL 은 언제나 0 이상이니, 처음 몇 배치에서 KL 값이 음수가 아닌지 찍어 보는 것이 가장 싼 검사입니다.

# %%
kl_wrong_sign = (-0.5 * (mu_test ** 2 + logvar_test.exp() - 1 - logvar_test)).sum(dim=1).mean()
print(f"부호가 뒤집힌 KL: {kl_wrong_sign:.1f} (음수면 틀린 식) | 바른 KL: {kl:.1f}")

# %% [markdown]
# ## 📝 요약
#
# 1. 오토인코더의 디코더에 임의의 코드를 넣으면 숫자가 거의 나오지 않습니다. 코드가 어디에 놓일지 약속이 없기 때문입니다. VAE 는 KL 항으로 코드의 분포를
#    $\mathcal N(0, I)$ 근처에 두게 해서, $\mathcal N(0, I)$ 에서 뽑은 $z$ 를 디코딩하는 것이 곧 생성이 되게 합니다 (대신 복원이 조금 흐려집니다).
# 2. 재매개변수화 기법 $z = \mu + \sigma\cdot\varepsilon$ 은 무작위성을 매개변수 없는 $\varepsilon$ 으로 옮겨, $z$ 를 $\mu$, $\log\sigma^2$ 의 미분 가능한 함수로 만듭니다.
#    `sample()` 은 기울기를 끊고 `rsample()` 은 잇습니다.
# 3. 복원 항은 "잘 되살려라", KL 항은 "표준 정규에서 멀어지지 마라" 입니다. 둘 다 이미지 한 장의 값(픽셀 합, 잠재 차원 합)을 배치 평균해야 단위가 맞습니다.
#    복원을 픽셀 평균하면 KL 이 784배 무거워져 사후 붕괴가 일어납니다. KL 은 닫힌 식 $\tfrac12\sum(\mu^2+\sigma^2-1-\log\sigma^2) \ge 0$ 이고 몬테카를로 추정과 맞습니다.
# 4. 판별자 단계에서 `detach()` 를 빼면 판별자 손실의 기울기가 생성자로 흘러 `.grad` 를 더럽히고 그래프를 지워, 같은 가짜로 하는 생성자 단계가 오류를 냅니다.
#    손실은 로짓과 `binary_cross_entropy_with_logits` 로: 시그모이드 + `BCELoss` 는 크게 틀린 샘플에서 기울기 0 을 냅니다.
# 5. 손실 곡선으로는 GAN 의 품질을 말할 수 없습니다. 판정용 분류기의 확신 비율(진짜 이미지와 비교), 클래스 히스토그램(모드 붕괴), 최근접 학습 이미지 거리
#    (복사 여부)처럼 바깥 잣대로 잽니다. 점수 하나로는 속습니다: 20 CPU-초의 DCGAN 은 분류기가 확신하는 "1" 하나만 만드는 모드 붕괴에 빠졌고,
#    그 사실은 클래스 히스토그램이 보여 주었습니다. 학습 이미지를 복사하지는 않았습니다.
