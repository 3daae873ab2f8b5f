"""helpers.models.load_tiny_lm (units 13, 15): the shipped checkpoint, its tokenizer, the model's causality, and that
`python -m tools.pretrain_lm` reproduces the figures it recorded (the short recipe; the full one takes minutes)."""
import json
import math

import pytest
import torch

from helpers import data, models


def _record() -> dict:
    from safetensors import safe_open

    with safe_open(str(data.data_path("pretrained/tiny_lm_nsmc.safetensors")), framework="pt") as f:
        return json.loads(f.metadata()["record"])


def test_tiny_lm_loads_checked_small_and_tied():
    model, tok = models.load_tiny_lm()
    assert isinstance(model, models.TinyGPT) and isinstance(tok, models.CharTokenizer) and not model.training
    assert model.head.weight is model.tok.weight
    assert len(tok) == model.config["vocab_size"] and tok.chars[:2] == ["\n", "\ufffd"]
    path = data.data_path("pretrained/tiny_lm_nsmc.safetensors")
    assert path.stat().st_size <= 5 * 1024**2
    assert data.sha256_of(path) == data.expected_checksums()["pretrained/tiny_lm_nsmc.safetensors"]


def test_recorded_validation_loss_matches_weights_and_beats_bigram():
    from helpers._tinylm import eval_loss

    record = _record()
    model, tok = models.load_tiny_lm()
    val = tok.encode_corpus(data.load_nsmc("test")["document"].tolist())
    assert len(val) == record["metrics"]["n_val_chars"]
    loss = eval_loss(model, val, model.ctx)
    assert abs(loss - record["metrics"]["val_loss"]) < 1e-3  # rounding (4 digits) and summation order
    b = record["metrics"]["baselines"]
    assert loss < b["bigram_add_k"] < b["unigram"] < b["uniform"]


def test_tokenizer_round_trip_and_unknown():
    _, tok = models.load_tiny_lm()
    text = "이 영화 정말 재밌다"
    assert tok.decode(tok.encode(text)) == text
    assert tok.encode("\u2603") == [tok.unk_id]  # a snowman never occurs in the reviews
    with pytest.raises(ValueError):
        models.CharTokenizer(["a", "b"])


def test_tiny_gpt_is_causal_and_generates():
    torch.manual_seed(0)
    model = models.TinyGPT(20, d_model=16, n_layer=2, n_head=2, ctx=8).eval()
    x = torch.randint(0, 20, (2, 8))
    y = x.clone()
    y[:, 5] = (y[:, 5] + 1) % 20
    with torch.no_grad():
        a, b = model(x), model(y)
    assert a.shape == (2, 8, 20)
    assert torch.allclose(a[:, :5], b[:, :5]) and not torch.allclose(a[:, 5:], b[:, 5:])
    out = model.generate(x[:, :3], 10, temperature=0)
    assert out.shape == (2, 13) and torch.equal(out[:, :3], x[:, :3])
    with torch.no_grad():
        assert torch.equal(out[:, 3], model(x[:, :3])[:, -1].argmax(-1))
    g1, g2 = torch.Generator().manual_seed(1), torch.Generator().manual_seed(1)
    assert torch.equal(model.generate(x[:, :3], 10, 1.0, g1), model.generate(x[:, :3], 10, 1.0, g2))
    with pytest.raises(ValueError):
        model(torch.zeros(1, 9, dtype=torch.long))


def test_pretrain_quick_recipe_reproduces_its_record():
    """Same code, seed and thread count as the recorded short run: the validation loss agrees to 0.02 nats."""
    from tools.pretrain_lm import RECIPES, train

    record = _record()
    assert record["quick_recipe"] == RECIPES["quick"] and record["recipe"] == RECIPES["full"]
    threads = torch.get_num_threads()
    try:
        _, _, metrics = train(RECIPES["quick"], threads=record["quick_metrics"]["threads"], log=lambda *_: None)
    finally:
        torch.set_num_threads(threads)
        torch.use_deterministic_algorithms(False)
    assert abs(metrics["val_loss"] - record["quick_metrics"]["val_loss"]) < 0.02
    assert metrics["baselines"] == record["quick_metrics"]["baselines"]
    assert metrics["val_loss"] < math.log(metrics["vocab_size"])
