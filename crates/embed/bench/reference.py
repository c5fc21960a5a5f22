#!/usr/bin/env python3
"""Python sentence-transformers reference for vesalius-embed (needs sentence-transformers and torch).

  reference.py embed MODEL_DIR SENTENCES.json OUT.json   write the reference embeddings
  reference.py bench MODEL_DIR SENTENCES.json [THREADS]  print sentences/s as JSON, torch on THREADS (2)

SENTENCES.json is a JSON list of strings. The model folder is the one `vesalius models install` fills.
"""
import json
import sys
import time


def load(model_dir, threads):
    import torch

    torch.set_num_threads(threads)
    from sentence_transformers import SentenceTransformer

    return SentenceTransformer(model_dir, device="cpu")


def main():
    mode, model_dir, sentences_file = sys.argv[1:4]
    sentences = json.load(open(sentences_file, encoding="utf-8"))
    if mode == "embed":
        model = load(model_dir, 2)
        emb = model.encode(sentences, batch_size=32, normalize_embeddings=True, convert_to_numpy=True)
        tokens = [len(model.tokenizer(s)["input_ids"]) for s in sentences]
        json.dump(
            {"max_seq_length": model.max_seq_length, "sentences": sentences, "tokens": tokens,
             "embeddings": [[round(float(x), 5) for x in e] for e in emb]},
            open(sys.argv[4], "w", encoding="utf-8"), ensure_ascii=False)
    elif mode == "bench":
        threads = int(sys.argv[4]) if len(sys.argv) > 4 else 2
        model = load(model_dir, threads)
        model.encode(sentences[:32], batch_size=32)  # warm-up
        start = time.perf_counter()
        model.encode(sentences, batch_size=32, normalize_embeddings=True)
        seconds = time.perf_counter() - start
        print(json.dumps({"sentences": len(sentences), "seconds": seconds, "per_second": len(sentences) / seconds,
                          "threads": threads}))
    else:
        sys.exit(f"unknown mode {mode!r}: embed or bench")


if __name__ == "__main__":
    main()
