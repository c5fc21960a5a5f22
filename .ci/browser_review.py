#!/usr/bin/env python3
"""Browser test of the editorial workflow in headless Chromium: an editor and a reviewer (created by .ci/run
with `vesalius user add`) sign in and take an article from Submitted to Approved; the article page then shows
Approved and the reviewer; approving one's own edit and posting a form without its CSRF token are refused.

Usage: browser_review.py BASE_URL OUT_DIR EDITOR REVIEWER PASSWORD
"""
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from browser import Browser, check, failures  # noqa: E402


def script(b, js, *args):
    return b.s("POST", "/execute/sync", {"script": js, "args": list(args)})


def submit(b, el):
    """Clicks a submit button and waits until the next page has loaded."""
    script(b, "window.__vesaliusOld = true;")
    b.click(el)
    for _ in range(100):
        if script(b, "return window.__vesaliusOld === undefined && document.readyState === 'complete';"):
            return
        time.sleep(0.05)
    raise RuntimeError("the page did not change after submitting a form")


def sign_in(b, base, name, password):
    b.go(f"{base}/sign-in")
    script(b, "document.querySelector('#name').value = arguments[0]; document.querySelector('#password').value = arguments[1];", name, password)
    submit(b, b.find_all("form.stacked button[type=submit]")[0])


def sign_out(b, base):
    b.go(f"{base}/review")
    buttons = b.find_all("form.signed-in button")
    if buttons:
        submit(b, buttons[0])


def decide(b, base, slug, action):
    b.go(f"{base}/review/{slug}")
    forms = [f for f in b.find_all("form.decision") if b.attr(f, "data-action") == action]
    if not forms:
        return False
    button = b.s("POST", f"/element/{forms[0]}/element", {"using": "css selector", "value": "button"})
    submit(b, list(button.values())[0])
    return True


def stage(b, base, slug):
    b.go(f"{base}/review/{slug}")
    el = b.find_all(".stage-now")
    return b.text(el[0]) if el else None


def main():
    base, out, editor, reviewer, password = sys.argv[1].rstrip("/"), sys.argv[2], sys.argv[3], sys.argv[4], sys.argv[5]
    os.makedirs(out, exist_ok=True)
    b = Browser()
    slug = "deep-tendon-reflexes"
    try:
        sign_in(b, base, editor, password)
        check("Review queue" in b.title(), "editor signs in and sees the review queue")
        check(decide(b, base, slug, "start-review") and stage(b, base, slug) == "Under Review", "editor starts the review")
        check(not [f for f in b.find_all("form.decision") if b.attr(f, "data-action") == "approve"], "editors are not offered approval")
        sign_out(b, base)
        sign_in(b, base, reviewer, password)
        check(decide(b, base, slug, "approve") and stage(b, base, slug) == "Approved", "reviewer approves")
        b.go(f"{base}/articles/{slug}")
        line = b.find_all(".board-line")
        check(bool(line) and reviewer in b.text(line[0]), "article page names the approving reviewer")
        current = b.find_all(".review-status li.stage.current")
        check(bool(current) and b.text(current[0]) == "Approved", "status indicator shows Approved")
        check(not b.find_all(".pending-banner"), "no pending-review banner on approved content")
        shot = os.path.join(out, "article-approved.png")
        b.screenshot(shot)
        print(f"screenshot: {os.path.abspath(shot)}")

        # The reviewer edits the approved article, an editor puts it under review, and the reviewer may not approve it.
        b.go(f"{base}/edit/{slug}")
        script(b, "const t = document.querySelector('textarea[name=text]'); t.value = t.value.replace('## ', '## Revised: ');")
        submit(b, [x for x in b.find_all("form.edit button") if b.attr(x, "value") == "save"][0])
        b.go(f"{base}/articles/{slug}")
        check(bool(b.find_all(".update-note")) and bool(b.find_all(".board-line")), "readers keep the approved version while the edit is reviewed")
        sign_out(b, base)
        sign_in(b, base, editor, password)
        decide(b, base, slug, "start-review")
        sign_out(b, base)
        sign_in(b, base, reviewer, password)
        decide(b, base, slug, "approve")
        body = b.text(b.find_all("main")[0])
        check("four-eyes" in body, "approving one's own edit is refused with the four-eyes rule")
        check(stage(b, base, slug) == "Under Review", "the edit stays under review")

        # A form posted without its CSRF token is refused.
        b.go(f"{base}/review/{slug}")
        status = script(b, """
            return fetch('/review/' + arguments[0], {method: 'POST', headers: {'Content-Type': 'application/x-www-form-urlencoded'},
                         body: 'action=start-review', credentials: 'same-origin'}).then(r => r.status);""", slug)
        check(status == 403, f"a form without its CSRF token is refused ({status})")
    finally:
        b.close()
    if failures:
        print(f"{len(failures)} workflow check(s) failed")
        sys.exit(1)
    print("workflow browser checks passed")


if __name__ == "__main__":
    main()
