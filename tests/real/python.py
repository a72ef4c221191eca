# Python 3.13 under rvx: threads, a child python (subprocess), signals,
# fork, and a spread of stdlib modules. Prints deterministic lines;
# python.expected holds them (the values checked with the host's python).
import decimal, hashlib, json, math, os, re, signal, sqlite3, subprocess
import sys, threading, time, zlib

counter = 0
lock = threading.Lock()


def work(n):
    global counter
    for _ in range(n):
        with lock:
            counter += 1


threads = [threading.Thread(target=work, args=(2000,)) for _ in range(4)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print("threads", counter, threading.active_count())

cond = threading.Condition()
items = []


def producer():
    for i in range(50):
        with cond:
            items.append(i)
            cond.notify()


got = []
p = threading.Thread(target=producer)
p.start()
while len(got) < 50:
    with cond:
        while not items:
            cond.wait(5)
        got.append(items.pop(0))
p.join()
print("condition", sum(got))

r = subprocess.run([sys.executable, "-c",
                    "import sys; print(sum(range(101))); sys.exit(3)"],
                   capture_output=True, text=True)
print("subprocess", r.stdout.strip(), r.returncode)
r = subprocess.run(["sh", "-c", "echo shell $((6*7))"],
                   capture_output=True, text=True)
print("subprocess shell", r.stdout.strip())

fired = []
signal.signal(signal.SIGALRM, lambda s, f: fired.append(s))
signal.alarm(1)
t0 = time.monotonic()
while not fired and time.monotonic() - t0 < 10:
    time.sleep(0.05)
print("alarm", fired == [signal.SIGALRM])
signal.signal(signal.SIGUSR1, lambda s, f: fired.append(s))
os.kill(os.getpid(), signal.SIGUSR1)
print("sigusr1", fired[-1] == signal.SIGUSR1)

d = json.loads('{"a": [1, 2.5, {"b": null}], "c": "\\u00e9", "d": true}')
print("json", json.dumps(d, sort_keys=True))
print("re", re.findall(r"(\w+)@(\w+)\.com", "x a@b.com, c@d.com"),
      re.sub(r"(\d+)", lambda m: str(int(m[1]) * 2), "a1b22c333"),
      bool(re.fullmatch(r"(?i)[a-z]+\d{2,3}", "Abc123")))
print("sha256", hashlib.sha256(b"rvx" * 1000).hexdigest())
print("md5", hashlib.md5(b"").hexdigest(),
      "sha1", hashlib.sha1(b"abc").hexdigest())
print("blake2b", hashlib.blake2b(b"abc", digest_size=16).hexdigest())
print("math", math.factorial(30), math.isqrt(10**20 + 12345),
      "%.15f" % math.sin(1), math.gcd(2**40, 6**20),
      "%.12f" % math.lgamma(10.5), math.comb(50, 25),
      "%.17g" % math.fsum([0.1] * 10), math.inf > 1e308)
decimal.getcontext().prec = 50
print("decimal", decimal.Decimal(2).sqrt(), decimal.Decimal(1) / decimal.Decimal(7))
data = b"".join(str(i).encode() for i in range(20000))
c = zlib.compress(data, 9)
print("zlib", len(data), zlib.decompress(c) == data, zlib.crc32(data),
      zlib.adler32(data))

con = sqlite3.connect(":memory:")
con.execute("create table t (k integer primary key, name text, v real)")
con.executemany("insert into t (name, v) values (?, ?)",
                [("n%d" % (i % 7), i * 1.5) for i in range(100)])
print("sqlite3", con.execute(
    "select name, count(*), sum(v) from t group by name order by name limit 3"
).fetchall(), sqlite3.sqlite_version_info >= (3, 40))

rfd, wfd = os.pipe()
pid = os.fork()
if pid == 0:
    os.close(rfd)
    os.write(wfd, b"from child %d" % (os.getpid() != 0))
    os._exit(7)
os.close(wfd)
msg = os.read(rfd, 100)
_, st = os.waitpid(pid, 0)
print("fork", msg.decode(), os.WEXITSTATUS(st))
print("platform", sys.platform, os.uname().machine, sys.maxsize == 2**63 - 1)
