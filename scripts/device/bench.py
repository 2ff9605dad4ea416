#!/usr/bin/env python3
"""Calibration measurements on one NVIDIA GPU for afd (HBM copy bandwidth, BF16/FP8 GEMM times).

Writes CSV files into the folder named by $OUT (default ./out). Timing: CUDA events around each
launch, median over >= 30 timed launches after warm-up. Two L2 states for GEMMs:
  warm: back-to-back launches on the same operands (weights may stay in the 60 MB L2),
  cold: a 512 MiB scratch buffer is overwritten between launches (outside the timed interval).
"""
import os, sys, time, statistics, platform, subprocess

OUT = os.environ.get("OUT", "out")
os.makedirs(OUT, exist_ok=True)

import torch
import torch.nn.functional as F

dev = torch.device("cuda")
props = torch.cuda.get_device_properties(0)
env = {
    "date_utc": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
    "device": props.name,
    "sm_count": props.multi_processor_count,
    "total_mem_gib": round(props.total_memory / 2**30, 2),
    "l2_bytes": getattr(props, "L2_cache_size", "n/a"),
    "torch": torch.__version__,
    "cuda_runtime": torch.version.cuda,
    "cublas": torch.backends.cuda.preferred_blas_library() if hasattr(torch.backends.cuda, "preferred_blas_library") else "n/a",
    "python": platform.python_version(),
    "has_scaled_mm": hasattr(torch, "_scaled_mm"),
}
with open(os.path.join(OUT, "env.csv"), "w") as f:
    f.write("key,value\n")
    for k, v in env.items():
        f.write(f"{k},{v}\n")
print(env, flush=True)

scratch = torch.empty(512 * 2**20, dtype=torch.uint8, device=dev)


def flush():
    scratch.zero_()


def time_launches(fn, iters=30, warmup=5, cold=False):
    for _ in range(warmup):
        fn()
    torch.cuda.synchronize()
    starts = [torch.cuda.Event(enable_timing=True) for _ in range(iters)]
    ends = [torch.cuda.Event(enable_timing=True) for _ in range(iters)]
    for i in range(iters):
        if cold:
            flush()
        starts[i].record()
        fn()
        ends[i].record()
    torch.cuda.synchronize()
    us = [s.elapsed_time(e) * 1e3 for s, e in zip(starts, ends)]
    return statistics.median(us), min(us), max(us)


def time_batched(fn, reps):
    """Mean time of `reps` back-to-back launches between one pair of events (no per-launch event gap)."""
    for _ in range(3):
        fn()
    torch.cuda.synchronize()
    s = torch.cuda.Event(enable_timing=True)
    e = torch.cuda.Event(enable_timing=True)
    s.record()
    for _ in range(reps):
        fn()
    e.record()
    torch.cuda.synchronize()
    return s.elapsed_time(e) * 1e3 / reps


# ---------------------------------------------------------------- 1. HBM copy bandwidth
rows = ["bytes_copied,bytes_moved_rw,l2,median_us,min_us,max_us,gbps_median_rw"]
for size in [2**20, 4 * 2**20, 16 * 2**20, 64 * 2**20, 256 * 2**20, 2**30, 4 * 2**30]:
    src = torch.randint(0, 255, (size,), dtype=torch.uint8, device=dev)
    dst = torch.empty_like(src)
    modes = [False, True] if size <= 256 * 2**20 else [False]
    for cold in modes:
        med, mn, mx = time_launches(lambda: dst.copy_(src), iters=30 if size < 2**30 else 20, cold=cold)
        gbps = 2 * size / (med * 1e-6) / 1e9
        rows.append(f"{size},{2*size},{'cold' if cold else 'warm'},{med:.3f},{mn:.3f},{mx:.3f},{gbps:.1f}")
        print(rows[-1], flush=True)
    del src, dst
torch.cuda.empty_cache()
with open(os.path.join(OUT, "hbm_copy.csv"), "w") as f:
    f.write("\n".join(rows) + "\n")

# ---------------------------------------------------------------- 2./3. GEMMs
shapes = [(8192, 8192, 8192), (4096, 4096, 4096)]
for m in [1, 16, 64, 256, 1024]:
    for n, k in [(7168, 2048), (2112, 7168), (24576, 1536)]:
        shapes.append((m, n, k))

grows = ["dtype,m,n,k,l2,median_us,min_us,max_us,tflops_median,batched_mean_us"]


def record(dtype, m, n, k, fn):
    for cold in (False, True):
        med, mn, mx = time_launches(fn, iters=30, warmup=5, cold=cold)
        tf = 2.0 * m * n * k / (med * 1e-6) / 1e12
        bat = time_batched(fn, 50) if not cold else float("nan")
        grows.append(f"{dtype},{m},{n},{k},{'cold' if cold else 'warm'},{med:.3f},{mn:.3f},{mx:.3f},{tf:.2f},{bat:.3f}")
        print(grows[-1], flush=True)


torch.manual_seed(0)
for m, n, k in shapes:
    try:
        x = torch.randn(m, k, device=dev, dtype=torch.bfloat16)
        w = torch.randn(n, k, device=dev, dtype=torch.bfloat16)  # nn.Linear layout: y = x @ w^T
        y = torch.empty(m, n, device=dev, dtype=torch.bfloat16)
        record("bf16", m, n, k, lambda: torch.matmul(x, w.t(), out=y))
        del x, w, y
    except Exception as ex:  # keep going
        print("bf16 failed", m, n, k, repr(ex), flush=True)

if hasattr(torch, "_scaled_mm"):
    one = torch.tensor(1.0, device=dev, dtype=torch.float32)
    for m, n, k in shapes:
        try:
            x = torch.randn(m, k, device=dev).to(torch.float8_e4m3fn)
            w = torch.randn(n, k, device=dev).to(torch.float8_e4m3fn)
            wt = w.t()  # column-major [k, n], as _scaled_mm requires
            mm = m if m % 16 == 0 else 16  # fp8 cuBLASLt needs dims divisible by 16
            if mm != m:
                x = torch.randn(mm, k, device=dev).to(torch.float8_e4m3fn)
            record("fp8_e4m3" + ("_pad16" if mm != m else ""), mm, n, k,
                   lambda: torch._scaled_mm(x, wt, scale_a=one, scale_b=one, out_dtype=torch.bfloat16))
            del x, w, wt
        except Exception as ex:
            print("fp8 failed", m, n, k, repr(ex), flush=True)

with open(os.path.join(OUT, "gemm.csv"), "w") as f:
    f.write("\n".join(grows) + "\n")
print("done", flush=True)
