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


# --- atlas tools: body map, localiser, ISNCSCI worksheet ------------------------------------------------

def run_js(b, script, *args):
    return b.s("POST", "/execute/sync", {"script": script, "args": list(args)})


def type_into(b, el, text):
    b.s("POST", f"/element/{el}/clear", {})
    b.s("POST", f"/element/{el}/value", {"text": text})


def wait_until(fn, timeout=6.0):
    end = time.time() + timeout
    while True:
        value = fn()
        if value or time.time() > end:
            return value
        time.sleep(0.1)


def shot_of(b, out, name):
    path = os.path.join(out, name)
    b.screenshot(path)
    print(f"screenshot: {os.path.abspath(path)}")


def highlighted(b, region):
    return run_js(b, "return Array.from(document.querySelectorAll('#bodymap .region.hl')).filter(e => e.dataset.region === arguments[0]).length", region)


def check_atlas(b, base, out):
    b.go(f"{base}/atlas")
    regions = b.find_all("#bodymap polygon.region[data-region]")
    check(len(regions) > 100, f"body map drawn with {len(regions)} region shapes")
    check(not b.find_all("#bodymap.has-selection"), "atlas starts with no selection (dermatome chart)")
    l5 = b.find_all('a[data-root="L5"]')
    check(len(l5) == 1, "L5 listed among the roots")
    b.click(l5[0])
    check(wait_until(lambda: highlighted(b, "dorsum-foot") == 2), "clicking L5 highlights the top of the foot on both sides")
    check(highlighted(b, "heel") == 0, "the heel (S1) is not highlighted for L5")
    variable = run_js(b, "return document.querySelectorAll('#bodymap .region.hl-var[data-region=\"medial-foot\"]').length")
    check(variable >= 2, "L5's variable territory (inner edge of the foot) is hatched, not solid")
    check(b.attr(l5[0], "aria-pressed") == "true", "the L5 button is marked pressed")
    panel = b.text(b.find_all("#panel-body")[0])
    check("L5 dermatome" in panel and "third metatarsophalangeal" in panel, "panel describes L5 with its key point")
    check(run_js(b, "return location.search") == "?root=L5", "the address records the selection")
    shot_of(b, out, "atlas-l5.png")
    sural = b.find_all('a[data-nerve="sural"]')
    b.click(sural[0])
    check(wait_until(lambda: highlighted(b, "lateral-foot") >= 2 and highlighted(b, "dorsum-foot") == 0),
          "clicking the sural nerve highlights the outer edge of the foot instead")
    run_js(b, "document.querySelector('#bodymap .region[data-region=\"first-web-space\"][data-side=\"left\"]').focus()")
    panel = b.text(b.find_all("#panel-body")[0])
    check("first web space of the foot (left)" in panel and "L5" in panel and "deep fibular" in panel,
          "focusing a region shows what supplies it in the panel")


def check_article_map(b, base, out):
    b.go(f"{base}/articles/dermatomes-lower-limb")
    imgs = b.find_all('img[src^="/atlas/map.svg"]')
    check(len(imgs) == 1, "dermatome article shows the body map")
    if imgs:
        loaded = wait_until(lambda: run_js(b, "const i = document.querySelector('img[src^=\"/atlas/map.svg\"]'); i.scrollIntoView(); return i.complete && i.naturalWidth > 0"))
        check(bool(loaded), "the article's map image loads under the Content-Security-Policy")
        shot_of(b, out, "article-map.png")


def check_localize(b, base, out):
    b.go(f"{base}/localize")
    foot = b.find_all('#bodymap .region[data-region="dorsum-foot"][data-side="left"]')
    check(len(foot) == 1, "localiser shows the clickable map")
    b.click(foot[0])
    picked = run_js(b, "return Array.from(document.getElementById('left-sensory').selectedOptions).map(o => o.value)")
    check(picked == ["dorsum-foot"], f"clicking the map picks the region in the left list ({picked})")
    check("picked" in (b.attr(foot[0], "class") or ""), "the picked region is marked on the map")
    for name, value in [("left.motor.ankle-dorsiflexion", "2"), ("left.motor.ankle-inversion", "5"),
                        ("left.motor.hip-abduction", "5"), ("left.reflex.ankle-jerk", "normal")]:
        opts = b.find_all(f'select[name="{name}"] option[value="{value}"]')
        if opts:
            b.click(opts[0])
    b.click(b.find_all('#localize-form button[type="submit"]')[0])
    first = wait_until(lambda: b.find_all("#localize-result li.candidate"))
    check(bool(first) and b.attr(first[0], "data-id") == "common-fibular",
          "foot drop with normal inversion and hip abduction: common fibular nerve first")
    check(bool(b.find_all("#localize-result .next-test")), "the next test is shown")
    check("localize" in run_js(b, "return location.pathname"), "results drawn in place, without leaving the page")
    shot_of(b, out, "localize-foot-drop.png")


def check_isncsci(b, base, out):
    b.go(f"{base}/isncsci")
    ais = lambda: b.text(b.find_all('#isncsci-result [data-key="asiaImpairmentScale"]')[0])
    fill = b.find_all("#fill-normal")
    check(len(fill) == 1 and run_js(b, "return !document.querySelector('.worksheet-tools').hidden"), "worksheet tools shown when scripts run")
    b.click(fill[0])
    check(wait_until(lambda: ais() == "E"), "an all-normal sheet classifies as AIS E")
    run_js(b, """
        const below = ['L2','L3','L4','L5','S1','S2','S3','S4_5'];
        for (const input of document.querySelectorAll('#isncsci-form input.score')) {
          const level = input.name.split('.')[2];
          if (below.includes(level) || (level === 'L1' && !input.name.includes('motor'))) input.value = '0';
        }
        for (const n of ['voluntaryAnalContraction', 'deepAnalPressure']) document.getElementById(n).value = 'No';
        document.getElementById('isncsci-form').dispatchEvent(new Event('input', {bubbles: true}));
    """)
    check(wait_until(lambda: ais() == "A"), "complete paraplegia below T12 classifies as AIS A as you type")
    nli = b.text(b.find_all('#isncsci-result [data-key="neurologicalLevelOfInjury"]')[0])
    check(nli == "T12", f"neurological level T12 ({nli})")
    cell = b.find_all('input[name="right.lightTouch.S4_5"]')[0]
    type_into(b, cell, "7")
    check(wait_until(lambda: b.attr(cell, "aria-invalid") == "true"), "an invalid code is marked")
    type_into(b, cell, "1")
    check(wait_until(lambda: ais() == "B"), "typing sacral light touch makes the injury sensory incomplete (AIS B)")
    complete = b.text(b.find_all('#isncsci-result [data-key="injuryComplete"]')[0])
    check("incomplete" in complete, f"completeness updated ({complete})")
    shot_of(b, out, "isncsci-worksheet.png")


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
        heading = b.text(b.find_all(".summary h2")[0])
        kind = b.attr(b.find_all("article.answer")[0], "data-kind")
        check(kind == "atlas" and "S1" in heading, f"the ankle-jerk question is answered from the atlas data ({kind}: {heading})")
        alts = " ".join(b.text(a) for a in b.find_all(".alternatives a"))
        check("deep tendon reflexes" in alts.lower(), "the reflexes article is among the alternatives")
        shot = os.path.join(out, "ask-ankle-jerk.png")
        b.screenshot(shot)
        print(f"screenshot: {os.path.abspath(shot)}")

        check_atlas(b, base, out)
        check_article_map(b, base, out)
        check_localize(b, base, out)
        check_isncsci(b, base, out)
    finally:
        b.close()
    if failures:
        print(f"{len(failures)} browser check(s) failed")
        sys.exit(1)
    print("browser checks passed")


if __name__ == "__main__":
    main()
