#!/usr/bin/env python3
"""Layer check (DESIGN §6, issue 15): a module of src/ may use only layers to its left.

    format -> law -> data -> fit -> analysis -> chart -> io -> cli / app

Reads every `crate::NAME` path in src/ (in `use` lines, grouped `use crate::{a, b::C}` and
inline paths alike; comments are skipped) and reports each one that points up the order.
Imports inside one top-level module are not layer edges and are not checked here.

Usage:
    layers.py [SRC_DIR] [--known FILE]   check the tree; exit 1 on an upward import not in FILE
    layers.py --self-test                 check the checker on made-up trees (one good, one bad)

FILE (default .ci/layers_known.txt) lists upward imports that exist today, one
`file: from -> to` per line. It may only shrink: an entry that no longer occurs is reported
too, so that the list is trimmed as the cycles are removed; a new upward import fails.
"""

import os
import re
import sys
import tempfile

# Top-level module -> layer. `format` is a leaf every layer may use; `io` holds tables,
# chart files and sessions; `simulate` builds
# synthetic data from fitted laws, so it sits with the analysis.
LAYERS = {
    "format": -1,
    "law": 0,
    "data": 1,
    "fit": 2,
    "analysis": 3,
    "simulate": 3,
    "chart": 4,
    "io": 5,
    "cli": 6,
    "app": 6,
}

PATH_RE = re.compile(r"\bcrate::(\{|[A-Za-z_][A-Za-z0-9_]*)")


def strip_comments(text):
    """Drop // line comments (doc comments included) and /* */ blocks; keep line numbers."""
    text = re.sub(r"/\*.*?\*/", lambda m: "\n" * m.group(0).count("\n"), text, flags=re.S)
    return "\n".join(re.sub(r"//.*", "", line) for line in text.split("\n"))


def group_names(text, start):
    """Top-level names of a `{...}` group starting at text[start] == '{'."""
    depth, segments, current = 0, [], ""
    for ch in text[start:]:
        if ch == "{":
            depth += 1
            if depth == 1:
                continue
        elif ch == "}":
            depth -= 1
            if depth == 0:
                break
        if depth == 1 and ch == ",":
            segments.append(current)
            current = ""
        else:
            current += ch
    segments.append(current)
    names = []
    for seg in segments:
        m = re.match(r"\s*([A-Za-z_][A-Za-z0-9_]*)", seg)
        if m:
            names.append(m.group(1))
    return names


def module_of(rel):
    """Top-level module of a path relative to src/ ('data/load.rs' -> 'data')."""
    first = rel.split(os.sep)[0]
    return first[:-3] if first.endswith(".rs") else first


def upward_imports(src):
    """Every (file, line, from, to) whose target layer is above the file's layer."""
    found = []
    for root, _, files in os.walk(src):
        for name in sorted(files):
            if not name.endswith(".rs"):
                continue
            path = os.path.join(root, name)
            rel = os.path.relpath(path, src)
            here = module_of(rel)
            if here not in LAYERS:
                continue  # lib.rs, main.rs: the crate root sees everything
            with open(path, encoding="utf-8") as f:
                text = strip_comments(f.read())
            for m in PATH_RE.finditer(text):
                line = text.count("\n", 0, m.start()) + 1
                targets = group_names(text, m.start(1)) if m.group(1) == "{" else [m.group(1)]
                for to in targets:
                    if to in LAYERS and to != here and LAYERS[to] > LAYERS[here]:
                        found.append((rel.replace(os.sep, "/"), line, here, to))
    return found


def check(src, known_path):
    found = upward_imports(src)
    known = set()
    if known_path and os.path.exists(known_path):
        with open(known_path, encoding="utf-8") as f:
            for raw in f:
                raw = raw.split("#", 1)[0].strip()
                if raw:
                    known.add(raw)
    seen = set()
    new = []
    for rel, line, here, to in found:
        key = f"{rel}: {here} -> {to}"
        seen.add(key)
        if key not in known:
            new.append(f"{rel}:{line}: {here} uses crate::{to}, a layer above it")
    stale = sorted(known - seen)
    for msg in new:
        print("UPWARD IMPORT " + msg)
    for key in stale:
        print(f"STALE known entry (no longer occurs; remove it from {known_path}): {key}")
    edges = len(seen)
    print(f"layers: {edges} upward edge(s) in src/, {len(known)} known, {len(new)} new, {len(stale)} stale")
    return 1 if new or stale else 0


def self_test():
    def tree(files):
        d = tempfile.mkdtemp()
        for rel, body in files.items():
            p = os.path.join(d, rel)
            os.makedirs(os.path.dirname(p), exist_ok=True)
            with open(p, "w", encoding="utf-8") as f:
                f.write(body)
        return d

    good = tree({
        "law/mod.rs": "//! uses crate::app in a comment only\npub fn f() {}\n",
        "data/mod.rs": "use crate::law::f;\nuse crate::data::x; // own module\n",
        "fit/mod.rs": "use crate::{law::f, data::{A, B}};\n",
        "app/mod.rs": "use crate::{cli, chart::C};\nfn g() { crate::io::s(); }\n",
    })
    bad_use = tree({"law/mod.rs": "use crate::app::Foo;\n"})
    bad_group = tree({"data/mod.rs": "use crate::{law::L,\n    fit::{LossPoint, ScorePoint}};\n"})
    bad_inline = tree({"chart/build.rs": "fn f() -> crate::io::S { todo!() }\n"})
    ok = True
    for name, d, want in [
        ("good tree", good, 0),
        ("use crate::app in law", bad_use, 1),
        ("grouped use of fit in data", bad_group, 1),
        ("inline crate::io path in chart", bad_inline, 1),
    ]:
        got = 1 if upward_imports(d) else 0
        status = "ok" if got == want else "WRONG"
        ok &= got == want
        print(f"self-test {status}: {name}: {'flagged' if got else 'clean'}")
    return 0 if ok else 1


def main(argv):
    if "--self-test" in argv:
        return self_test()
    known = ".ci/layers_known.txt"
    if "--known" in argv:
        i = argv.index("--known")
        known = argv[i + 1]
        del argv[i : i + 2]
    src = argv[1] if len(argv) > 1 else "src"
    return check(src, known)


if __name__ == "__main__":
    sys.exit(main(sys.argv))
