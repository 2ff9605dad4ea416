#!/bin/bash
# One device run: environment, then bench.py (PyTorch) or fallback.cu (nvcc + cuBLAS).
cd "$(dirname "$0")"
OUT=${OUT:-out}; mkdir -p "$OUT"
{
  nvidia-smi
  nvidia-smi --query-gpu=name,driver_version,clocks.sm,clocks.max.sm,clocks.mem,power.limit --format=csv
  uname -a; which nvcc && nvcc --version | tail -2
  python3 -c 'import torch; print("torch", torch.__version__, torch.version.cuda, torch.cuda.is_available())'
} 2>&1 | tee "$OUT/machine.txt"
if python3 -c 'import torch; assert torch.cuda.is_available()' 2>/dev/null; then
  PYTHONUNBUFFERED=1 python3 bench.py 2>&1 | tee "$OUT/bench.log"
else
  echo "PyTorch missing: CUDA C fallback" | tee "$OUT/bench.log"
  nvcc -O2 -arch=sm_90 fallback.cu -lcublas -o /tmp/afd_fallback && /tmp/afd_fallback "$OUT" 2>&1 | tee -a "$OUT/bench.log"
fi
nvidia-smi --query-gpu=clocks.sm,clocks.mem,temperature.gpu,power.draw --format=csv 2>&1 | tee -a "$OUT/machine.txt"
