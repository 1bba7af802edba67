#!/usr/bin/env python3
"""Runs every tests/scripts/*.tscript; each checks itself with assert and must exit 0.

A file whose first line is `# expect-error: NAME` must instead exit 1 with a traceback
whose last line starts with NAME (checks uncaught-error reporting).
"""
import argparse
import os
import subprocess
import sys


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", required=True)
    ap.add_argument("dir")
    args = ap.parse_args()
    binary = os.path.abspath(args.bin)  # scripts run with their folder as working directory
    names = sorted(n for n in os.listdir(args.dir) if n.endswith(".tscript"))
    passed = failed = 0
    for name in names:
        path = os.path.join(os.path.abspath(args.dir), name)
        with open(path, encoding="utf-8") as f:
            first = f.readline().strip()
        proc = subprocess.run([binary, path], cwd=args.dir, stdin=subprocess.DEVNULL,
                              capture_output=True, text=True, timeout=60)
        if first.startswith("# expect-error:"):
            want = first.split(":", 1)[1].strip()
            last = proc.stderr.strip().splitlines()[-1] if proc.stderr.strip() else ""
            ok = proc.returncode == 1 and last.startswith(want)
        else:
            ok = proc.returncode == 0
        if ok:
            passed += 1
        else:
            failed += 1
            print(f"FAIL {name} (exit {proc.returncode})")
            print(proc.stdout[-2000:])
            print(proc.stderr[-2000:])
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
