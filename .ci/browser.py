#!/usr/bin/env python3
"""Browser tests: drive Debian's Chromium through chromedriver (W3C WebDriver over HTTP, standard library only)
against a running `vesalius serve`, check what a reader sees in the rendered DOM, and save screenshots.

Usage: browser.py BASE_URL OUT_DIR
"""
import base64
import json
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request

ELEMENT = "element-6066-11e4-a52e-4f735466cecf"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Browser:
    def __init__(self):
        self.port = free_port()
        self.driver = subprocess.Popen(["chromedriver", f"--port={self.port}"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        self.base = f"http://127.0.0.1:{self.port}"
        for _ in range(100):
            try:
                self.call("GET", "/status")
                break
            except OSError:
                time.sleep(0.1)
        self.profile = tempfile.mkdtemp(prefix="vesalius-chromium-")
        args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--no-first-run", "--disable-dev-shm-usage", f"--user-data-dir={self.profile}", "--window-size=1200,1600"]
        caps = {"capabilities": {"alwaysMatch": {"browserName": "chrome", "goog:chromeOptions": {"binary": "/usr/bin/chromium", "args": args}}}}
        self.session = self.call("POST", "/session", caps)["sessionId"]

    def call(self, method, path, body=None):
        data = None if body is None else json.dumps(body).encode()
        req = urllib.request.Request(self.base + path, data=data, method=method, headers={"Content-Type": "application/json"})
        with urllib.request.urlopen(req, timeout=60) as r:
            return json.loads(r.read() or b"{}").get("value", {}) if method != "GET" or path != "/status" else {}

    def s(self, method, path, body=None):
        return self.call(method, f"/session/{self.session}{path}", body)

    def go(self, url):
        self.s("POST", "/url", {"url": url})

    def find_all(self, css):
        return [e[ELEMENT] for e in self.s("POST", "/elements", {"using": "css selector", "value": css})]

    def text(self, el):
        return self.s("GET", f"/element/{el}/text")

    def attr(self, el, name):
        return self.s("GET", f"/element/{el}/attribute/{name}")

    def click(self, el):
        self.s("POST", f"/element/{el}/click", {})

    def title(self):
        return self.s("GET", "/title")

    def screenshot(self, path):
        with open(path, "wb") as f:
            f.write(base64.b64decode(self.s("GET", "/screenshot")))

    def close(self):
        try:
            self.call("DELETE", f"/session/{self.session}")
        finally:
            self.driver.terminate()


failures = []


def check(cond, what):
    print(("ok   " if cond else "FAIL ") + what)
    if not cond:
        failures.append(what)


def main():
    base, out = sys.argv[1].rstrip("/"), sys.argv[2]
    os.makedirs(out, exist_ok=True)
    b = Browser()
    try:
        b.go(f"{base}/articles/dermatomes-lower-limb?audience=clinician")
        check("dermatomes of the lower limb" in b.title().lower(), "page title names the question")
        h1 = b.find_all("h1.question")
        check(len(h1) == 1 and "dermatomes of the lower limb" in b.text(h1[0]).lower(), "question is the page heading")
        stages = b.find_all(".review-status li.stage")
        check([b.text(s) for s in stages] == ["Submitted", "Under Review", "Approved"], "three-stage status indicator")
        current = b.find_all(".review-status li.stage.current")
        check(len(current) == 1 and b.text(current[0]) == "Submitted", "current stage is Submitted")
        banner = b.find_all(".pending-banner")
        check(len(banner) == 1 and "pending human review" in b.text(banner[0]), "pending-review banner shown")
        check(not b.find_all(".board-line"), "no advisory-board line on unreviewed content")
        cites = b.find_all("sup.cite a")
        refs = b.find_all("ol.reference-list > li")
        check(len(cites) >= 5 and len(refs) >= 3, f"citations ({len(cites)}) and references ({len(refs)}) rendered")
        targets = {b.attr(c, "href").split("#")[-1] for c in cites}
        ids = {b.attr(r, "id") for r in refs}
        check(targets <= ids, "every citation links to a listed reference")
        types = {b.text(e) for e in b.find_all(".ref-type")}
        check(bool(types) and types <= {"GUIDELINE", "RESEARCH", "REVIEW", "TEXTBOOK", "DATASET"}, f"references are typed {sorted(types)}")
        check(bool(b.find_all(".disclaimer")) and bool(b.find_all(".follow-up form input[name=q]")), "disclaimer and follow-up box")
        shot = os.path.join(out, "article-dermatomes.png")
        b.screenshot(shot)
        print(f"screenshot: {os.path.abspath(shot)}")

        patient = [a for a in b.find_all(".audiences a") if "audience=patient" in b.attr(a, "href")]
        pro_summary = b.text(b.find_all(".summary p")[0])
        b.click(patient[0])
        lay_summary = b.text(b.find_all(".summary p")[0])
        check(lay_summary != pro_summary and "patch of skin" in lay_summary, "audience chooser switches to the patient summary")
        b.go(f"{base}/articles/dermatomes-lower-limb")
        check(b.text(b.find_all(".summary p")[0]) == lay_summary, "audience remembered in a cookie")

        b.go(f"{base}/ask?q=%3Cimg+src%3Dx+onerror%3Dalert(1)%3E+which+root+is+tested+by+the+ankle+jerk")
        check(not b.find_all("main img"), "injected markup in a question is not rendered")
        check("Deep tendon reflexes" in b.text(b.find_all(".summary h2")[0]), "ask finds the reflex article")
        shot = os.path.join(out, "ask-ankle-jerk.png")
        b.screenshot(shot)
        print(f"screenshot: {os.path.abspath(shot)}")
    finally:
        b.close()
    if failures:
        print(f"{len(failures)} browser check(s) failed")
        sys.exit(1)
    print("browser checks passed")


if __name__ == "__main__":
    main()
