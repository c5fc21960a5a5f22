# How often RQE training pairs at or above a cosine are entailments (non-identical texts only): the evidence for
# the engine's STRONG_COSINE. Usage: PY crates/embed/bench/rqe_cosines.py (paths below: the shared data, an installed model).
import re, sys, html
from sentence_transformers import SentenceTransformer
import numpy as np
xml = open('/work/shared/data/rqe/RQE_Train_8588_AMIA2016.xml').read()
pairs = re.findall(r'<pair[^>]*value="(true|false)"[^>]*>\s*<chq>(.*?)</chq>\s*<faq>(.*?)</faq>', xml, re.S)
m = SentenceTransformer('/tmp/models/all-MiniLM-L6-v2', device='cpu')
texts = sorted(set(t for _, a, b in pairs for t in (html.unescape(a.strip()), html.unescape(b.strip()))))
idx = {t: i for i, t in enumerate(texts)}
E = m.encode(texts, batch_size=64, normalize_embeddings=True)
c = np.array([float(E[idx[html.unescape(a.strip())]] @ E[idx[html.unescape(b.strip())]]) for _, a, b in pairs])
y = np.array([v == 'true' for v, _, _ in pairs])
same = np.array([html.unescape(a.strip()) == html.unescape(b.strip()) for _, a, b in pairs])
for t in [0.7, 0.75, 0.8, 0.85, 0.9]:
    sel = (c >= t) & ~same
    print(t, 'pairs (non-identical) at or above:', sel.sum(), 'share entailed: %.3f' % (y[sel].mean() if sel.sum() else 0))
