#!/usr/bin/env python3
"""Writes subjects.txt: the names of disorders and drugs that MedQuAD's documents are about (their focus),
used by the subject check on every install. Run on a store with MedQuAD ingested:

    vesalius --db /tmp/mq.db ingest medquad ../shared/data/medquad
    python3 crates/answer/data/make-subjects.py /tmp/mq.db > crates/answer/data/subjects.txt
"""
import re
import sqlite3
import sys

rows = sqlite3.connect(sys.argv[1]).execute(
    "select focus from qa_documents where semantic_group = 'Disorders' or source = 'MPlusDrugs'"
)
names = set()
for (focus,) in rows:
    name = re.sub(r"\s*\([^)]*\)", "", focus).strip().lower()
    if not name or " - " in name or "," in name or len(name.split()) > 4 or len(name) < 4:
        continue
    names.add(name)
print("# Names of disorders and drugs: the focus of MedQuAD documents (Ben Abacha & Demner-Fushman 2019, CC BY 4.0),")
print("# lowercased, parenthesised qualifiers removed, at most four words. Written by make-subjects.py; do not edit.")
for n in sorted(names):
    print(n)
