#!/usr/bin/env python3
"""Compare the H200 device measurements with AIConfigurator's table and afd's roofline.

Reads docs/device-data/{h200-run1,h200-run2}/*.csv and the AIConfigurator subset extracted by
Dump.java; prints the markdown tables used in docs/device-measurements.md.
"""
import csv, os, statistics

D = os.path.join(os.path.dirname(__file__), "..", "..", "docs", "device-data")
PEAK = {"bf16": 989e12, "fp8": 1979e12}
BW = 4.8e12
OVERHEAD = 3e-6
# (gemm half rows, memory half bytes, compute scale, memory scale); catalog efficiencies 0.8 / 0.8.
PARAMS = {
    "head": (32, 256 * 1024, 1.0, 1.0),  # RooflineParameters.DEFAULT as coded at a87ea1a
    "fit": (53.93, 39.2e6, 0.6801, 0.7601),  # the joint fit docs/accuracy.md reports
}


def roofline_us(prec, m, n, k, p):
    half_rows, half_bytes, cs, ms = p
    flops = 2.0 * m * n * k
    wbytes = 1 if prec == "fp8" else 2
    byts = n * k * wbytes + (m * k + m * n) * 2  # afd: fp8 weights, bf16 activations
    ce = min(1, 0.8 * cs) * m / (m + half_rows)
    me = min(1, 0.8 * ms) * byts / (byts + half_bytes)
    return (max(flops / (PEAK[prec] * ce), byts / (BW * me)) + OVERHEAD) * 1e6


aic = {}
for r in csv.DictReader(open(os.environ.get("AIC_GEMM_CSV", "/tmp/aic_h200_gemm.csv"))):
    aic[(r["gemm_dtype"], int(r["m"]), int(r["n"]), int(r["k"]))] = float(r["latency_us"])


def aic_us(dt, m, n, k):
    key = "bfloat16" if dt == "bf16" else "fp8"
    if (key, m, n, k) in aic:
        return aic[(key, m, n, k)], ""
    lo, hi = {2112: (2048, 2560), 24576: (16384, 51200)}[n]
    a, b = aic[(key, m, lo, k)], aic[(key, m, hi, k)]
    return a + (b - a) * (n - lo) / (hi - lo), "i"


run1 = {}
for r in csv.DictReader(open(os.path.join(D, "h200-run1", "gemm.csv"))):
    dt = "fp8" if r["dtype"] == "fp8_e4m3" else ("fp8pad" if "pad" in r["dtype"] else "bf16")
    run1[(dt, int(r["m"]), int(r["n"]), int(r["k"]), r["l2"])] = float(r["median_us"])
run2 = {}
for r in csv.DictReader(open(os.path.join(D, "h200-run2", "graphs.csv"))):
    if r["kind"] == "gemm":
        dt = "fp8" if r["dtype"].startswith("fp8") else "bf16"
        run2[(dt, int(r["m"]), int(r["n"]), int(r["k"]))] = (float(r["warm_us"]), float(r["cold_us"]))


def pct(model, meas):
    return f"{100 * (model - meas) / meas:+.0f} %"


shapes = [(8192, 8192, 8192), (4096, 4096, 4096)]
shapes += [(m, n, k) for n, k in [(7168, 2048), (2112, 7168), (24576, 1536)] for m in [1, 16, 64, 256, 1024]]
errs = {}  # (model, dtype, reference) -> list of signed relative errors
for dt in ["bf16", "fp8"]:
    print(f"\n#### {dt.upper()}\n")
    print("| m | n | k | measured warm µs | measured cold µs | TFLOP/s (warm) | AIConfigurator µs | err vs warm | "
          "afd roofline (HEAD) µs | err vs cold | afd roofline (fit) µs | err vs cold |")
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for m, n, k in shapes:
        if dt == "fp8" and m % 16:
            continue
        if (dt, m, n, k) in run2:
            warm, cold = run2[(dt, m, n, k)]
        else:  # 8192^3 only in the event-timed run
            warm, cold = run1[(dt, m, n, k, "warm")], run1[(dt, m, n, k, "cold")]
        a, flag = aic_us(dt, m, n, k)
        h = roofline_us(dt, m, n, k, PARAMS["head"])
        f = roofline_us(dt, m, n, k, PARAMS["fit"])
        tf = 2.0 * m * n * k / (warm * 1e-6) / 1e12
        for name, val in (("AIConfigurator", a), ("afd roofline (HEAD)", h), ("afd roofline (fit)", f)):
            for ref, meas in (("warm", warm), ("cold", cold)):
                errs.setdefault((name, dt, ref), []).append((val - meas) / meas)
        print(f"| {m} | {n} | {k} | {warm:.1f} | {cold:.1f} | {tf:.0f} | {a:.1f}{' (interp.)' if flag else ''} | "
              f"{pct(a, warm)} | {h:.1f} | {pct(h, cold)} | {f:.1f} | {pct(f, cold)} |")
print("\n#### Summary: signed error (model - measured) / measured\n")
print("| model | dtype | vs | shapes | median | median abs | min | max |")
print("|---|---|---|---:|---:|---:|---:|---:|")
for (name, dt, ref), v in errs.items():
    print(f"| {name} | {dt} | {ref} | {len(v)} | {100 * statistics.median(v):+.0f} % | "
          f"{100 * statistics.median(abs(x) for x in v):.0f} % | {100 * min(v):+.0f} % | {100 * max(v):+.0f} % |")

print("\n#### Copy, bytes read + written\n")
print("| bytes copied | moved (r+w) | µs (graph, warm L2) | µs (graph, cold L2) | GB/s cold | of 4.8 TB/s | "
      "afd memory-roofline µs (HEAD) | afd memory-roofline µs (fit) |")
print("|---:|---:|---:|---:|---:|---:|---:|---:|")
g = {int(r["m"]): (float(r["warm_us"]), float(r["cold_us"])) for r in csv.DictReader(open(os.path.join(D, "h200-run2", "graphs.csv"))) if r["kind"] == "copy"}
ev = {int(r["bytes_copied"]): float(r["median_us"]) for r in csv.DictReader(open(os.path.join(D, "h200-run1", "hbm_copy.csv"))) if r["l2"] == "warm"}
for size in sorted(set(g) | set(ev)):
    warm, cold = g.get(size, (None, None))
    if cold is None:
        cold = ev[size]
    moved = 2 * size
    gbps = moved / (cold * 1e-6) / 1e9
    rl = []
    for p in ("head", "fit"):
        _, hb, _, ms = PARAMS[p]
        me = min(1, 0.8 * ms) * moved / (moved + hb)
        rl.append(moved / (BW * me) * 1e6 + 3)
    print(f"| {size} | {moved} | {'' if warm is None else f'{warm:.1f}'} | {cold:.1f}{'' if size in g else ' (events)'} | {gbps:.0f} | "
          f"{gbps / 4800:.2f} | {rl[0]:.1f} | {rl[1]:.1f} |")
