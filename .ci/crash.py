#!/usr/bin/env python3
"""kill -9 in the middle of writes: a MedQuAD ingest, review transitions and content syncs. After each, the store
must open, pass SQLite's integrity check (`vesalius check`) and hold everything that was committed; a second
ingest must leave every pair. Usage: crash.py VESALIUS_BIN WORK_DIR MEDQUAD_DIR CONTENT_DIR
"""
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import time

vesalius, work, medquad, content = sys.argv[1:5]
db = os.path.join(work, "crash.db")
random.seed(20261202)
failures = []


def run(*args, check=True):
    r = subprocess.run([vesalius, "--db", db, *args], capture_output=True, text=True)
    if check and r.returncode != 0:
        failures.append(f"{' '.join(args)} failed: {r.stderr.strip()[-300:]}")
    return r


def killed_after(seconds, *args):
    p = subprocess.Popen([vesalius, "--db", db, *args], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(seconds)
    p.send_signal(signal.SIGKILL)
    p.wait()
    return p.returncode


def check(label):
    r = run("check", check=False)
    ok = r.returncode == 0 and r.stdout.startswith("ok:")
    print(f"{'ok  ' if ok else 'FAIL'} {label}: {(r.stdout or r.stderr).strip()}")
    if not ok:
        failures.append(label)
    return r.stdout


# 1. An ingest killed part-way, then a full one: every pair is there.
run("articles")
for delay in (2.5, 4.5, 6.5):
    code = killed_after(delay, "ingest", "medquad", medquad)
    check(f"store after kill -9 {delay} s into a MedQuAD ingest (exit {code})")
run("ingest", "medquad", medquad)
out = check("store after a second, complete ingest")
pairs = int(re.search(r"(\d+) Q&A pairs", out).group(1)) if "Q&A pairs" in out else -1
print(f"{'ok  ' if pairs == 47457 else 'FAIL'} Q&A pairs after the second ingest: {pairs} (47457 expected)")
if pairs != 47457:
    failures.append("pairs after re-ingest")

# 2. Review transitions killed at random moments: each is committed whole or not at all.
slug = "deep-tendon-reflexes"
seen = len(run("review", "history", slug).stdout.splitlines())
for i in range(12):
    step = ["start", slug, "--actor", "Ed", "--role", "editor"] if i % 2 == 0 else [
        "request-changes", slug, "--actor", "Dr R", "--role", "reviewer", "--comment", f"round {i}"]
    killed_after(random.uniform(0.1, 1.2), "review", *step)
    history = run("review", "history", slug, check=False)
    if history.returncode != 0:
        failures.append(f"review history after kill {i}: {history.stderr.strip()}")
    # Nothing committed is lost: the log only grows.
    lines = len(history.stdout.splitlines())
    if lines < seen:
        failures.append(f"review history shrank after kill {i}: {seen} -> {lines} lines")
    seen = lines
check("store after 12 review transitions killed at random moments")

# 3. Content syncs killed at random moments: an edited copy of the content folder, synced again and again.
folder = os.path.join(work, "crash-content")
shutil.copytree(content, folder)
article = os.path.join(folder, "articles", "meralgia-paresthetica.md")
for i in range(8):
    with open(article, "a") as f:
        f.write(f"\nA sentence added in round {i} [@cheatham-2013-meralgia].\n")
    killed_after(random.uniform(0.1, 1.0), "--content", folder, "articles")
check("store after 8 content syncs killed at random moments")
run("--content", folder, "articles")
check("store after a complete content sync")

if failures:
    print(f"{len(failures)} crash check(s) failed: {failures}")
    sys.exit(1)
print("all crash checks passed")
