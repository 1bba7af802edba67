#!/usr/bin/env python3
"""Checkpoints cross between tscript and PyTorch both ways.

tscript saves a model's state_dict, views sharing one storage, every dtype and nested
containers; /usr/bin/python3 with torch loads and checks them, then saves its own file,
which tscript loads and checks. Exits 77 (reported by CTest as skipped) when
/usr/bin/python3 has no torch.
"""
import argparse
import os
import subprocess
import sys
import tempfile

PYTORCH = "/usr/bin/python3"

WRITE_TS = r'''
import torch
from torch import nn
torch.manual_seed(0)
model = nn.Sequential(nn.Linear(3, 2), nn.ReLU(), nn.Linear(2, 1))
base = torch.arange(12.0)
obj = {
    "model": model.state_dict(),
    "w": base.view(3, 4), "v": base[2:5],
    "dtypes": [torch.tensor([1, 2], dtype=d) for d in
               (torch.float64, torch.float16, torch.bfloat16, torch.int64, torch.int32,
                torch.int16, torch.int8, torch.uint8, torch.bool)],
    "nested": {"t": (1, 2.5, "x", None, True), "l": [torch.ones(2)]},
}
torch.save(obj, PATH)
print(float(model(torch.ones(1, 3)).item()))
'''

CHECK_PT = r'''
import collections, sys, torch
from torch import nn
c = torch.load(PATH)
model = nn.Sequential(nn.Linear(3, 2), nn.ReLU(), nn.Linear(2, 1))
model.load_state_dict(c["model"])
assert type(c["model"]) is collections.OrderedDict
assert abs(model(torch.ones(1, 3)).item() - EXPECTED) < 1e-6
assert c["v"].tolist() == [2.0, 3.0, 4.0] and c["v"].storage_offset() == 2
assert c["v"].storage().data_ptr() == c["w"].storage().data_ptr()
assert [t.dtype for t in c["dtypes"]] == [torch.float64, torch.float16, torch.bfloat16, torch.int64,
    torch.int32, torch.int16, torch.int8, torch.uint8, torch.bool]
assert c["nested"]["t"] == (1, 2.5, "x", None, True) and c["nested"]["l"][0].tolist() == [1.0, 1.0]
torch.save({"a": torch.arange(6).view(2, 3).t(), "b": [torch.tensor(0.5)], "c": "ok"}, PATH2)
'''

CHECK_TS = r'''
import torch
c = torch.load(PATH2)
assert c["a"].tolist() == [[0, 3], [1, 4], [2, 5]] and c["a"].dtype == torch.int64
assert c["b"][0].item() == 0.5 and c["c"] == "ok"
print("ok")
'''


def run(cmd, src, **subst):
    for k, v in subst.items():
        src = src.replace(k, repr(v) if isinstance(v, str) else str(v))
    return subprocess.run(cmd + ["-c", src], capture_output=True, text=True, timeout=120)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", required=True)
    args = ap.parse_args()
    if subprocess.run([PYTORCH, "-c", "import torch"], capture_output=True).returncode != 0:
        print("skipped: /usr/bin/python3 has no torch")
        return 77
    with tempfile.TemporaryDirectory() as d:
        path, path2 = os.path.join(d, "ts.pt"), os.path.join(d, "pt.pt")
        w = run([args.bin], WRITE_TS, PATH=path)
        if w.returncode != 0:
            print("tscript failed to save:\n" + w.stdout + w.stderr)
            return 1
        expected = float(w.stdout.strip().splitlines()[-1])
        c = run([PYTORCH], CHECK_PT, PATH2=path2, PATH=path, EXPECTED=expected)
        if c.returncode != 0:
            print("PyTorch could not load tscript's file:\n" + c.stdout + c.stderr)
            return 1
        t = run([args.bin], CHECK_TS, PATH2=path2)
        if t.returncode != 0 or t.stdout.strip() != "ok":
            print("tscript could not load PyTorch's file:\n" + t.stdout + t.stderr)
            return 1
    print("1 passed, 0 failed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
