#!/usr/bin/env python3
"""Checks the dataset evaluations written by .ci/run against quality floors and prints the figures.

Floors sit a little under the figures measured on the development data (see docs/evaluation.md); raise them
as the engine improves. Usage: floors.py WORK_DIR ISNCSCI_CASES_JSON
"""
import json
import sys

work, cases_path = sys.argv[1], sys.argv[2]
load = lambda name: json.load(open(f"{work}/{name}"))
failures = []


def floor(label, value, minimum):
    ok = value >= minimum
    print(f"{'ok  ' if ok else 'FAIL'} {label}: {value:.3f} (floor {minimum})")
    if not ok:
        failures.append(label)


liveqa, para, rqe, analysis = load("liveqa.json"), load("liveqa-para.json"), load("rqe.json"), load("analysis.json")
print("LiveQA dev (original):", json.dumps(liveqa))
print("LiveQA dev (paraphrase):", json.dumps(para))
floor("LiveQA avgScore, original questions", liveqa["avg_score"], 0.72)
floor("LiveQA succ@2+, original questions", liveqa["succ_2"], 0.38)
floor("LiveQA MAP@10 (grade>=3), original questions", liveqa["map10_g3"], 0.20)
floor("LiveQA avgScore, NIST paraphrases", para["avg_score"], 0.80)
floor("RQE test accuracy", rqe["accuracy"], 0.80)
floor("RQE margin over the word-overlap baseline", rqe["accuracy"] - rqe["baseline_accuracy"], 0.05)
floor("question analysis: focus accuracy", analysis["focus_accuracy"], 0.62)
floor("question analysis: type accuracy", analysis["type_accuracy"], 0.64)

cases = json.load(open(cases_path))
results = load("isncsci.json")
fields = [k for k in cases[0]["totals"]] if isinstance(cases[0].get("totals"), dict) else []
mismatches = 0
for case, got in zip(cases, results):
    for k in fields:
        if str(got.get(k)) != str(case["totals"][k]):
            mismatches += 1
            print(f"     ISNCSCI case {case.get('id', '?')}: {k} expected {case['totals'][k]!r} got {got.get(k)!r}")
ok = len(results) == len(cases) and mismatches == 0 and fields
print(f"{'ok  ' if ok else 'FAIL'} ISNCSCI: {len(cases)} cases x {len(fields)} fields through `vesalius isncsci classify`, {mismatches} mismatches")
if not ok:
    failures.append("ISNCSCI cases")

if failures:
    print(f"{len(failures)} floor(s) missed: {', '.join(failures)}")
    sys.exit(1)
print("all dataset floors met")
