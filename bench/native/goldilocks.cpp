// Native reference for the Goldilocks kernels of src/math (bench/math.ts compiles it with
// `g++ -O3 -march=native` at run time and reports WASM/native ratios). Our own code: the same algorithms
// as assembly/goldilocks-kernels.ts — Plonky2-style reduce128 on an unsigned __int128 product, a per-stage
// twiddle table, bit reversal, iterative radix-2 DIT with the same cache blocking and the outer stages
// fused in pairs — so the ratio measures
// the WebAssembly toolchain, not a different algorithm. Choices are masks, not branches (random data
// would mispredict them; g++ keeps `if`s here as jumps).
//
// Usage: goldilocks <logN-mul> <logN-ntt>...   prints one JSON object per measurement.
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <vector>
#include <algorithm>

typedef uint64_t u64;
typedef unsigned __int128 u128;
static const u64 P = 0xffffffff00000001ULL;
static const u64 EPS = 0xffffffffULL;
static const int BLOCK_LOG = 12;

static inline u64 reduce128(u128 x) {
  u64 lo = (u64)x, hi = (u64)(x >> 64);
  u64 hh = hi >> 32, hl = hi & EPS;
  u64 t0 = lo - hh;
  t0 -= EPS & (0 - (u64)(lo < hh));  // borrow: -2^64 = -(2^32 - 1)
  u64 t1 = hl * EPS;
  u64 t2 = t0 + t1;
  t2 += EPS & (0 - (u64)(t2 < t1));  // carry: 2^64 = 2^32 - 1
  return t2 - (P & (0 - (u64)(t2 >= P)));
}
static inline u64 mul(u64 a, u64 b) { return reduce128((u128)a * b); }
static inline u64 add(u64 a, u64 b) {
  u64 s = a + b;
  s += EPS & (0 - (u64)(s < a));
  return s - (P & (0 - (u64)(s >= P)));
}
static inline u64 sub(u64 a, u64 b) { u64 d = a - b; return d + (P & (0 - (u64)(a < b))); }
static u64 power(u64 x, u64 e) { u64 r = 1; while (e) { if (e & 1) r = mul(r, x); x = mul(x, x); e >>= 1; } return r; }

static void twiddles(u64* tw, int logN) {
  u64 w = power(7277203076849721926ULL, 1ULL << (32 - logN));
  for (int k = logN; k >= 1; k--) {
    size_t m = (size_t)1 << (k - 1);
    u64 x = 1;
    for (size_t j = 0; j < m; j++) { tw[m + j] = x; x = mul(x, w); }
    w = mul(w, w);
  }
}
static inline uint32_t rev32(uint32_t x) {
  x = ((x >> 1) & 0x55555555u) | ((x & 0x55555555u) << 1);
  x = ((x >> 2) & 0x33333333u) | ((x & 0x33333333u) << 2);
  x = ((x >> 4) & 0x0f0f0f0fu) | ((x & 0x0f0f0f0fu) << 4);
  return __builtin_bswap32(x);
}
static void stage(u64* a, size_t len, size_t m, const u64* tw) {
  const u64* twm = tw + m;
  for (size_t k = 0; k < len; k += 2 * m)
    for (size_t j = 0; j < m; j++) {
      u64 u = a[k + j], v = mul(a[k + j + m], twm[j]);
      a[k + j] = add(u, v);
      a[k + j + m] = sub(u, v);
    }
}
// Two stages at once (half-sizes m and 2m): one sweep over memory instead of two.
static void stage_pair(u64* a, size_t len, size_t m, const u64* tw) {
  const u64* tw1 = tw + m;
  const u64* tw2 = tw + 2 * m;
  for (size_t k = 0; k < len; k += 4 * m)
    for (size_t j = 0; j < m; j++) {
      u64* x = a + k + j;
      u64 w1 = tw1[j];
      u64 t1 = mul(x[m], w1), t3 = mul(x[3 * m], w1);
      u64 b0 = add(x[0], t1), b1 = sub(x[0], t1);
      u64 b2 = mul(add(x[2 * m], t3), tw2[j]), b3 = mul(sub(x[2 * m], t3), tw2[j + m]);
      x[0] = add(b0, b2);
      x[2 * m] = sub(b0, b2);
      x[m] = add(b1, b3);
      x[3 * m] = sub(b1, b3);
    }
}
static void ntt(u64* a, int logN, const u64* tw) {
  size_t n = (size_t)1 << logN;
  int shift = 32 - logN;
  for (uint32_t i = 1; i < n; i++) { uint32_t j = rev32(i) >> shift; if (i < j) std::swap(a[i], a[j]); }
  int bl = std::min(logN, BLOCK_LOG);
  size_t block = (size_t)1 << bl;
  for (size_t b = 0; b < n; b += block) {
    u64* p = a + b;
    for (size_t i = 0; i < block; i += 2) { u64 u = p[i], v = p[i + 1]; p[i] = add(u, v); p[i + 1] = sub(u, v); }
    for (size_t m = 2; m < block; m <<= 1) stage(p, block, m, tw);
  }
  size_t m = block;
  if ((logN - bl) & 1) { stage(a, n, m, tw); m <<= 1; }
  for (; m < n; m <<= 2) stage_pair(a, n, m, tw);
}

static double now_ms() {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now().time_since_epoch()).count();
}
static u64 state = 0x9e3779b97f4a7c15ULL;
static u64 rnd() { state ^= state << 13; state ^= state >> 7; state ^= state << 17; return state % P; }

template <class F> static double median_ms(F f, int runs) {
  f();
  std::vector<double> t;
  for (int r = 0; r < runs; r++) { double t0 = now_ms(); f(); t.push_back(now_ms() - t0); }
  std::sort(t.begin(), t.end());
  return t[t.size() / 2];
}

int main(int argc, char** argv) {
  if (argc < 2) { fprintf(stderr, "usage: %s <logN-mul> [logN-ntt...]\n", argv[0]); return 2; }
  int logMul = atoi(argv[1]);
  size_t n = (size_t)1 << logMul;
  std::vector<u64> a(n), b(n), c(n);
  for (size_t i = 0; i < n; i++) { a[i] = rnd(); b[i] = rnd(); }
  u64 check = 0;
  double ms = median_ms([&] { for (size_t i = 0; i < n; i++) c[i] = mul(a[i], b[i]); check ^= c[n / 2]; }, 15);
  printf("{\"kernel\":\"mul\",\"n\":%zu,\"ms\":%.4f,\"mPerS\":%.2f,\"check\":%llu}\n", n, ms, n / ms / 1000, (unsigned long long)check);
  // Batch inversion (Montgomery's trick), as in the wasm kernel.
  double msInv = median_ms([&] {
    u64 acc = 1;
    for (size_t i = 0; i < n; i++) { c[i] = acc; acc = mul(acc, a[i]); }
    u64 inv = power(acc, P - 2);
    for (size_t i = n; i-- > 0;) { u64 t = mul(inv, c[i]); inv = mul(inv, a[i]); c[i] = t; }
  }, 9);
  printf("{\"kernel\":\"batchInverse\",\"n\":%zu,\"ms\":%.4f}\n", n, msInv);
  for (int k = 2; k < argc; k++) {
    int logN = atoi(argv[k]);
    size_t m = (size_t)1 << logN;
    std::vector<u64> tw(m), x(m);
    twiddles(tw.data(), logN);
    for (size_t i = 0; i < m; i++) x[i] = rnd();
    double t = median_ms([&] { ntt(x.data(), logN, tw.data()); }, logN >= 20 ? 7 : 25);
    printf("{\"kernel\":\"ntt\",\"logN\":%d,\"ms\":%.4f,\"check\":%llu}\n", logN, t, (unsigned long long)x[1]);
  }
  return 0;
}
