// Native reference for the 128-bit prime-field kernels (assembly/f128-kernels.ts), for p = 2^128 − d·2^32 + 1
// (f128: d = 45·2^8; genSTARK: d = 9). bench/f128.ts compiles it with `g++ -O3 -march=native` at run time,
// checks its checksums against the WebAssembly kernel's on the same inputs and reports WASM/native ratios.
// Our own code, the same algorithms as the kernel — the 256-bit product folded twice with
// 2^128 ≡ d·2^32 − 1, then one conditional subtraction of p; the NTT's bit reversal, per-stage twiddle table and
// radix-2 stages; Montgomery's batch inversion (one product chain, the kernel has two) — but on 64-bit limbs
// with unsigned __int128 (four 64 × 64 → 128 products where WebAssembly needs sixteen 32 × 32 → 64), so the
// ratio measures what WebAssembly costs, not a different algorithm. Choices are masks, not branches.
//
// Usage: f128 <d> <root> <logN>...   root: a primitive 2^L-th root of unity (0x + 32 hex digits), L the
// largest logN. Prints one JSON object per kernel and size: {"kernel","logN","ms" (median),"minMs","maxMs",
// "runs","check"}; "check" is the FNV-1a hash of the output's 64-bit words, low word of each element first
// (bench/f128.ts computes the same on the kernel's output).
// Inputs: xorshift64 from seed 0x9e3779b97f4a7c15 ^ logN, element = hi·2^64 + lo (hi drawn first), redrawn
// while ≥ p; a and b for the product, a for the NTT and the batch inversion.
#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <vector>

#if defined(__x86_64__)
#include <x86intrin.h>
#endif

typedef uint64_t u64;
typedef unsigned __int128 u128;

static u64 DD;  // d·2^32
static u64 C;   // 2^128 − p = d·2^32 − 1
static u128 P;  // p

// a + b + carry and a − b − borrow on 64-bit limbs (adc/sbb on x86-64; g++'s own __int128 code spills)
static inline u64 adc(u64 a, u64 b, unsigned char& c) {
#if defined(__x86_64__)
  unsigned long long r;
  c = _addcarry_u64(c, a, b, &r);
  return r;
#else
  u128 t = (u128)a + b + c;
  c = (unsigned char)(t >> 64);
  return (u64)t;
#endif
}
static inline u64 sbb(u64 a, u64 b, unsigned char& c) {
#if defined(__x86_64__)
  unsigned long long r;
  c = _subborrow_u64(c, a, b, &r);
  return r;
#else
  u128 t = (u128)a - b - c;
  c = (unsigned char)(t >> 127);
  return (u64)t;
#endif
}
static inline u64 pick(u64 cond, u64 a, u64 b) { u64 m = 0 - cond; return (a & m) | (b & ~m); }  // cond ? a : b
static inline u128 pair(u64 lo, u64 hi) { return (u128)hi << 64 | lo; }

static inline u128 reduce(u64 x0, u64 x1, u64 x2, u64 x3) {
  // 1. y = L + H·d·2^32 − H with H = x2 + x3·2^64 (y ≥ 0): two limbs and a top T ≤ d·2^32
  u128 m0 = (u128)x2 * DD, m1 = (u128)x3 * DD;
  unsigned char c = 0;
  u64 z0 = adc(x0, (u64)m0, c);
  u64 z1 = adc(x1, (u64)(m0 >> 64), c);
  u64 z2 = adc((u64)(m1 >> 64), 0, c);
  c = 0;
  z1 = adc(z1, (u64)m1, c);
  z2 = adc(z2, 0, c);
  c = 0;
  u64 y0 = sbb(z0, x2, c);
  u64 y1 = sbb(z1, x3, c);
  u64 T = sbb(z2, 0, c);
  // 2. u = Y + T·d·2^32 − T < 2^129: two limbs and a carry v ∈ {0, 1}
  u128 td = (u128)T * DD;
  c = 0;
  u64 s0 = adc(y0, (u64)td, c);
  u64 s1 = adc(y1, (u64)(td >> 64), c);
  u64 carry = c;
  c = 0;
  u64 u0 = sbb(s0, T, c);
  u64 u1 = sbb(s1, 0, c);
  u64 v = carry - c;
  // 3. u = v·2^128 + U < 2p: u − p = U + 2^128 − p (mod 2^128) when v is set or that sum carries
  c = 0;
  u64 e0 = adc(u0, C, c);
  u64 e1 = adc(u1, 0, c);
  u64 ge = v | c;
  return pair(pick(ge, e0, u0), pick(ge, e1, u1));
}

static inline u128 mul(u128 a, u128 b) {
  u64 a0 = (u64)a, a1 = (u64)(a >> 64), b0 = (u64)b, b1 = (u64)(b >> 64);
  u128 ll = (u128)a0 * b0, lh = (u128)a0 * b1, hl = (u128)a1 * b0, hh = (u128)a1 * b1;
  unsigned char c = 0;
  u64 x1 = adc((u64)(ll >> 64), (u64)lh, c);
  u64 x2 = adc((u64)hh, (u64)(lh >> 64), c);
  u64 x3 = adc((u64)(hh >> 64), 0, c);
  c = 0;
  x1 = adc(x1, (u64)hl, c);
  x2 = adc(x2, (u64)(hl >> 64), c);
  x3 = adc(x3, 0, c);
  return reduce((u64)ll, x1, x2, x3);
}
static inline u128 add(u128 a, u128 b) {
  unsigned char c = 0;
  u64 s0 = adc((u64)a, (u64)b, c);
  u64 s1 = adc((u64)(a >> 64), (u64)(b >> 64), c);
  u64 top = c;
  c = 0;
  u64 e0 = adc(s0, C, c);
  u64 e1 = adc(s1, 0, c);
  u64 ge = top | c;
  return pair(pick(ge, e0, s0), pick(ge, e1, s1));
}
static inline u128 sub(u128 a, u128 b) {
  unsigned char c = 0;
  u64 s0 = sbb((u64)a, (u64)b, c);
  u64 s1 = sbb((u64)(a >> 64), (u64)(b >> 64), c);
  u64 lt = c;
  c = 0;
  u64 e0 = sbb(s0, C & (0 - lt), c);  // on a borrow add p, i.e. subtract 2^128 − p
  u64 e1 = sbb(s1, 0, c);
  return pair(e0, e1);
}
__attribute__((noinline)) static u128 power(u128 x, u128 e) {
  u128 r = 1;
  for (int i = 127; i >= 0; i--) {
    r = mul(r, r);
    if ((e >> i) & 1) r = mul(r, x);
  }
  return r;
}

static void twiddles(u128* tw, int logN, u128 root) {
  u128 w = root;
  for (int k = logN; k >= 1; k--) {
    size_t m = (size_t)1 << (k - 1);
    u128 x = 1;
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
__attribute__((noinline)) static void ntt(u128* a, int logN, const u128* tw) {
  size_t n = (size_t)1 << logN;
  if (logN == 0) return;
  int shift = 32 - logN;
  for (uint32_t i = 1; i < n; i++) { uint32_t j = rev32(i) >> shift; if (i < j) std::swap(a[i], a[j]); }
  for (size_t m = 1; m < n; m <<= 1) {
    const u128* twm = tw + m;
    for (size_t k = 0; k < n; k += 2 * m)
      for (size_t j = 0; j < m; j++) {
        u128 u = a[k + j], v = mul(a[k + j + m], twm[j]);
        a[k + j] = add(u, v);
        a[k + j + m] = sub(u, v);
      }
  }
}
// The kernels and `power` are functions of their own (noinline): with more inlined around them g++ keeps the
// carry intrinsics' results in memory (batch inversion took 2.2× as long with `power` inlined).
__attribute__((noinline)) static void mul_vec(const u128* a, const u128* b, u128* c, size_t n) {
  for (size_t i = 0; i < n; i++) c[i] = mul(a[i], b[i]);
}
// Montgomery's trick: prefix products, one inversion x^(p−2), a backward pass. One chain where the kernel has
// two: natively a 128-bit product's latency is about its throughput (10 vs 9 ns here), so a second chain gains
// nothing, and with two g++ keeps the carry intrinsics' results in memory (4.3 instead of 1.8 ms at 2^16).
__attribute__((noinline)) static int batch_inverse(const u128* a, u128* out, size_t n) {
  for (size_t i = 0; i < n; i++) if (a[i] == 0) return (int)i;
  u128 acc = 1;
  for (size_t i = 0; i < n; i++) { out[i] = acc; acc = mul(acc, a[i]); }
  u128 inv = power(acc, P - 2);
  for (size_t i = n; i-- > 0;) { u128 t = mul(inv, out[i]); inv = mul(inv, a[i]); out[i] = t; }
  return -1;
}

static double now_ms() {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now().time_since_epoch()).count();
}
static u64 state;
static u64 next() { state ^= state << 13; state ^= state >> 7; state ^= state << 17; return state; }
static u128 element() {
  for (;;) {
    u64 hi = next(), lo = next();
    u128 x = (u128)hi << 64 | lo;
    if (x < P) return x;
  }
}
static u64 fnv(const std::vector<u128>& v) {
  u64 h = 0xcbf29ce484222325ULL;
  for (u128 x : v) {
    h = (h ^ (u64)x) * 0x100000001b3ULL;
    h = (h ^ (u64)(x >> 64)) * 0x100000001b3ULL;
  }
  return h;
}
// As bench/harness.ts `timeRange`: a warm-up, then runs until the budget is spent (at least 15, at most 1000).
struct Timing { double median, min, max; int runs; };
static const double BUDGET_MS = 800;
template <class F> static Timing timing(F f) {
  f();
  std::vector<double> t;
  double start = now_ms();
  while (t.size() < 15 || (now_ms() - start < BUDGET_MS && t.size() < 1000)) { double t0 = now_ms(); f(); t.push_back(now_ms() - t0); }
  std::sort(t.begin(), t.end());
  return {t[t.size() / 2], t.front(), t.back(), (int)t.size()};
}
static u128 parse_hex(const char* s) {
  if (strncmp(s, "0x", 2) == 0) s += 2;
  u128 x = 0;
  for (; *s; s++) {
    int c = *s;
    int v = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
    if (v < 0) { fprintf(stderr, "bad hex digit in %s\n", s); exit(2); }
    x = x << 4 | (u128)v;
  }
  return x;
}
static void print(const char* kernel, int logN, Timing t, u64 check) {
  printf("{\"kernel\":\"%s\",\"logN\":%d,\"ms\":%.4f,\"minMs\":%.4f,\"maxMs\":%.4f,\"runs\":%d,\"check\":\"%llu\"}\n", kernel, logN,
         t.median, t.min, t.max, t.runs, (unsigned long long)check);
}

int main(int argc, char** argv) {
  if (argc < 4) { fprintf(stderr, "usage: %s <d> <root of order 2^max logN, hex> <logN>...\n", argv[0]); return 2; }
  u64 d = strtoull(argv[1], nullptr, 10);
  DD = d << 32;
  C = DD - 1;
  P = (u128)0 - C;
  u128 root = parse_hex(argv[2]);
  int maxLog = 0;
  for (int k = 3; k < argc; k++) maxLog = std::max(maxLog, atoi(argv[k]));
  std::vector<u128> tw((size_t)1 << maxLog);
  twiddles(tw.data(), maxLog, root);
  for (int k = 3; k < argc; k++) {
    int logN = atoi(argv[k]);
    size_t n = (size_t)1 << logN;
    state = 0x9e3779b97f4a7c15ULL ^ (u64)logN;
    std::vector<u128> a(n), b(n), c(n), x(n);
    for (size_t i = 0; i < n; i++) a[i] = element();
    for (size_t i = 0; i < n; i++) b[i] = element();
    Timing t = timing([&] { mul_vec(a.data(), b.data(), c.data(), n); });
    print("mul", logN, t, fnv(c));
    x = a;
    ntt(x.data(), logN, tw.data());  // a table for 2^maxLog serves every smaller size
    u64 check = fnv(x);
    t = timing([&] { ntt(x.data(), logN, tw.data()); });
    print("ntt", logN, t, check);
    t = timing([&] { batch_inverse(a.data(), c.data(), n); });
    print("batchInverse", logN, t, fnv(c));
  }
  return 0;
}
