/*
 * Baseline for `deno task bench`: ref-lifecycle-v1 as a tight, single-threaded,
 * day-stepped C loop over struct-of-arrays members (the "~125 M member-days/s" row of
 * ../shared/bench/ref-lifecycle-v1.md), so the event-driven engine can be compared
 * with it on the same machine.
 *
 *   cc -O3 -march=native -o /tmp/ref_daystep bench/ref_daystep.c -lm && /tmp/ref_daystep 1000000 1
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static uint32_t s[4];
static inline uint32_t rotl(uint32_t x, int k) { return (x << k) | (x >> (32 - k)); }
static inline uint32_t next(void) {
  uint32_t r = rotl(s[1] * 5, 7) * 9, t = s[1] << 9;
  s[2] ^= s[0]; s[3] ^= s[1]; s[1] ^= s[2]; s[0] ^= s[3]; s[2] ^= t; s[3] = rotl(s[3], 11);
  return r;
}
static inline double uniform(void) { return (next() + 0.5) * (1.0 / 4294967296.0); }

enum { NEW, ACTIVE, AT_RISK, CHURNED };

int main(int argc, char **argv) {
  long n0 = argc > 1 ? atol(argv[1]) : 1000000;
  uint32_t seed = argc > 2 ? (uint32_t)atol(argv[2]) : 1;
  s[0] = seed * 2654435761u + 1; s[1] = 0x9e3779b9; s[2] = 0x85ebca6b; s[3] = 0xc2b2ae35;
  for (int i = 0; i < 16; i++) next();
  const double hazard[3] = {0.01, 0.002, 0.008}, p[3] = {0.04, 0.06, 0.02};
  const double e015 = exp(-0.15);
  long cap = n0 * 2, n = n0;
  uint8_t *stage = calloc(cap, 1);
  int32_t *last = calloc(cap, 4);
  double revenue = 0; long orders = 0, member_days = 0, churned = 0, pending = 0;
  struct timespec a, b;
  clock_gettime(CLOCK_MONOTONIC, &a);
  for (int t = 0; t < 365; t++) {
    long joined = pending; pending = 0;
    if (n + joined > cap) {
      cap = (n + joined) * 2;
      stage = realloc(stage, cap); last = realloc(last, cap * 4);
    }
    for (long i = 0; i < joined; i++) { stage[n + i] = NEW; last[n + i] = 0; }
    long live_end = n;
    n += joined;
    (void)live_end;
    for (long i = 0; i < n; i++) {
      int st = stage[i];
      if (st == CHURNED) continue;
      member_days++;
      if (uniform() < hazard[st]) { stage[i] = CHURNED; churned++; continue; }
      if (uniform() < p[st]) {
        double u1 = uniform(), u2 = uniform();
        revenue += exp(3.5 + 0.8 * sqrt(-2 * log(u1)) * cos(6.283185307179586 * u2));
        orders++; last[i] = t; stage[i] = ACTIVE;
        int k = 0; double q = e015, c = q, u = uniform();
        while (u > c) { k++; q *= 0.15 / k; c += q; }
        for (int j = 0; j < k; j++) if (uniform() < 0.2) pending++;
        continue;
      }
      if (st == ACTIVE && t - last[i] >= 14) stage[i] = AT_RISK;
    }
  }
  clock_gettime(CLOCK_MONOTONIC, &b);
  double secs = (b.tv_sec - a.tv_sec) + (b.tv_nsec - a.tv_nsec) / 1e9;
  printf("peer=c-daystep n0=%ld member_days=%ld sim_seconds=%.4f mdps=%.0f revenue_per_member=%.4f "
         "members_ratio=%.6f churned_share=%.6f\n",
         n0, member_days, secs, member_days / secs, revenue / n0, (double)n / n0,
         (double)churned / n);
  return 0;
}
