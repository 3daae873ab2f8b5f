"""Known-wrong answers for 12_rnn_lstm: each must lose its exercise's points (python -m grading.fastcheck 12_rnn_lstm).

CORRECT lists right answers in other styles that must keep their points.
"""

from grading.mutants import edit

MUTANTS = {
    "ex_gru_cell": [
        # reads the blocks in the order (z, r, n)
        ("swap_r_z", edit(("i_r, i_z, i_n = gi.chunk", "i_z, i_r, i_n = gi.chunk"),
                          ("h_r, h_z, h_n = gh.chunk", "h_z, h_r, h_n = gh.chunk"))),
        # b_hn added outside the reset gate (the textbook form, not PyTorch's)
        ("b_hn_outside_r", '''def gru_cell(x, h, W_ih, W_hh, b_ih, b_hh):
    H = h.shape[1]
    gi = x @ W_ih.T + b_ih
    r = torch.sigmoid(gi[:, :H] + h @ W_hh[:H].T + b_hh[:H])
    z = torch.sigmoid(gi[:, H:2 * H] + h @ W_hh[H:2 * H].T + b_hh[H:2 * H])
    n = torch.tanh(gi[:, 2 * H:] + r * (h @ W_hh[2 * H:].T) + b_hh[2 * H:])
    return (1 - z) * n + z * h
'''),
        # z and 1 - z swapped in the blend
        ("blend_swapped", edit(("return (1 - z) * n + z * h", "return z * n + (1 - z) * h"))),
        # sigmoid instead of tanh for the candidate
        ("sigmoid_candidate", edit(("n = torch.tanh(i_n + r * h_n)", "n = torch.sigmoid(i_n + r * h_n)"))),
    ],
    "ex_gradient_reach": [
        # returns the time index instead of the distance from the end
        ("index_not_distance", edit(("            return k\n", "            return T - 1 - k\n"))),
        # back-propagates the sum of every step's output, not the last step's
        ("all_outputs", edit(("out[0, -1].sum().backward()", "out.sum().backward()"))),
        # the experiment opens the reset gate instead of the update gate
        ("reset_gate_bias", edit(("gru.bias_ih_l0[32:64] += update_bias", "gru.bias_ih_l0[0:32] += update_bias"))),
        # one step too far
        ("off_by_one", edit(("            return k\n", "            return k + 1\n"))),
    ],
    "ex_make_windows_multi": [
        # target one step too late (and one window too few)
        ("target_one_late", edit(("y = data[window + horizon - 1:, target_col].clone()", "y = data[window + horizon:, target_col].clone()"),
                                 ("n = len(data) - window - horizon + 1", "n = len(data) - window - horizon"))),
        # forgets the horizon: the target is the window's last day
        ("ignores_horizon", edit(("y = data[window + horizon - 1:, target_col].clone()", "y = data[window - 1:window - 1 + n, target_col].clone()"))),
        # keeps only the target column in X
        ("target_column_only", edit(("X = torch.stack([data[i:i + window] for i in range(n)])",
                                     "X = torch.stack([data[i:i + window, target_col:target_col + 1] for i in range(n)])"))),
        # no ValueError for a series that is too short
        ("no_value_error", edit(("    if n < 1:\n        raise ValueError(\"시계열이 창과 예측 거리보다 짧습니다\")\n", ""))),
    ],
    "ex_train_forecaster": [
        # the model ignores what it learned and repeats the last value (persistence)
        ("persistence", edit(("return self.head(out[:, -1]).squeeze(-1) * self.std + self.mean",
                              "return x[:, -1, 0] + 0 * self.head(out[:, -1]).squeeze(-1)"))),
        # trained on next-day targets, judged seven days ahead
        ("horizon_one", edit(("X, y = make_windows_multi(train_data, WINDOW, HORIZON, target_col=0)",
                              "X, y = make_windows_multi(train_data, WINDOW, 1, target_col=0)"))),
        # over the budget: 60 epochs
        ("too_many_epochs", edit(("for _ in range(20):", "for _ in range(60):"))),
        # trained and predicting in standardised units: forgets to turn the output back into °C
        ("no_unscale", edit(("return self.head(out[:, -1]).squeeze(-1) * self.std + self.mean",
                             "return self.head(out[:, -1]).squeeze(-1)"),
                            ("loss = F.mse_loss((model(X[idx]) - mean) / std, (y[idx] - mean) / std)",
                             "loss = F.mse_loss(model(X[idx]), (y[idx] - mean) / std)"))),
    ],
    "ex_encode_batch": [
        # always pads to max_len
        ("pad_to_max_len", edit(("ids = torch.full((len(seqs), int(lengths.max())), pad_id, dtype=torch.long)",
                                 "ids = torch.full((len(seqs), max_len), pad_id, dtype=torch.long)"))),
        # pads on the left
        ("left_padding", edit(("ids[row, :len(s)] = torch.tensor(s, dtype=torch.long)",
                               "ids[row, ids.shape[1] - len(s):] = torch.tensor(s, dtype=torch.long)"))),
        # an empty review gets length 0
        ("empty_length_zero", '''def encode_batch(texts, tokenizer, max_len, pad_id):
    seqs = [tokenizer.encode(text).ids[:max_len] for text in texts]
    lengths = torch.tensor([len(s) for s in seqs], dtype=torch.long)
    ids = torch.full((len(seqs), max(1, int(lengths.max()))), pad_id, dtype=torch.long)
    for row, s in enumerate(seqs):
        ids[row, :len(s)] = torch.tensor(s, dtype=torch.long)
    return ids, lengths
'''),
        # no truncation at max_len
        ("no_truncation", edit(("tokenizer.encode(text).ids[:max_len] or [pad_id]", "tokenizer.encode(text).ids or [pad_id]"))),
    ],
    "ex_sentiment_gru": [
        # no packing: the last column of the padded output (pads change the logits)
        ("no_packing", edit(("""        packed = nn.utils.rnn.pack_padded_sequence(self.embed(ids), lengths.cpu(), batch_first=True, enforce_sorted=False)
        _, h = self.gru(packed)
        return self.head(h[-1])""", """        out, _ = self.gru(self.embed(ids))
        return self.head(out[:, -1])"""))),
        # mean over every position, pads included
        ("mean_with_pads", edit(("""        packed = nn.utils.rnn.pack_padded_sequence(self.embed(ids), lengths.cpu(), batch_first=True, enforce_sorted=False)
        _, h = self.gru(packed)
        return self.head(h[-1])""", """        out, _ = self.gru(self.embed(ids))
        return self.head(out.mean(dim=1))"""))),
        # packing that demands sorted lengths (fails on an unsorted batch)
        ("enforce_sorted", edit(("enforce_sorted=False", "enforce_sorted=True"))),
        # classifies from the first step's output
        ("first_step", edit(("""        packed = nn.utils.rnn.pack_padded_sequence(self.embed(ids), lengths.cpu(), batch_first=True, enforce_sorted=False)
        _, h = self.gru(packed)
        return self.head(h[-1])""", """        out, _ = self.gru(self.embed(ids))
        return self.head(out[:, 0])"""))),
    ],
    "ex_train_sentiment": [
        # labels not shuffled together with the reviews
        ("labels_misaligned", edit(("labels[idx])", "labels[:len(idx)])"))),
        # a learning rate far too small for two epochs
        ("tiny_lr", edit(("lr=5e-3", "lr=1e-5"))),
        # over the budget: 4 epochs of batch 64
        ("over_budget", edit(("for _ in range(2):", "for _ in range(4):"), (".split(128)", ".split(64)"))),
    ],
}

CORRECT = {
    "ex_gru_cell": [
        # F.linear and slices by the hidden size; h' written as n + z (h - n)
        ("linear_slices", '''def gru_cell(x, h, W_ih, W_hh, b_ih, b_hh):
    H = h.shape[1]
    gi = F.linear(x, W_ih, b_ih)
    gh = F.linear(h, W_hh, b_hh)
    r = torch.sigmoid(gi[:, :H] + gh[:, :H])
    z = torch.sigmoid(gi[:, H:2 * H] + gh[:, H:2 * H])
    n = torch.tanh(gi[:, 2 * H:] + r * gh[:, 2 * H:])
    return n + z * (h - n)
'''),
    ],
    "ex_gradient_reach": [
        # torch.autograd.grad and a vectorised search; the experiment written out twice
        ("autograd_grad", '''def gradient_reach(layer, x, ratio=1e-3):
    x = x.clone().requires_grad_()
    out = layer(x)[0]
    (grad,) = torch.autograd.grad(out[0, -1].sum(), x)
    norms = grad[0].norm(dim=1)
    T = norms.shape[0]
    small = (norms[:-1] < ratio * norms[-1]).nonzero().flatten()
    return int(T - 1 - small[-1]) if len(small) else T


torch.manual_seed(0)
gru = nn.GRU(4, 32, batch_first=True)
reach_default = gradient_reach(gru, torch.randn(1, 120, 4))
torch.manual_seed(0)
gru = nn.GRU(4, 32, batch_first=True)
with torch.no_grad():
    gru.bias_ih_l0[32:64].add_(2.0)
reach_open = gradient_reach(gru, torch.randn(1, 120, 4))
'''),
    ],
    "ex_make_windows_multi": [
        # unfold + index tensor
        ("unfold", '''def make_windows_multi(data, window, horizon, target_col=0):
    n = data.shape[0] - window - horizon + 1
    if n <= 0:
        raise ValueError("too short")
    X = data.unfold(0, window, 1)[:n].transpose(1, 2).contiguous()
    y = data[torch.arange(n) + window + horizon - 1, target_col]
    return X, y
'''),
    ],
    "ex_train_forecaster": [
        # a GRU on temp_max, L1 loss, batch 64, 25 epochs
        ("gru_l1", '''WINDOW, HORIZON = 28, 7


class Forecaster(nn.Module):
    def __init__(self, mean, std):
        super().__init__()
        self.register_buffer("mean", torch.as_tensor(mean, dtype=torch.float32))
        self.register_buffer("std", torch.as_tensor(std, dtype=torch.float32))
        self.gru = nn.GRU(1, 32, batch_first=True)
        self.out = nn.Linear(32, 1)

    def forward(self, x):
        h = self.gru((x[..., :1] - self.mean) / self.std)[1][-1]
        return (self.out(h) * self.std + self.mean)[:, 0]


def train_forecaster(train_data):
    X, y = make_windows_multi(train_data, WINDOW, HORIZON)
    model = Forecaster(train_data[:, 0].mean(), train_data[:, 0].std())
    opt = torch.optim.Adam(model.parameters(), lr=1e-2)
    for epoch in range(25):
        perm = torch.randperm(len(X))
        for start in range(0, len(X), 64):
            idx = perm[start:start + 64]
            loss = (model(X[idx]) - y[idx]).abs().mean()
            opt.zero_grad()
            loss.backward()
            opt.step()
    return model
'''),
    ],
    "ex_encode_batch": [
        # tokenizer.encode_batch + pad_sequence
        ("pad_sequence", '''def encode_batch(texts, tokenizer, max_len, pad_id):
    rows = []
    for enc in tokenizer.encode_batch(list(texts)):
        ids = enc.ids[:max_len]
        rows.append(torch.tensor(ids if ids else [pad_id], dtype=torch.int64))
    lengths = torch.tensor([len(r) for r in rows], dtype=torch.int64)
    ids = nn.utils.rnn.pad_sequence(rows, batch_first=True, padding_value=pad_id)
    return ids, lengths
'''),
    ],
    "ex_sentiment_gru": [
        # no packing, but the output at each review's last real token (a GRU never looks ahead)
        ("gather_last", '''class SentimentGRU(nn.Module):
    def __init__(self, vocab_size, pad_id, emb_dim=32, hidden=32):
        super().__init__()
        self.emb = nn.Embedding(vocab_size, emb_dim, padding_idx=pad_id)
        self.rnn = nn.GRU(emb_dim, hidden, batch_first=True)
        self.fc = nn.Linear(hidden, 2)

    def forward(self, ids, lengths):
        out, _ = self.rnn(self.emb(ids))
        last = out[torch.arange(ids.shape[0]), lengths - 1]
        return self.fc(last)
'''),
    ],
    "ex_train_sentiment": [
        # problem 6's GRU (emb 64, hidden 64), two epochs of batch 128
        ("gru_two_epochs", '''def train_sentiment(ids, lengths, labels, vocab_size, pad_id):
    model = SentimentGRU(vocab_size, pad_id, emb_dim=64, hidden=64)
    opt = torch.optim.Adam(model.parameters(), lr=5e-3)
    for epoch in range(2):
        model.train()
        perm = torch.randperm(len(labels))
        for start in range(0, len(labels), 128):
            idx = perm[start:start + 128]
            loss = nn.functional.cross_entropy(model(ids[idx], lengths[idx]), labels[idx])
            opt.zero_grad()
            loss.backward()
            opt.step()
    model.eval()
    return model
'''),
    ],
}
