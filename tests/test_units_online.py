"""ONLINE = True paths of unit notebooks, run with the hub loaders mocked (nothing is downloaded).

The lecture of unit 11 defines its loader in notebook cells, so the test takes the lecture's own function
definitions and constant assignments out of units/11_tokens_embeddings/lecture.py (ast) and runs its
`if ONLINE:` cell against them with transformers' from_pretrained replaced by fakes."""

import ast
import types
from pathlib import Path
from unittest import mock

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _lecture_parts(path: Path):
    """Function definitions, constant assignments and the `if ONLINE:` statement of a jupytext lecture."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    defs, online = [], None
    for node in tree.body:
        if isinstance(node, ast.FunctionDef):
            defs.append(node)
        elif isinstance(node, ast.Assign) and all(isinstance(t, ast.Name) and t.id != "ONLINE" for t in node.targets):
            try:
                ast.literal_eval(node.value)
            except ValueError:
                # a comprehension over constants only (GROUPS = [i // 6 for i in range(18)])
                names = {n.id for n in ast.walk(node.value) if isinstance(n, ast.Name)}
                bound = {n.id for n in ast.walk(node.value) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Store)}
                if not isinstance(node.value, ast.ListComp) or names - bound - {"range"}:
                    continue
            defs.append(node)
        elif isinstance(node, ast.If) and isinstance(node.test, ast.Name) and node.test.id == "ONLINE":
            online = node
    return defs, online


def test_unit11_online_e5_path_uses_hub_loader_mocked(capsys):
    torch = pytest.importorskip("torch")
    transformers = pytest.importorskip("transformers")
    import torch.nn.functional as F

    defs, online = _lecture_parts(ROOT / "units" / "11_tokens_embeddings" / "lecture.py")
    assert online is not None, "lecture has no `if ONLINE:` cell"
    seen = {"tok": [], "model": [], "texts": []}

    class FakeTokenizer:
        def __call__(self, texts, padding, truncation, return_tensors):
            seen["texts"].extend(texts)
            n, t = len(texts), 4
            mask = torch.ones(n, t, dtype=torch.long)
            mask[0, 2:] = 0
            return {"input_ids": torch.zeros(n, t, dtype=torch.long), "attention_mask": mask}

    class FakeModel:
        def eval(self):
            return self

        def __call__(self, input_ids, attention_mask):
            g = torch.Generator().manual_seed(0)
            return types.SimpleNamespace(last_hidden_state=torch.randn(*input_ids.shape, 8, generator=g))

    def fake_tok(name, *a, **k):
        seen["tok"].append(name)
        return FakeTokenizer()

    def fake_model(name, *a, **k):
        seen["model"].append(name)
        return FakeModel()

    ns = {"torch": torch, "F": F, "AutoTokenizer": transformers.AutoTokenizer, "AutoModel": transformers.AutoModel,
          "ONLINE": True}
    with mock.patch.object(transformers.AutoTokenizer, "from_pretrained", side_effect=fake_tok), \
            mock.patch.object(transformers.AutoModel, "from_pretrained", side_effect=fake_model):
        exec(compile(ast.Module(body=defs + [online], type_ignores=[]), "lecture.py", "exec"), ns)
    name = ns["E5_NAME"]
    assert seen["tok"] == [name] and seen["model"] == [name]
    assert seen["texts"] == ["query: " + w for w in ns["WORDS_KO"]]
    sim = ns["sim_online"]
    assert tuple(sim.shape) == (18, 18) and torch.allclose(sim.diagonal(), torch.ones(18), atol=1e-5)
    assert name in capsys.readouterr().out


def test_unit14_online_generation_uses_hub_model_mocked(capsys):
    torch = pytest.importorskip("torch")
    transformers = pytest.importorskip("transformers")

    defs, online = _lecture_parts(ROOT / "units" / "14_rag" / "lecture.py")
    assert online is not None, "lecture has no `if ONLINE:` cell"
    seen = {"names": [], "prompts": []}

    class FakeTokenizer:
        def apply_chat_template(self, messages, add_generation_prompt, return_tensors, return_dict):
            seen["prompts"].append(messages[0]["content"])
            ids = torch.zeros(1, 3, dtype=torch.long)
            return {"input_ids": ids, "attention_mask": torch.ones_like(ids)}

        def decode(self, ids, skip_special_tokens):
            return f"답 {len(ids)}개 토큰 [1]"

    class FakeModel:
        def eval(self):
            return self

        def generate(self, input_ids, attention_mask, max_new_tokens, do_sample):
            return torch.zeros(1, input_ids.shape[1] + 2, dtype=torch.long)

    def fake(kind):
        def load(name, *a, **k):
            seen["names"].append(name)
            return kind()
        return load

    ns = {"torch": torch, "ONLINE": True, "prompt": "자료 [1] … 질문: 무엇?"}
    with mock.patch.object(transformers.AutoTokenizer, "from_pretrained", side_effect=fake(FakeTokenizer)), \
            mock.patch.object(transformers.AutoModelForCausalLM, "from_pretrained", side_effect=fake(FakeModel)):
        exec(compile(ast.Module(body=defs + [online], type_ignores=[]), "lecture.py", "exec"), ns)
    assert seen["names"] == [ns["GEN_NAME"]] * 2 and seen["prompts"] == [ns["prompt"]]
    assert "답 2개 토큰 [1]" in capsys.readouterr().out
