#!/usr/bin/env python3
"""Every autograd node has a test.

Collects the node names that runtime/autograd/*.cpp record (string literals such as
"MulBackward0", plus "CopySlices" and "CopyBackwards") and fails, listing them, when
a name appears in no tests/unit/runtime/test_autograd*.cpp file (or header they
include). The gradcheck tables there name the node each row's graph must contain.

Usage: autograd_coverage.py [--root REPO]
"""
import argparse
import pathlib
import re
import sys

NODE_LITERAL = re.compile(r'"([A-Z][A-Za-z0-9]*Backward[0-9]*|CopySlices|CopyBackwards)"')


def node_names(sources):
    names = {}
    for path in sources:
        for name in NODE_LITERAL.findall(path.read_text(encoding="utf-8")):
            names.setdefault(name, path.name)
    return names


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=pathlib.Path, default=pathlib.Path(__file__).resolve().parent.parent)
    root = parser.parse_args().root
    sources = sorted((root / "runtime" / "autograd").glob("*.cpp"))
    tests = sorted((root / "tests" / "unit" / "runtime").glob("test_autograd*"))
    if not sources or not tests:
        print(f"autograd_coverage: no sources ({len(sources)}) or tests ({len(tests)}) under {root}")
        return 1
    names = node_names(sources)
    test_text = "\n".join(p.read_text(encoding="utf-8") for p in tests)
    # A whole-word match: "SumBackward0" must not count for "CumsumBackward0".
    missing = sorted(n for n in names if not re.search(r"\b" + re.escape(n) + r"\b", test_text))
    if missing:
        print(f"{len(missing)} of {len(names)} autograd nodes have no test in tests/unit/runtime/test_autograd*.cpp:")
        for name in missing:
            print(f"  {name} (runtime/autograd/{names[name]})")
        return 1
    print(f"all {len(names)} autograd nodes appear in {len(tests)} test files")
    return 0


if __name__ == "__main__":
    sys.exit(main())
