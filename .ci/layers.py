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


# Inside src/data (issue 19): two rooms, the table model (data/model) and the readers
# (data/read). The model names no reader, and no file of src/data imports another in a cycle.
ROOMS_MODULE = "data"
REL_RE = re.compile(r"\b(crate|super|self)((?:::[A-Za-z_][A-Za-z0-9_]*)*)::(\{|[A-Za-z_][A-Za-z0-9_]*)")


def module_path(rel):
    """'data/read/olmo/run.rs' -> ('data', 'read', 'olmo', 'run'); a mod.rs is its folder."""
    parts = rel.replace(os.sep, "/")[:-3].split("/")
    if parts[-1] == "mod":
        parts = parts[:-1]
    return tuple(parts)


def file_graph(src, top):
    """Edges between the files of src/TOP: a `crate::`, `super::` or `self::` path (grouped
    or not) resolved to the longest module that is a file. Test modules (after the first
    `#[cfg(test)]`) are left out: they see their own file."""
    mods = {}
    base = os.path.join(src, top)
    for root, _, files in os.walk(base):
        for name in files:
            if name.endswith(".rs"):
                rel = os.path.relpath(os.path.join(root, name), src)
                mods[module_path(rel)] = rel.replace(os.sep, "/")
    edges = {m: set() for m in mods}
    for here, rel in mods.items():
        with open(os.path.join(src, rel), encoding="utf-8") as f:
            text = strip_comments(f.read())
        text = text.split("#[cfg(test)]", 1)[0]
        is_dir = rel.endswith("mod.rs")
        for m in REL_RE.finditer(text):
            kind, middle, last = m.group(1), m.group(2), m.group(3)
            # `super` is the parent of this file's module (a mod.rs is its folder's module)
            start = () if kind == "crate" else here[:-1] if kind == "super" else here
            seg = [x for x in middle.split("::") if x]
            heads = group_names(text, m.start(3)) if last == "{" else [last]
            for h in heads:
                path = tuple(start) + tuple(seg) + (h,)
                target = None
                for k in range(len(path), 0, -1):
                    if path[:k] in mods:
                        target = path[:k]
                        break
                if target and target != here and target[0] == top:
                    edges[here].add(target)
        if is_dir:  # `use child::X` / `pub use child::X` in a mod.rs names its child
            for m in re.finditer(r"\buse\s+([A-Za-z_][A-Za-z0-9_]*)::", text):
                child = here + (m.group(1),)
                if child in mods:
                    edges[here].add(child)
    return mods, edges


def cycles(edges):
    """Strongly connected components of more than one file (Tarjan)."""
    index, low, stack, on, out = {}, {}, [], set(), []
    counter = [0]

    def visit(v):
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        for w in sorted(edges[v]):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                out.append(sorted(comp))

    for v in sorted(edges):
        if v not in index:
            visit(v)
    return out


def rooms_problems(src):
    """Model files that name a reader, and import cycles among the files of src/data."""
    if not os.path.isdir(os.path.join(src, ROOMS_MODULE)):
        return []
    mods, edges = file_graph(src, ROOMS_MODULE)
    problems = []
    for here, targets in sorted(edges.items()):
        if here[:2] == (ROOMS_MODULE, "model"):
            for t in sorted(targets):
                if t[:2] != (ROOMS_MODULE, "model"):
                    problems.append(f"MODEL USES A READER {mods[here]} -> {mods[t]}")
    for comp in cycles(edges):
        problems.append("IMPORT CYCLE in src/data: " + " <-> ".join(mods[c] for c in comp))
    return problems


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
    rooms = rooms_problems(src)
    for msg in rooms:
        print(msg)
    print(f"data rooms: {len(rooms)} problem(s) (model -> reader imports, import cycles in src/data)")
    return 1 if new or stale or rooms else 0


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
    rooms_good = tree({
        "data/mod.rs": "pub mod model;\npub mod read;\npub use model::Dataset;\n",
        "data/model/mod.rs": "pub mod tasks;\npub struct Dataset;\n",
        "data/model/tasks.rs": "use super::Dataset;\n",
        "data/read/mod.rs": "pub mod csv;\npub mod load;\n",
        "data/read/load.rs": "use super::csv::read;\nuse crate::data::model::{Dataset, tasks::T};\n",
        "data/read/csv.rs": "use crate::data::model::Dataset;\n#[cfg(test)]\nmod tests { use super::super::load::x; }\n",
    })
    rooms_model_reads = tree({
        "data/model/mod.rs": "pub mod tasks;\n",
        "data/model/tasks.rs": "use crate::data::read::columns::normalize;\n",
        "data/read/columns.rs": "pub fn normalize() {}\n",
    })
    rooms_cycle = tree({
        "data/read/mod.rs": "pub mod a;\npub mod b;\n",
        "data/read/a.rs": "use super::b::B;\npub struct A;\n",
        "data/read/b.rs": "use super::{a::A, c};\npub struct B;\n",
    })
    ok = True
    for name, d, check_tree, want in [
        ("data rooms: good tree", rooms_good, rooms_problems, 0),
        ("data rooms: the model names a reader", rooms_model_reads, rooms_problems, 1),
        ("data rooms: two readers import each other", rooms_cycle, rooms_problems, 1),
        ("good tree", good, upward_imports, 0),
        ("use crate::app in law", bad_use, upward_imports, 1),
        ("grouped use of fit in data", bad_group, upward_imports, 1),
        ("inline crate::io path in chart", bad_inline, upward_imports, 1),
    ]:
        got = 1 if check_tree(d) else 0
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
