"""The hardening attacks of issue 9, run as a stranger would against a fresh `vesalius serve` on loopback.

Large localiser requests must finish or be refused within 3 s while `GET /` stays under 0.5 s; a reviewer must
still sign in after ten failures for their name from another address; failed sign-ins must take the same time
for real and unknown names (within 1.5x); a connection with unfinished headers must be closed within 30 s.
Usage: attacks.py URL REVIEWER_NAME PASSWORD (the server must have had no sign-in attempts yet).
"""
import json, socket, sys, threading, time, urllib.parse, http.client, statistics
url, name, password = sys.argv[1], sys.argv[2], sys.argv[3]
port = int(url.rstrip("/").rsplit(":", 1)[1])

def request(method, path, body=None, headers=None, src="127.0.0.1", timeout=60):
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout, source_address=(src, 0))
    c.request(method, path, body=body, headers=headers or {})
    r = c.getresponse(); data = r.read(); c.close()
    return r.status, dict(r.getheaders()), data

# 1. large localiser requests while GET / is timed
big = json.dumps({"left": {"motor": [{"movement": f"m{i}", "grade": 3} for i in range(60000)]}})
print(f"localiser body {len(big)/1e6:.2f} MB")
results = []
def big_post():
    t = time.time(); s, _, b = request("POST", "/api/localize", big, {"Content-Type": "application/json"})
    results.append((s, time.time() - t, b[:120]))
threads = [threading.Thread(target=big_post) for _ in range(4)]
for t in threads: t.start()
home = []
for _ in range(10):
    t = time.time(); s, _, _ = request("GET", "/"); home.append(time.time() - t); time.sleep(0.05)
one = {"movement": "ankle-dorsiflexion", "grade": 3}
for n in (480, 5000, 12000):
    body = json.dumps({"left": {"motor": [one] * n}, "cues": {"back_pain": True}})
    t = time.time(); s, _, b = request("POST", "/api/localize", body, {"Content-Type": "application/json"})
    results.append((s, time.time() - t, b[:120]))
for t in threads: t.join()
for s, d, b in results: print(f"  large localize: {s} in {d:.2f} s  {b!r}")
print(f"  GET / while they ran: max {max(home):.3f} s")
ok1 = all(d < 3 for _, d, _ in results) and max(home) < 0.5

# 2. sign-in: ten failures for the reviewer's name from one address, then the right password from another
def sign_in(n, pw, src):
    s, h, b = request("GET", "/sign-in", src=src)
    cookie = h.get("set-cookie", h.get("Set-Cookie", "")).split(";")[0]
    token = b.decode().split('name="form_token" value="')[1].split('"')[0]
    body = urllib.parse.urlencode({"form_token": token, "name": n, "password": pw})
    t = time.time()
    s, h, _ = request("POST", "/sign-in", body, {"Content-Type": "application/x-www-form-urlencoded", "Cookie": cookie}, src=src)
    return s, time.time() - t
fails = [sign_in(name, "wrong", "127.0.0.9")[0] for _ in range(10)]
print(f"  ten wrong passwords from 127.0.0.9: {fails}")
s, _ = sign_in(name, password, "127.0.0.3")
print(f"  right password from 127.0.0.3: {s} (303 = signed in)")
ok2 = s in (302, 303)

# 3. timing: real vs unknown names, fresh addresses so no throttle delay applies
real, unknown = [], []
for i in range(8):
    real.append(sign_in(name, "wrong", f"127.0.1.{i+1}")[1])
    unknown.append(sign_in(f"Nobody {i}", "wrong", f"127.0.2.{i+1}")[1])
r, u = statistics.median(real), statistics.median(unknown)
print(f"  failed sign-in median: real {r*1000:.0f} ms, unknown {u*1000:.0f} ms, ratio {max(r,u)/min(r,u):.2f}")
ok3 = max(r, u) / min(r, u) <= 1.5

# 4. unfinished headers
sck = socket.create_connection(("127.0.0.1", port)); sck.sendall(b"GET / HTTP/1.1\r\nHost: x\r\n")
t = time.time(); sck.settimeout(40)
try:
    got = sck.recv(100)
except Exception as e:
    got = repr(e).encode()
print(f"  unfinished headers: closed after {time.time()-t:.1f} s ({got[:30]!r})")
ok4 = time.time() - t < 30
checks = {"large requests within 3 s, GET / under 0.5 s": ok1, "reviewer signs in from another address": ok2,
          "real and unknown names fail alike": ok3, "unfinished headers closed": ok4}
for label, ok in checks.items():
    print(f"{'ok  ' if ok else 'FAIL'} {label}")
sys.exit(0 if all(checks.values()) else 1)
