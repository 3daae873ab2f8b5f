import sys, time, torch, torch.nn as nn, torch.nn.functional as F
import helpers
d = helpers.data.load_mnist()
xtr = torch.tensor(d.x_train, dtype=torch.float32) / 255.0
ytr = torch.tensor(d.y_train)
xte = torch.tensor(d.x_test, dtype=torch.float32) / 255.0
yte = torch.tensor(d.y_test)

def mlp(p=0.0):
    return nn.Sequential(nn.Flatten(), nn.Linear(784,256), nn.ReLU(), nn.Dropout(p), nn.Linear(256,128), nn.ReLU(), nn.Dropout(p), nn.Linear(128,10))

def shift(x, m=2):
    # x: B,28,28 ; random shift per sample via pad + crop
    B = x.shape[0]
    xp = F.pad(x, (m,m,m,m))
    dx = torch.randint(0, 2*m+1, (B,)); dy = torch.randint(0, 2*m+1, (B,))
    idx_r = (dy[:,None] + torch.arange(28)[None,:])  # B,28
    idx_c = (dx[:,None] + torch.arange(28)[None,:])
    return xp[torch.arange(B)[:,None,None], idx_r[:,:,None], idx_c[:,None,:]]

def run(seed, epochs=15, bs=128, lr=3e-3, p=0.2, aug=1, ls=0.1, sched='onecycle', wd=0.0):
    torch.manual_seed(seed)
    m = mlp(p)
    opt = torch.optim.AdamW(m.parameters(), lr=lr, weight_decay=wd) if wd else torch.optim.Adam(m.parameters(), lr=lr)
    steps = epochs * ((len(xtr)+bs-1)//bs)
    if sched=='onecycle':
        sch = torch.optim.lr_scheduler.OneCycleLR(opt, max_lr=lr, total_steps=steps)
    elif sched=='cos':
        sch = torch.optim.lr_scheduler.CosineAnnealingLR(opt, steps)
    elif sched=='cosep':
        sch = torch.optim.lr_scheduler.CosineAnnealingLR(opt, epochs)
    else: sch=None
    lossf = nn.CrossEntropyLoss(label_smoothing=ls)
    t=time.perf_counter()
    for ep in range(epochs):
        m.train()
        perm = torch.randperm(len(xtr))
        for i in range(0, len(xtr), bs):
            idx = perm[i:i+bs]
            xb, yb = xtr[idx], ytr[idx]
            if aug: xb = shift(xb, aug)
            opt.zero_grad()
            loss = lossf(m(xb), yb); loss.backward(); opt.step()
            if sch and sched!='cosep': sch.step()
        if sch and sched=='cosep': sch.step()
    el = time.perf_counter()-t
    m.eval()
    with torch.no_grad(): acc = (m(xte).argmax(1)==yte).float().mean().item()
    return acc, el

cfgs = eval(sys.argv[1])
for cfg in cfgs:
    res = [run(s, **cfg) for s in range(5)]
    print(cfg, ' '.join(f'{a:.4f}' for a,_ in res), f'mean {sum(a for a,_ in res)/5:.4f}', f't {sum(e for _,e in res)/5:.1f}s', flush=True)
