// Fallback when PyTorch is missing: cuBLAS BF16 GEMM (cublasGemmEx) and device-to-device copy.
// Build: nvcc -O2 -arch=sm_90 fallback.cu -lcublas -o fallback ; run: ./fallback OUTDIR
#include <cublas_v2.h>
#include <cuda_bf16.h>
#include <cuda_runtime.h>
#include <algorithm>
#include <cstdio>
#include <vector>

#define CK(x) do { cudaError_t e = (x); if (e != cudaSuccess) { printf("CUDA %s at %d\n", cudaGetErrorString(e), __LINE__); return 1; } } while (0)
#define CB(x) do { cublasStatus_t s = (x); if (s != CUBLAS_STATUS_SUCCESS) { printf("cuBLAS %d at %d\n", (int)s, __LINE__); return 1; } } while (0)

static float median(std::vector<float> v) { std::sort(v.begin(), v.end()); return v[v.size() / 2]; }

__global__ void fill(__nv_bfloat16* p, size_t n) {
  for (size_t i = blockIdx.x * (size_t)blockDim.x + threadIdx.x; i < n; i += (size_t)gridDim.x * blockDim.x)
    p[i] = __float2bfloat16((float)((i * 2654435761u) % 1000) / 1000.0f - 0.5f);
}

int main(int argc, char** argv) {
  const char* out = argc > 1 ? argv[1] : ".";
  char path[1024];
  const int iters = 30, warm = 5;
  cudaEvent_t a, b;
  CK(cudaEventCreate(&a)); CK(cudaEventCreate(&b));

  snprintf(path, sizeof path, "%s/hbm_copy.csv", out);
  FILE* f = fopen(path, "w");
  fprintf(f, "bytes_copied,bytes_moved_rw,l2,median_us,min_us,max_us,gbps_median_rw\n");
  size_t big = 4ull << 30;
  void *src, *dst;
  CK(cudaMalloc(&src, big)); CK(cudaMalloc(&dst, big));
  CK(cudaMemset(src, 1, big));
  for (size_t size : {1ull << 20, 16ull << 20, 256ull << 20, 1ull << 30, 4ull << 30}) {
    std::vector<float> t;
    for (int i = 0; i < warm + iters; i++) {
      CK(cudaEventRecord(a)); CK(cudaMemcpy(dst, src, size, cudaMemcpyDeviceToDevice)); CK(cudaEventRecord(b));
      CK(cudaEventSynchronize(b));
      float ms; CK(cudaEventElapsedTime(&ms, a, b));
      if (i >= warm) t.push_back(ms * 1e3f);
    }
    float med = median(t);
    fprintf(f, "%zu,%zu,warm,%.3f,%.3f,%.3f,%.1f\n", size, 2 * size, med, *std::min_element(t.begin(), t.end()),
            *std::max_element(t.begin(), t.end()), 2.0 * size / (med * 1e-6) / 1e9);
    printf("copy %zu bytes: %.3f us\n", size, med);
  }
  fclose(f);
  CK(cudaFree(src)); CK(cudaFree(dst));

  cublasHandle_t h; CB(cublasCreate(&h));
  snprintf(path, sizeof path, "%s/gemm.csv", out);
  f = fopen(path, "w");
  fprintf(f, "dtype,m,n,k,l2,median_us,min_us,max_us,tflops_median,batched_mean_us\n");
  std::vector<int> ms = {1, 16, 64, 256, 1024};
  int nk[3][2] = {{7168, 2048}, {2112, 7168}, {24576, 1536}};
  std::vector<std::vector<int>> shapes = {{8192, 8192, 8192}, {4096, 4096, 4096}};
  for (int m : ms) for (auto& p : nk) shapes.push_back({m, p[0], p[1]});
  for (auto& s : shapes) {
    int m = s[0], n = s[1], k = s[2];
    __nv_bfloat16 *x, *w, *y;
    CK(cudaMalloc(&x, (size_t)m * k * 2)); CK(cudaMalloc(&w, (size_t)n * k * 2)); CK(cudaMalloc(&y, (size_t)m * n * 2));
    fill<<<1024, 256>>>(x, (size_t)m * k); fill<<<1024, 256>>>(w, (size_t)n * k);
    float alpha = 1, beta = 0;
    // Row-major y[m,n] = x[m,k] * w[n,k]^T  ==  column-major y^T[n,m] = w^T... : C(n x m) = op(W)(n x k) * X(k x m)
    std::vector<float> t;
    for (int i = 0; i < warm + iters; i++) {
      CK(cudaEventRecord(a));
      CB(cublasGemmEx(h, CUBLAS_OP_T, CUBLAS_OP_N, n, m, k, &alpha, w, CUDA_R_16BF, k, x, CUDA_R_16BF, k, &beta, y,
                      CUDA_R_16BF, n, CUBLAS_COMPUTE_32F, CUBLAS_GEMM_DEFAULT));
      CK(cudaEventRecord(b)); CK(cudaEventSynchronize(b));
      float msec; CK(cudaEventElapsedTime(&msec, a, b));
      if (i >= warm) t.push_back(msec * 1e3f);
    }
    float med = median(t);
    fprintf(f, "bf16,%d,%d,%d,warm,%.3f,%.3f,%.3f,%.2f,nan\n", m, n, k, med, *std::min_element(t.begin(), t.end()),
            *std::max_element(t.begin(), t.end()), 2.0 * m * n * k / (med * 1e-6) / 1e12);
    printf("gemm %d %d %d: %.3f us\n", m, n, k, med);
    CK(cudaFree(x)); CK(cudaFree(w)); CK(cudaFree(y));
  }
  fclose(f);
  return 0;
}
