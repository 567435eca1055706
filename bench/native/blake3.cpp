// Native reference for the BLAKE3 Merkle-layer kernel of src/hash (bench/hash.ts compiles it with
// `g++ -O3 -march=native` at run time and reports the WASM/native ratio). Our own code, the same algorithm as
// assembly/blake3-kernels.ts: each merge hashes one 64-byte block (left ‖ right digest) as a single-chunk
// BLAKE3 input (flags CHUNK_START | CHUNK_END | ROOT, counter 0, block length 64), four merges at a time in
// 4-lane vectors (GCC vector extensions: SSE/AVX lanes, like WebAssembly's i32x4), so the ratio measures the
// toolchain, not a different algorithm. Constants from the BLAKE3 specification.
//
// Usage: blake3 <logPairs>   prints {"kernel":"mergeLayer","n":…,"ms":…,"digest0":"<hex of the first merge>"}
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <vector>

typedef uint32_t u32;
typedef u32 v4 __attribute__((vector_size(16)));

static const u32 IV[8] = {0x6A09E667, 0xBB67AE85, 0x3C6EF372, 0xA54FF53A, 0x510E527F, 0x9B05688C, 0x1F83D9AB, 0x5BE0CD19};
static const int PERM[16] = {2, 6, 3, 10, 7, 0, 4, 13, 1, 11, 12, 5, 9, 14, 15, 8};
static const u32 FLAGS = 1 | 2 | 8;  // CHUNK_START | CHUNK_END | ROOT

static inline v4 rotr(v4 x, int n) { return (x >> n) | (x << (32 - n)); }
static inline v4 splat(u32 x) { return v4{x, x, x, x}; }

static inline void g(v4* s, int a, int b, int c, int d, v4 mx, v4 my) {
  s[a] = s[a] + s[b] + mx;
  s[d] = rotr(s[d] ^ s[a], 16);
  s[c] = s[c] + s[d];
  s[b] = rotr(s[b] ^ s[c], 12);
  s[a] = s[a] + s[b] + my;
  s[d] = rotr(s[d] ^ s[a], 8);
  s[c] = s[c] + s[d];
  s[b] = rotr(s[b] ^ s[c], 7);
}

// Four 64-byte inputs (in[k·64 …]) → four 32-byte digests (out[k·32 …]).
static void merge4(const uint8_t* in, uint8_t* out) {
  v4 m[16];
  for (int w = 0; w < 16; w++) {
    u32 x[4];
    for (int k = 0; k < 4; k++) memcpy(&x[k], in + 64 * k + 4 * w, 4);
    m[w] = v4{x[0], x[1], x[2], x[3]};
  }
  v4 s[16];
  for (int i = 0; i < 8; i++) s[i] = splat(IV[i]);
  for (int i = 0; i < 4; i++) s[8 + i] = splat(IV[i]);
  s[12] = splat(0);
  s[13] = splat(0);
  s[14] = splat(64);
  s[15] = splat(FLAGS);
  for (int r = 0; r < 7; r++) {
    g(s, 0, 4, 8, 12, m[0], m[1]);
    g(s, 1, 5, 9, 13, m[2], m[3]);
    g(s, 2, 6, 10, 14, m[4], m[5]);
    g(s, 3, 7, 11, 15, m[6], m[7]);
    g(s, 0, 5, 10, 15, m[8], m[9]);
    g(s, 1, 6, 11, 12, m[10], m[11]);
    g(s, 2, 7, 8, 13, m[12], m[13]);
    g(s, 3, 4, 9, 14, m[14], m[15]);
    if (r < 6) {
      v4 t[16];
      for (int i = 0; i < 16; i++) t[i] = m[PERM[i]];
      for (int i = 0; i < 16; i++) m[i] = t[i];
    }
  }
  for (int i = 0; i < 8; i++) {
    v4 h = s[i] ^ s[i + 8];
    for (int k = 0; k < 4; k++) {
      u32 x = h[k];
      memcpy(out + 32 * k + 4 * i, &x, 4);
    }
  }
}

int main(int argc, char** argv) {
  const int logPairs = argc > 1 ? atoi(argv[1]) : 16;
  const size_t n = (size_t)1 << logPairs;
  std::vector<uint8_t> in(64 * n), out(32 * n);
  for (size_t i = 0; i < in.size(); i++) in[i] = (uint8_t)(i % 251);
  auto layer = [&]() {
    for (size_t p = 0; p < n; p += 4) merge4(&in[64 * p], &out[32 * p]);
  };
  layer();
  double best = 1e30;
  for (int r = 0; r < 15; r++) {
    auto t0 = std::chrono::steady_clock::now();
    layer();
    double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
    if (ms < best) best = ms;
  }
  char hex[65];
  for (int i = 0; i < 32; i++) snprintf(hex + 2 * i, 3, "%02x", out[i]);
  printf("{\"kernel\":\"mergeLayer\",\"n\":%zu,\"ms\":%.6f,\"digest0\":\"%s\"}\n", n, best, hex);
  return 0;
}
