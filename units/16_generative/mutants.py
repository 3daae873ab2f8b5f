"""Known-wrong answers for 16_generative: each must lose its exercise's points
(python -m grading.fastcheck 16_generative). CORRECT lists right answers in other styles that must keep their points.
"""

from grading.mutants import edit

MUTANTS = {
    "ex_reparameterize": [
        # exp(logvar) used as the standard deviation (forgets the 1/2)
        ("std_is_variance", edit(("std = (0.5 * logvar).exp()", "std = logvar.exp()"))),
        # logvar used directly as the standard deviation
        ("logvar_as_std", edit(("std = (0.5 * logvar).exp()", "std = logvar"))),
        # mu detached: no gradient reaches the encoder's mean
        ("detached_mu", edit(("return mu + eps * std", "return mu.detach() + eps * std"))),
        # uniform noise instead of standard normal
        ("uniform_noise", edit(("eps = torch.randn_like(mu)", "eps = torch.rand_like(mu)"))),
        # ignores the given eps (always samples): not deterministic
        ("ignores_eps", edit(("if eps is None:\n        eps = torch.randn_like(mu)", "eps = torch.randn_like(mu)"))),
        # adds the noise into mu in place
        ("in_place", edit(("return mu + eps * std", "return mu.add_(eps * std)"))),
    ],
    "ex_kl_diag": [
        # KL(p || q) instead of KL(q || p)
        ("swapped_q_p", edit(("per_dim = logvar_p - logvar_q + (logvar_q.exp() + (mu_q - mu_p) ** 2) / logvar_p.exp() - 1",
                              "per_dim = logvar_q - logvar_p + (logvar_p.exp() + (mu_p - mu_q) ** 2) / logvar_q.exp() - 1"))),
        # the mean difference not divided by the prior variance
        ("mean_term_unscaled", edit(("(logvar_q.exp() + (mu_q - mu_p) ** 2) / logvar_p.exp()",
                                     "logvar_q.exp() / logvar_p.exp() + (mu_q - mu_p) ** 2"))),
        # forgets the 1/2
        ("no_half", edit(("return 0.5 * per_dim.sum(dim=-1)", "return per_dim.sum(dim=-1)"))),
        # mean over the latent dims instead of the sum
        ("mean_over_dims", edit(("return 0.5 * per_dim.sum(dim=-1)", "return 0.5 * per_dim.mean(dim=-1)"))),
        # log-variance ratio with the wrong sign
        ("log_ratio_sign", edit(("per_dim = logvar_p - logvar_q +", "per_dim = logvar_q - logvar_p +"))),
        # sums over the first dimension (batch) instead of the last
        ("sum_dim0", edit(("return 0.5 * per_dim.sum(dim=-1)", "return 0.5 * per_dim.sum(dim=0)"))),
    ],
    "ex_gaussian_loss": [
        # mean over the pixels (F.mse_loss default): the reconstruction term shrinks by the pixel count
        ("mean_over_pixels", edit(("recon = nll.flatten(start_dim=1).sum(dim=1).mean()", "recon = nll.mean()"))),
        # sum over the batch as well
        ("sum_over_batch", edit(("recon = nll.flatten(start_dim=1).sum(dim=1).mean()", "recon = nll.sum()"))),
        # leaves out the constant terms
        ("no_constant", edit(("nll = (x - x_hat) ** 2 / (2 * sigma ** 2) + math.log(sigma) + 0.5 * math.log(2 * math.pi)",
                              "nll = (x - x_hat) ** 2 / (2 * sigma ** 2)"))),
        # sigma where sigma squared belongs
        ("sigma_not_squared", edit(("(x - x_hat) ** 2 / (2 * sigma ** 2)", "(x - x_hat) ** 2 / (2 * sigma)"))),
        # beta on the reconstruction term
        ("beta_on_recon", edit(("return recon + beta * kl, recon, kl", "return beta * recon + kl, recon, kl"))),
        # sums only the last dimension of a (B, 1, 28, 28) image
        ("sum_last_dim_only", edit(("recon = nll.flatten(start_dim=1).sum(dim=1).mean()", "recon = nll.sum(dim=-1).mean()"))),
        # KL with the wrong sign
        ("kl_sign", edit(("kl = kl_diag_gaussians(mu, logvar, torch.zeros_like(mu), torch.zeros_like(logvar)).mean()",
                          "kl = -kl_diag_gaussians(mu, logvar, torch.zeros_like(mu), torch.zeros_like(logvar)).mean()"))),
    ],
    "ex_vae": [
        # no KL term in training: an autoencoder with a noisy code
        ("no_kl", edit(("loss = gaussian_vae_loss(x_hat, xb, mu, logvar, sigma=sigma, beta=beta)[0]",
                        "loss = gaussian_vae_loss(x_hat, xb, mu, logvar, sigma=sigma, beta=beta)[1]"))),
        # the reconstruction averaged over pixels inside training (KL 784 times too heavy): posterior collapse
        ("pixel_mean_training", edit(("loss = gaussian_vae_loss(x_hat, xb, mu, logvar, sigma=sigma, beta=beta)[0]",
                                      "_, recon, kl = gaussian_vae_loss(x_hat, xb, mu, logvar, sigma=sigma, beta=beta)\n"
                                      "            loss = recon / 784 + beta * kl"))),
        # trains one epoch whatever `epochs` says
        ("one_epoch", edit(("for _ in range(epochs):", "for _ in range(1):"))),
        # never clears the gradients
        ("no_zero_grad", edit(("            opt.zero_grad()\n", ""))),
        # forward decodes mu: no sampling at all (the blind reviewer's forward_z_is_mu)
        ("forward_z_is_mu", edit(("        return self.decode(reparameterize(mu, logvar)), mu, logvar", "        return self.decode(mu), mu, logvar"))),
        # the blind reviewer's wrong answers that ignore an argument of train_vae
        ("ignores_beta", edit(("sigma=sigma, beta=beta)[0]", "sigma=sigma, beta=1.0)[0]"))),
        ("ignores_sigma", edit(("sigma=sigma, beta=beta)[0]", "sigma=0.1, beta=beta)[0]"))),
        ("global_randperm", edit(("torch.randperm(len(x), generator=gen)", "torch.randperm(len(x))"))),
        # decoder without the final sigmoid: outputs leave 0..1
        ("no_sigmoid", edit(("nn.Linear(256, 784), nn.Sigmoid(),", "nn.Linear(256, 784),"))),
    ],
    "ex_d_step": [
        # fake not detached: the generator's .grad gets filled
        ("no_detach", edit(("with torch.no_grad():\n        fake = G(z)", "fake = G(z)"))),
        # labels swapped: real -> 0, fake -> 1
        ("labels_swapped", edit(("loss = 0.5 * (D(real) - 1).pow(2).mean() + 0.5 * D(fake).pow(2).mean()",
                                 "loss = 0.5 * D(real).pow(2).mean() + 0.5 * (D(fake) - 1).pow(2).mean()"))),
        # BCE with logits instead of least squares
        ("bce_loss", edit(("loss = 0.5 * (D(real) - 1).pow(2).mean() + 0.5 * D(fake).pow(2).mean()",
                           "loss = (F.binary_cross_entropy_with_logits(D(real), torch.ones(len(real), 1, device=real.device))\n"
                           "            + F.binary_cross_entropy_with_logits(D(fake), torch.zeros(len(fake), 1, device=real.device)))"))),
        # returns the loss after the update
        ("loss_after_step", edit(("    opt_d.step()\n    return loss.item()",
                                  "    opt_d.step()\n    return (0.5 * (D(real) - 1).pow(2).mean() + 0.5 * D(fake).pow(2).mean()).item()"))),
        # never clears D's gradients: the stale .grad the test leaves on D is added to the step
        ("no_zero_grad", edit(("    opt_d.zero_grad()\n", ""))),
        # puts G in eval mode to make the fakes and never switches it back
        ("leaves_G_eval", edit(("    with torch.no_grad():\n        fake = G(z)", "    G.eval()\n    with torch.no_grad():\n        fake = G(z)"))),
        # clears after backward: the step uses no gradient at all
        ("zero_grad_after_backward", edit(("    opt_d.zero_grad()\n    loss.backward()\n", "    loss.backward()\n    opt_d.zero_grad()\n"))),
    ],
    "ex_g_step": [
        # fake detached in the generator step: no gradient reaches G
        ("detached_fake", edit(("loss = 0.5 * (D(G(z)) - 1).pow(2).mean()", "loss = 0.5 * (D(G(z).detach()) - 1).pow(2).mean()"))),
        # target 0: the generator helps the discriminator
        ("target_zero", edit(("loss = 0.5 * (D(G(z)) - 1).pow(2).mean()", "loss = 0.5 * D(G(z)).pow(2).mean()"))),
        # forgets the 1/2
        ("no_half", edit(("loss = 0.5 * (D(G(z)) - 1).pow(2).mean()", "loss = (D(G(z)) - 1).pow(2).mean()"))),
        # never clears G's gradients: the stale .grad the test leaves on G is added to the step
        ("no_zero_grad", edit(("    opt_g.zero_grad()\n", ""))),
        # freezes D to spare its .grad and never unfreezes it
        ("leaves_D_frozen", edit(("    loss = 0.5 * (D(G(z)) - 1).pow(2).mean()\n",
                                  "    D.requires_grad_(False)\n    loss = 0.5 * (D(G(z)) - 1).pow(2).mean()\n"))),
    ],
    "ex_beta_experiment": [
        # the last beta still within 1.2x instead of the first one over it
        ("last_within", edit(("BETA_STAR = next((b for b, d in zip(BETAS, DISTORTION) if d > 1.2 * DISTORTION[0]), None)",
                              "BETA_STAR = [b for b, d in zip(BETAS, DISTORTION) if d <= 1.2 * DISTORTION[0]][-1]"))),
        # beta ignored in training (every model the same)
        ("beta_ignored", edit(("train_vae(beta_models[beta], x_train[:3000], epochs=2, beta=beta)",
                               "train_vae(beta_models[beta], x_train[:3000], epochs=2)"))),
        # measures the distortion on a sampled z instead of z = mu
        ("sampled_z", edit(("mse = F.mse_loss(model.decode(mu), xd).item()",
                            "mse = F.mse_loss(model.decode(reparameterize(mu, logvar)), xd).item()"))),
        # KL summed over the whole set instead of averaged per image
        ("kl_total", edit(("torch.zeros_like(logvar)).mean().item()", "torch.zeros_like(logvar)).sum().item()"))),
        # the last beta, not the first one over the threshold
        ("last_over", edit(("BETA_STAR = next((b for b, d in zip(BETAS, DISTORTION) if d > 1.2 * DISTORTION[0]), None)",
                            "BETA_STAR = [None] + [b for b, d in zip(BETAS, DISTORTION) if d > 1.2 * DISTORTION[0]]\n"
                            "BETA_STAR = BETA_STAR[-1]"))),
    ],
}

CORRECT = {
    "ex_reparameterize": [
        ("distributions_rsample", '''def reparameterize(mu, logvar, eps=None):
    std = torch.sqrt(torch.exp(logvar))
    if eps is None:
        return torch.distributions.Normal(mu, std).rsample()
    return torch.addcmul(mu, std, eps)
'''),
    ],
    "ex_kl_diag": [
        ("distributions", '''def kl_diag_gaussians(mu_q, logvar_q, mu_p, logvar_p):
    q = torch.distributions.Normal(mu_q, torch.exp(0.5 * logvar_q))
    p = torch.distributions.Normal(mu_p, torch.exp(0.5 * logvar_p))
    return torch.distributions.kl_divergence(q, p).sum(-1)
'''),
        ("std_form", '''def kl_diag_gaussians(mu_q, logvar_q, mu_p, logvar_p):
    sq, sp = torch.exp(0.5 * logvar_q), torch.exp(0.5 * logvar_p)
    return (torch.log(sp / sq) + (sq ** 2 + (mu_q - mu_p) ** 2) / (2 * sp ** 2) - 0.5).sum(-1)
'''),
    ],
    "ex_gaussian_loss": [
        ("gaussian_nll_loss", '''def gaussian_vae_loss(x_hat, x, mu, logvar, sigma=0.1, beta=1.0):
    var = torch.full_like(x_hat, sigma ** 2)
    recon = F.gaussian_nll_loss(x_hat, x, var, full=True, reduction="sum") / x.shape[0]
    kl = 0.5 * torch.sum(mu.pow(2) + logvar.exp() - 1 - logvar) / mu.shape[0]
    return recon + beta * kl, recon, kl
'''),
        ("normal_log_prob", '''def gaussian_vae_loss(x_hat, x, mu, logvar, sigma=0.1, beta=1.0):
    b = x.shape[0]
    recon = -torch.distributions.Normal(x_hat, sigma).log_prob(x).reshape(b, -1).sum(1).mean()
    kl = kl_diag_gaussians(mu, logvar, torch.zeros_like(mu), torch.zeros_like(logvar)).mean()
    loss = recon + beta * kl
    return loss, recon, kl
'''),
    ],
    "ex_vae": [
        ("conv_vae", '''class VAE(nn.Module):
    def __init__(self, latent_dim=16):
        super().__init__()
        self.latent_dim = latent_dim
        self.conv = nn.Sequential(nn.Conv2d(1, 8, 4, 2, 1), nn.ReLU(), nn.Conv2d(8, 16, 4, 2, 1), nn.ReLU(), nn.Flatten())
        self.mu = nn.Linear(16 * 7 * 7, latent_dim)
        self.logvar = nn.Linear(16 * 7 * 7, latent_dim)
        self.up = nn.Sequential(nn.Linear(latent_dim, 16 * 7 * 7), nn.ReLU(), nn.Unflatten(1, (16, 7, 7)),
                                nn.ConvTranspose2d(16, 8, 4, 2, 1), nn.ReLU(), nn.ConvTranspose2d(8, 1, 4, 2, 1))

    def encode(self, x):
        h = self.conv(x)
        return self.mu(h), self.logvar(h)

    def decode(self, z):
        return torch.sigmoid(self.up(z))

    def forward(self, x):
        mu, logvar = self.encode(x)
        z = reparameterize(mu, logvar)
        return self.decode(z), mu, logvar


def train_vae(model, x, epochs, beta=1.0, sigma=0.1, batch_size=128, lr=1e-3, seed=0):
    opt = torch.optim.Adam(model.parameters(), lr=lr)
    g = torch.Generator().manual_seed(seed)
    dev = next(model.parameters()).device
    losses = []
    for epoch in range(epochs):
        perm = torch.randperm(x.shape[0], generator=g)
        s, n = 0.0, 0
        for i in range(0, x.shape[0], batch_size):
            xb = x[perm[i:i + batch_size]].to(dev)
            x_hat, mu, logvar = model(xb)
            loss, _, _ = gaussian_vae_loss(x_hat, xb, mu, logvar, sigma, beta)
            opt.zero_grad()
            loss.backward()
            opt.step()
            s += float(loss) * len(xb)
            n += len(xb)
        losses.append(s / n)
    return losses
'''),
    ],
    "ex_d_step": [
        ("concat_mse", '''def lsgan_d_step(D, G, real, z, opt_d):
    fake = G(z).detach()
    scores = D(torch.cat([real, fake]))
    targets = torch.cat([torch.ones(len(real), 1), torch.zeros(len(fake), 1)]).to(scores.device)
    loss = F.mse_loss(scores, targets)  # equal halves: the mean of both terms = 1/2 real + 1/2 fake
    D.zero_grad()
    loss.backward()
    opt_d.step()
    return float(loss)
'''),
    ],
    "ex_g_step": [
        ("mse_loss", '''def lsgan_g_step(D, G, z, opt_g):
    scores = D(G(z))
    loss = F.mse_loss(scores, torch.ones_like(scores)) / 2
    G.zero_grad(set_to_none=True)
    loss.backward()
    opt_g.step()
    return loss.detach().cpu().item()
'''),
    ],
    "ex_beta_experiment": [
        ("loop_style", '''def evaluate_vae(model, x):
    model.eval()
    dev = next(model.parameters()).device
    se, kl_sum = 0.0, 0.0
    with torch.no_grad():
        for xb in x.split(500):
            xb = xb.to(dev)
            mu, logvar = model.encode(xb)
            se += ((model.decode(mu) - xb) ** 2).sum().item()
            kl_sum += (0.5 * (mu ** 2 + logvar.exp() - 1 - logvar)).sum().item()
    return se / x.numel(), kl_sum / len(x)


beta_models = {}
DISTORTION = []
RATE = []
for b in BETAS:
    torch.manual_seed(0)
    m = VAE(16).to(device)
    train_vae(m, x_train[:3000], epochs=2, beta=b)
    beta_models[b] = m
    d, r = evaluate_vae(m, x_test)
    DISTORTION.append(d)
    RATE.append(r)
BETA_STAR = None
for b, d in zip(BETAS, DISTORTION):
    if d > 1.2 * DISTORTION[0]:
        BETA_STAR = b
        break
plt.plot(RATE, DISTORTION, "o-")
plt.show()
'''),
    ],
}
