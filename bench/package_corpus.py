#!/usr/bin/env python3
"""The real-corpus package build run (bench/package-corpus.sh calls this; not part of CI).

Subcommands:
  sources  list every source package of the model JSONs (kiln dump packages --json) with its
           source, find which sources can be had here (Debian orig tarballs matched by sha256,
           in-tree sources, git sources with a local mirror) and fetch the Debian files into dl/
  roots    the binary package names to build (those of the sources that can be had)
  report   the per-architecture report from a keep-going build's output and the tree's outputs
  qemu     unpack the built ipks into one root and run programs of them under qemu-user
"""
import argparse
import hashlib
import json
import lzma
import os
import re
import shutil
import subprocess
import sys
import tarfile
import gzip
import io
import urllib.request

DEBIAN = "http://deb.debian.org/debian"
DEBIAN_SECURITY = "http://deb.debian.org/debian-security"
SUITES = [("bookworm", DEBIAN), ("trixie", DEBIAN), ("sid", DEBIAN), ("bookworm-security", DEBIAN_SECURITY)]
MIRRORS = "/work/.mirror"


def sha256_file(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def debian_index(cache):
    """sha256 -> (url, filename, suite) and filename -> same, from the cached Sources.xz files."""
    by_hash, by_name = {}, {}
    for suite, base in SUITES:
        path = os.path.join(cache, f"Sources-{suite}.xz")
        if not os.path.exists(path):
            url = f"{base}/dists/{suite}/main/source/Sources.xz"
            print(f"downloading {url}", file=sys.stderr)
            urllib.request.urlretrieve(url, path + ".part")
            os.rename(path + ".part", path)
        with lzma.open(path, "rt", encoding="utf-8", errors="replace") as f:
            directory, files, in_sums = None, [], False
            for line in f:
                if line == "\n":
                    for digest, name in files:
                        entry = (f"{base}/{directory}/{name}", name, suite)
                        by_hash.setdefault(digest, entry)
                        by_name.setdefault(name, entry)
                    directory, files, in_sums = None, [], False
                elif line.startswith("Directory:"):
                    directory = line.split(":", 1)[1].strip()
                elif line.startswith("Checksums-Sha256:"):
                    in_sums = True
                elif line.startswith(" ") and in_sums:
                    parts = line.split()
                    if len(parts) == 3:
                        files.append((parts[0], parts[2]))
                else:
                    in_sums = False
    return by_hash, by_name


def git_mirror(url):
    """The local mirror (a bare repository) for a git URL, or None."""
    url = url.rstrip("/")
    if url.endswith(".git"):
        url = url[:-4]
    m = re.match(r"https?://(?:git\.openwrt\.org/(?:project|feed)|github\.com/openwrt)/([^/]+)$", url)
    owner_name = ("openwrt", m.group(1)) if m else None
    m = re.match(r"https?://github\.com/([^/]+)/([^/]+)$", url)
    if m:
        owner_name = (m.group(1), m.group(2))
    if not owner_name:
        return None
    repo = os.path.join(MIRRORS, "+".join(owner_name), "repo")
    return repo if os.path.isdir(repo) else None


def load_models(paths):
    sources = []
    for path in paths:
        with open(path) as f:
            sources.extend(json.load(f))
    return sources


def is_kernel_only(src):
    return src["packages"] and all(p["name"].startswith("kmod-") for p in src["packages"])


def cmd_sources(args):
    by_hash, by_name = debian_index(args.debian)
    sources = load_models(args.models)
    os.makedirs(args.dl, exist_ok=True)
    rows, git_urls = [], {}
    for src in sources:
        v = src["variables"]
        pkg_source, pkg_hash = v.get("PKG_SOURCE", ""), v.get("PKG_HASH", "")
        proto, mirror_hash = v.get("PKG_SOURCE_PROTO", ""), v.get("PKG_MIRROR_HASH", "")
        url = v.get("PKG_SOURCE_URL", "")
        src_dir = src.get("sourceDirectory", "")
        method, detail = "", ""
        if not src["packages"]:
            method, detail = "skip", "no binary package (host build only)"
        elif is_kernel_only(src):
            method, detail = "skip", "kernel modules only (Kiln does not build kernels)"
        elif proto == "git":
            mirror = git_mirror(url)
            if mirror:
                method, detail = "git-mirror", mirror
                git_urls[url] = mirror
            else:
                method, detail = "none", f"git source without a local mirror: {url}"
        elif proto:
            method, detail = "none", f"{proto} source: {url}"
        elif not pkg_source:
            method, detail = "in-tree", src_dir or "no download, no src/"
        elif pkg_hash in ("", "skip"):
            method, detail = "none", f"{pkg_source}: no PKG_HASH to check a file against"
        else:
            target = os.path.join(args.dl, pkg_source)
            entry = by_hash.get(pkg_hash)
            if os.path.exists(target) and sha256_file(target) == pkg_hash:
                method, detail = "dl", f"{pkg_source} already in dl/"
            elif entry:
                fetched = fetch(entry[0], target, pkg_hash)
                method, detail = ("debian", f"{entry[2]}: {entry[1]}") if fetched else ("none", f"download of {entry[0]} failed")
            else:
                named = [by_name.get(pkg_source + ext) or by_name.get(os.path.splitext(pkg_source)[0] + ext)
                         for ext in ("", ".gz", ".xz", ".bz2")]
                named = [n for n in named if n]
                detail = f"{pkg_source}: no Debian file has its sha256"
                if named:
                    detail += f" (Debian has {named[0][1]} in {named[0][2]}, other bytes)"
                method = "none"
        rows.append([src["directory"], src["name"], src["feed"], pkg_source, pkg_hash, proto, mirror_hash, src_dir, method, detail,
                     " ".join(p["name"] for p in src["packages"])])
    with open(args.out, "w") as f:
        f.write("directory\tname\tfeed\tPKG_SOURCE\tPKG_HASH\tPKG_SOURCE_PROTO\tPKG_MIRROR_HASH\tsrc\tmethod\tdetail\tpackages\n")
        for row in rows:
            f.write("\t".join(row) + "\n")
    with open(args.gitconfig, "w") as f:
        for url, mirror in sorted(git_urls.items()):
            f.write(f'[url "{mirror}"]\n\tinsteadOf = {url}\n')
    counts = {}
    for row in rows:
        counts[row[8]] = counts.get(row[8], 0) + 1
    print(" ".join(f"{k}={n}" for k, n in sorted(counts.items())))


def fetch(url, target, digest):
    part = target + ".part"
    try:
        urllib.request.urlretrieve(url, part)
    except OSError as e:
        print(f"{url}: {e}", file=sys.stderr)
        return False
    if sha256_file(part) != digest:
        os.unlink(part)
        return False
    os.rename(part, target)
    return True


def read_sources_tsv(path):
    with open(path) as f:
        header = f.readline().rstrip("\n").split("\t")
        return [dict(zip(header, line.rstrip("\n").split("\t"))) for line in f]


ATTEMPTED = ("debian", "dl", "in-tree", "git-mirror")


def cmd_roots(args):
    """The binary package names to build, in batches by the size of their source (small ones first,
    so that a run cut short has built the most packages): one file per batch, PREFIX-N.txt."""
    skip = set(args.skip or [])
    limits = [int(x) for x in args.limits.split(",")] if args.limits else []
    batches = [[] for _ in range(len(limits) + 1)]
    seen = set()
    for row in read_sources_tsv(args.sources):
        if row["method"] not in ATTEMPTED or row["directory"] in skip:
            continue
        path = os.path.join(args.dl, row["PKG_SOURCE"]) if row["PKG_SOURCE"] else ""
        size = os.path.getsize(path) if path and os.path.isfile(path) else 0
        batch = next((i for i, limit in enumerate(limits) if size < limit), len(limits))
        for name in row["packages"].split():
            if name not in seen:
                seen.add(name)
                batches[batch].append(name)
    for i, names in enumerate(batches, 1):
        with open(f"{args.prefix}-{i}.txt", "w") as f:
            f.write("".join(n + "\n" for n in names))
    print(len(batches))


def cmd_drop(args):
    """After a build that stopped before running anything (a plan error): which roots to leave out.

    The error names a package and who needed it; every root whose dependencies (as the model lists
    them, conditions not evaluated) reach the one that needed it is left out, with the error as why."""
    message = open(args.output, errors="replace").read().strip().splitlines()
    message = next((m for m in message if (m.startswith("kiln: ") and not m.startswith("kiln: building")) or "***" in m), "")
    m = re.search(r"package '([^']+)' \((?:needed by|build dependency of) ([^)]+)\)", message)
    sources = load_models(args.models)
    of_package, deps = {}, {}
    for src in sources:
        for p in src["packages"]:
            of_package.setdefault(p["name"], src["directory"])
            deps[p["name"]] = [d["target"] for d in p["depends"] if d.get("target")]
    culprit = None
    if m:
        culprit = m.group(2).strip()
        culprit = of_package.get(culprit, culprit)
    else:
        fm = re.match(r"(\S+)/Makefile:\d+: \*\*\*", message)
        if fm:
            culprit = fm.group(1)
    if not culprit:
        sys.exit(f"cannot tell which package the plan error is about: {message}")
    roots = [line.strip() for line in open(args.roots) if line.strip()]
    memo = {}

    def reaches(name, stack=()):
        if name in memo:
            return memo[name]
        if name in stack:
            return False
        hit = of_package.get(name) == culprit or name == culprit or any(reaches(d, stack + (name,)) for d in deps.get(name, []))
        memo[name] = hit
        return hit

    keep, dropped = [], set()
    for r in roots:
        (dropped.add(of_package.get(r, r)) if reaches(r) else keep.append(r))
    if not dropped:
        sys.exit(f"no root reaches {culprit}: {message}")
    with open(args.roots, "w") as f:
        f.write("".join(r + "\n" for r in keep if of_package.get(r, r) not in dropped))
    with open(args.dropped, "a") as f:
        for d in sorted(dropped):
            f.write(f"{d}\t{message}\n" if d == culprit else f"{d}\tnot built: {culprit} cannot be planned ({message})\n")
    print(f"left out {len(dropped)} source packages: {' '.join(sorted(dropped))}", file=sys.stderr)


# --- report -------------------------------------------------------------------------------

def parse_failures(text):
    """FAILED: NODE[/STEP] blocks of kiln's output: node -> (step, message lines)."""
    failures, current = {}, None
    for line in text.splitlines():
        if line.startswith("FAILED: "):
            name = line[len("FAILED: "):].strip()
            kind, _, rest = name.partition(" ")
            parts = rest.split("/")
            step = None
            if len(parts) > 1 and not os.path.isdir(os.path.join(ARGS_TREE, rest)):
                step = parts[-1]
                rest = "/".join(parts[:-1])
            current = (kind + " " + rest)
            failures[current] = [step, []]
        elif current and line.startswith("  "):
            failures[current][1].append(line[2:])
        else:
            current = None
    return failures


def first_error(lines, log_path):
    """The first line of a step log that says what went wrong."""
    text = lines
    if log_path and os.path.exists(log_path):
        with open(log_path, errors="replace") as f:
            text = f.read().splitlines()
    patterns = [r"\berror:", r"\*\*\* ", r"Error \d+", r"not found", r"No such file", r"cannot find", r"undefined reference",
                r"fatal", r"ERROR", r"[Ff]ailed"]
    for pattern in patterns:
        for line in text:
            if re.search(pattern, line):
                return line.strip()[:300]
    for line in reversed(text):
        if line.strip():
            return line.strip()[:300]
    return ""


def load_classes(path):
    """The manual table: directory (or a regex of the first error, as re:...) -> class, note."""
    rules = []
    if path and os.path.exists(path):
        with open(path) as f:
            for line in f:
                if line.startswith("#") or not line.strip():
                    continue
                parts = line.rstrip("\n").split("\t")
                rules.append((parts[0], parts[1], parts[2] if len(parts) > 2 else ""))
    return rules


AUTO = [
    (r"^not built: ", "dependency", "a dependency failed"),
    (r"is not in the tree or its feeds", "dependency", "a dependency is not in the tree"),
    (r"no kernel|KERNEL_BUILD_DIR|linux-\d|vmlinux", "dependency", "needs the kernel build"),
    (r"command not found|: not found$|No such file or directory.*(/bin/|staging_dir/host)", "host-tool", ""),
    (r"(Debian package|apt-get install|install the )", "host-tool", ""),
    (r"internal error", "kiln", ""),
    (r"musl|__GLIBC|glibc|fortify|_FORTIFY_SOURCE|-fstack-clash", "toolchain", ""),
    (r"download|PKG_HASH|PKG_MIRROR_HASH|hash mismatch", "source", "source could not be had"),
]


def classify(directory, message, rules):
    for key, cls, note in rules:
        if key.startswith("re:"):
            if re.search(key[3:], message):
                return cls, note
        elif key == directory:
            return cls, note
    for pattern, cls, note in AUTO:
        if re.search(pattern, message):
            return cls, note
    return "unclassified", ""


ARGS_TREE = "."


def built_ipks(tree):
    names = {}
    for root, _, files in os.walk(os.path.join(tree, "bin")):
        for f in files:
            if f.endswith(".ipk"):
                names[f.split("_")[0]] = os.path.join(root, f)
    return names


def not_had(detail):
    """The kind of reason a source could not be had, from the sources step's detail."""
    for pattern, kind in ((r"no Debian file has its sha256", "no file of Debian's Sources indexes has its PKG_HASH"),
                          (r"^git source without a local mirror", "git source without a local mirror"),
                          (r"^download of .* failed", "in Debian's index, but the pool download failed (404 here)"),
                          (r"no PKG_HASH", "no PKG_HASH"),
                          (r"^[a-z]+ source: ", "other PKG_SOURCE_PROTO (svn, ...)"),
                          (r"kernel modules only", "kernel modules only (Kiln does not build kernels)"),
                          (r"host build only", "no binary package (host build only)")):
        if re.search(pattern, detail):
            return kind
    return detail


def cmd_report(args):
    global ARGS_TREE
    ARGS_TREE = args.tree
    rows = read_sources_tsv(args.sources)
    failures = {}
    for output in args.output:
        with open(output, errors="replace") as f:
            failures.update(parse_failures(f.read()))
    rules = load_classes(args.classes)
    dropped = {}
    if args.dropped and os.path.exists(args.dropped):
        with open(args.dropped) as f:
            for line in f:
                d, why = line.rstrip("\n").split("\t", 1)
                dropped[d] = why
    ipks = built_ipks(args.tree)
    installed = {}
    for src in load_models(args.models):
        installed.setdefault(src["directory"], [p["installedName"] for p in src["packages"]])
    out, counts = [], {}
    for row in rows:
        directory = row["directory"]
        note = ""
        if row["method"] not in ATTEMPTED:
            status, cls, step, err = "not-attempted", "", "", row["detail"]
        elif directory in dropped:
            status, step, err = "failed", "plan", dropped[directory]
            cls, note = classify(directory, err, rules)
        else:
            node = "target " + directory
            names = installed.get(directory, row["packages"].split())
            if node in failures:
                step, lines = failures[node]
                log = None
                for line in lines:
                    if line.startswith("full log: "):
                        log = os.path.join(args.tree, line[len("full log: "):])
                message = "\n".join(lines)
                err = first_error(lines, log) if log else (lines[0] if lines else "")
                status = "failed"
                cls, note = classify(directory, err if log else message, rules)
                if note and cls == "dependency" and not log:
                    err = lines[0] if lines else err
            elif any(n in ipks for n in names):
                status, cls, step, err = "built", "", "", ""
            else:
                # A build cut off (interrupted) reports no failures: the package's last step log tells.
                logs = os.path.join(args.tree, "logs", directory)
                steps = sorted((os.path.join(logs, f) for f in os.listdir(logs) if f.endswith(".txt")), key=os.path.getmtime) \
                    if os.path.isdir(logs) else []
                err = first_error([], steps[-1]) if steps else ""
                if steps and re.search(r"\berror\b|\*\*\* |Error \d+", err, re.I) and not re.search(r"Broken pipe", err):
                    status, step = "failed", os.path.basename(steps[-1])[:-4]
                    cls, note = classify(directory, err, rules)
                else:
                    status, cls, step = "not-built", "", ""
                    err = f"cut off at {os.path.basename(steps[-1])[:-4]}" if steps else "not reached"
        step = step or ""
        counts[status] = counts.get(status, 0) + 1
        if status == "failed":
            counts["failed:" + cls] = counts.get("failed:" + cls, 0) + 1
        out.append((directory, row["method"], status, cls, step, err, note))
    arch = args.arch
    with open(os.path.join(args.out_dir, f"report-{arch}.tsv"), "w") as f:
        f.write("directory\tsource\tstatus\tclass\tstep\tfirst_error\tnote\n")
        for r in out:
            f.write("\t".join(x.replace("\t", " ").replace("\n", " ") for x in r) + "\n")
    attempted = sum(v for k, v in counts.items() if k in ("built", "failed", "not-built"))
    built = counts.get("built", 0)
    with open(os.path.join(args.out_dir, f"report-{arch}.md"), "w") as f:
        f.write(f"# Package corpus build: {arch} ({args.target})\n\n")
        f.write(f"Tree: OpenWrt 24.10 `package/` and the packages feed; {len(rows)} source packages.\n\n")
        f.write("| | source packages |\n| --- | --- |\n")
        f.write(f"| attempted | {attempted} |\n| built | {built} ({100.0 * built / max(attempted, 1):.1f}%) |\n")
        f.write(f"| failed | {counts.get('failed', 0)} |\n| not built: the build was cut off before it or during it | {counts.get('not-built', 0)} |\n")
        f.write(f"| not attempted | {counts.get('not-attempted', 0)} |\n\n")
        f.write("## Failures by class\n\n| class | count |\n| --- | --- |\n")
        for k in sorted(k for k in counts if k.startswith("failed:")):
            f.write(f"| {k[7:]} | {counts[k]} |\n")
        f.write("\n## Sources\n\n| how the source was had | source packages |\n| --- | --- |\n")
        methods = {}
        for row in rows:
            methods[row["method"]] = methods.get(row["method"], 0) + 1
        for k, n in sorted(methods.items()):
            f.write(f"| {k} | {n} |\n")
        f.write("\nWhy the rest were not attempted:\n\n| reason | source packages |\n| --- | --- |\n")
        reasons = {}
        for row in rows:
            if row["method"] not in ATTEMPTED:
                reasons[not_had(row["detail"])] = reasons.get(not_had(row["detail"]), 0) + 1
        for k, n in sorted(reasons.items(), key=lambda kv: -kv[1]):
            f.write(f"| {k} | {n} |\n")
        f.write("\n## Failures\n\n| package | class | step | first error | note |\n| --- | --- | --- | --- | --- |\n")
        for r in sorted(out, key=lambda r: (r[3], r[0])):
            if r[2] == "failed":
                f.write(f"| {r[0]} | {r[3]} | {r[4]} | `{r[5].replace('|', '/').replace('`', '')[:240]}` | {r[6]} |\n")
        if args.qemu and os.path.exists(args.qemu):
            f.write("\n## Programs run under qemu-user\n\n```\n")
            with open(args.qemu) as q:
                f.write(q.read())
            f.write("```\n")
        f.write("\nPer package (source, status, class): see report-" + arch + ".tsv.\n")
    print(f"{arch}: attempted {attempted}, built {built}, failed {counts.get('failed', 0)}, "
          + ", ".join(f"{k[7:]} {v}" for k, v in sorted(counts.items()) if k.startswith("failed:")))


# --- qemu ---------------------------------------------------------------------------------

def unpack_ipk(path, root):
    with tarfile.open(path, "r:gz") as outer:
        member = next(m for m in outer.getmembers() if m.name.lstrip("./") == "data.tar.gz")
        data = outer.extractfile(member).read()
    with tarfile.open(fileobj=io.BytesIO(data), mode="r:gz") as inner:
        inner.extractall(root, filter="tar")


def run_under(qemu, root, path, argv):
    """One run of a program under qemu-user: (exit status, first line of its output), or None when it timed out."""
    try:
        run = subprocess.run(qemu + ["-L", root, path] + argv, capture_output=True, timeout=10, stdin=subprocess.DEVNULL)
    except subprocess.TimeoutExpired:
        return None
    text = (run.stdout + run.stderr).decode(errors="replace").splitlines()
    return run.returncode, next((t.strip() for t in text if t.strip()), "")


def cmd_qemu(args):
    """Unpacks every built ipk into one root over the cross C library's sysroot, then runs the listed
    programs with their arguments and every other program of the packages with the first of
    --version, -V, --help, -h that it answers (exit status 0 and some output)."""
    root = args.root
    shutil.rmtree(root, ignore_errors=True)
    os.makedirs(root)
    subprocess.run(["cp", "-a", args.sysroot + "/.", root], check=True)
    ipks = built_ipks(args.tree)
    programs = []
    for name, path in sorted(ipks.items()):
        try:
            unpack_ipk(path, root)
            with tarfile.open(path, "r:gz") as outer:
                member = next(m for m in outer.getmembers() if m.name.lstrip("./") == "data.tar.gz")
                with tarfile.open(fileobj=io.BytesIO(outer.extractfile(member).read()), mode="r:gz") as inner:
                    for m in inner.getmembers():
                        if m.isfile() and m.mode & 0o111 and re.match(r"\.?/?(usr/)?s?bin/", m.name):
                            programs.append((name, "/" + m.name.lstrip("./")))
        except (tarfile.TarError, StopIteration, OSError) as e:
            print(f"{name}: not unpacked: {e}", file=sys.stderr)
    qemu = args.qemu.split()
    results, done = [], set()
    for line in open(args.programs):
        if line.startswith("#") or not line.strip():
            continue
        program, *argv = line.split()
        path = os.path.join(root, program.lstrip("/"))
        if not os.path.isfile(path):
            continue
        done.add(program)
        outcome = run_under(qemu, root, path, argv)
        results.append(f"{program} {' '.join(argv)} -> " + ("timed out" if outcome is None else f"exit {outcome[0]}: {outcome[1][:160]}"))
    for package, program in programs:
        path = os.path.join(root, program.lstrip("/"))
        if program in done or not os.path.isfile(path):
            continue
        with open(path, "rb") as f:
            if f.read(4) != b"\x7fELF":
                continue
        done.add(program)
        last = None
        for argv in (["--version"], ["-V"], ["--help"], ["-h"]):
            outcome = run_under(qemu, root, path, argv)
            last = (argv, outcome)
            if outcome is not None and outcome[0] == 0 and outcome[1]:
                break
        argv, outcome = last
        results.append(f"{program} {' '.join(argv)} ({package}) -> "
                       + ("timed out" if outcome is None else f"exit {outcome[0]}: {outcome[1][:160]}"))
    with open(args.out, "w") as f:
        f.write("\n".join(results) + "\n")
    print("\n".join(results))


def main():
    p = argparse.ArgumentParser()
    sub = p.add_subparsers(dest="cmd", required=True)
    s = sub.add_parser("sources")
    s.add_argument("--models", nargs="+", required=True)
    s.add_argument("--debian", required=True)
    s.add_argument("--dl", required=True)
    s.add_argument("--out", required=True)
    s.add_argument("--gitconfig", required=True)
    s.set_defaults(func=cmd_sources)
    r = sub.add_parser("roots")
    r.add_argument("--sources", required=True)
    r.add_argument("--skip", nargs="*")
    r.add_argument("--dl", required=True)
    r.add_argument("--prefix", required=True)
    r.add_argument("--limits", help="source sizes in bytes that end each batch but the last, e.g. 300000,1500000")
    r.set_defaults(func=cmd_roots)
    d = sub.add_parser("drop")
    for a in ("--output", "--roots", "--dropped"):
        d.add_argument(a, required=True)
    d.add_argument("--models", nargs="+", required=True)
    d.set_defaults(func=cmd_drop)
    rep = sub.add_parser("report")
    for a in ("--tree", "--sources", "--arch", "--target", "--out-dir"):
        rep.add_argument(a, required=True)
    rep.add_argument("--output", nargs="+", required=True)
    rep.add_argument("--models", nargs="+", required=True)
    rep.add_argument("--classes")
    rep.add_argument("--dropped")
    rep.add_argument("--qemu")
    rep.set_defaults(func=cmd_report)
    q = sub.add_parser("qemu")
    for a in ("--tree", "--sysroot", "--root", "--qemu", "--programs", "--out"):
        q.add_argument(a, required=True)
    q.set_defaults(func=cmd_qemu)
    args = p.parse_args()
    args.func(args)


if __name__ == "__main__":
    main()
