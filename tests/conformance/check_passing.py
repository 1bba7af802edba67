#!/usr/bin/env python3
"""Runs every conformance case; fails only when a case listed in passing.txt fails.

Cases not yet listed are reported (so progress is visible) but do not fail the run.
Uses run.py (the corpus' reference runner) for execution and comparison.
"""
import argparse
import concurrent.futures
import os
import shlex
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import run  # noqa: E402


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", required=True)
    ap.add_argument("dir")
    ap.add_argument("--timeout", type=float, default=30.0)
    ap.add_argument("-j", "--jobs", type=int, default=2)
    args = ap.parse_args()

    with open(os.path.join(args.dir, "passing.txt"), encoding="utf-8") as f:
        listed = {l.strip() for l in f if l.strip() and not l.startswith("#")}
    cases = run.find_cases([args.dir])
    cmd = shlex.split(args.bin)
    if cmd and os.path.exists(cmd[0]):
        cmd[0] = os.path.abspath(cmd[0])  # cases run in their own temporary directory
    with concurrent.futures.ThreadPoolExecutor(max_workers=args.jobs) as pool:
        results = list(pool.map(lambda c: run.check_case(c, cmd, args.timeout, False), cases))
    names = {os.path.basename(c)[: -len(".tscript")] for c in cases}
    unknown = sorted(listed - names)
    regressions, newly = [], []
    passed = 0
    for case, (ok, message, tail) in zip(cases, results):
        name = os.path.basename(case)[: -len(".tscript")]
        if ok:
            passed += 1
            if name not in listed:
                newly.append(name)
        elif name in listed:
            regressions.append(name)
            print(f"REGRESSION {name}: {message}")
            for line in tail.splitlines():
                print(f"    stderr: {line}")
        else:
            print(f"not yet {name}: {message}")
    for name in newly:
        print(f"NEW PASS {name} (add it to passing.txt)")
    for name in unknown:
        print(f"passing.txt names a case that does not exist: {name}")
    print(f"corpus: {passed} of {len(cases)} cases pass; {len(listed)} listed in passing.txt")
    print(f"{len(listed) - len(regressions) - len(unknown)} passed, {len(regressions) + len(unknown)} failed")
    return 1 if regressions or unknown else 0


if __name__ == "__main__":
    sys.exit(main())
