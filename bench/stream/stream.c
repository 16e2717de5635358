/*
 * STREAM-style memory bandwidth of this machine, in the access pattern of a single-pass loss kernel.
 *
 *   triad: a[i] = b[i] + s * c[i]        (McCalpin's STREAM triad, float64: reads 16 B, writes 8 B per element)
 *   loss:  g[i] = f(x[i], y[i])          (float32: reads 8 B, writes 4 B per element, like value + gradient)
 *
 * Bytes counted as STREAM counts them (reads + writes, no write-allocate traffic). Arrays of 80 M elements, far
 * beyond the caches; best of 20 repetitions, as STREAM reports. Build and run (bench/compare-pytorch.sh does this):
 *   gcc -O3 -march=native -fopenmp bench/stream/stream.c -o /tmp/stream && OMP_NUM_THREADS=1 /tmp/stream
 */
#include <omp.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#define N 80000000L
#define REPS 20

static double now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + t.tv_nsec * 1e-9;
}

int main(void) {
    double *a = malloc(N * sizeof(double)), *b = malloc(N * sizeof(double)), *c = malloc(N * sizeof(double));
    float *x = malloc(N * sizeof(float)), *y = malloc(N * sizeof(float)), *g = malloc(N * sizeof(float));
    if (!a || !b || !c || !x || !y || !g) {
        fprintf(stderr, "out of memory\n");
        return 1;
    }
#pragma omp parallel for schedule(static)
    for (long i = 0; i < N; i++) {
        a[i] = 0; b[i] = 1.0; c[i] = 2.0;
        x[i] = (float) (i % 7) - 3.0f; y[i] = (float) (i % 5) - 2.0f; g[i] = 0;
    }
    double best_triad = 1e30, best_loss = 1e30, s = 3.0, sink = 0;
    for (int r = 0; r < REPS; r++) {
        double t0 = now();
#pragma omp parallel for schedule(static)
        for (long i = 0; i < N; i++) a[i] = b[i] + s * c[i];
        double t1 = now();
#pragma omp parallel for schedule(static)
        for (long i = 0; i < N; i++) {
            float d = x[i] - y[i];
            g[i] = d < -1.0f ? -1.0f : (d > 1.0f ? 1.0f : d);
        }
        double t2 = now();
        if (t1 - t0 < best_triad) best_triad = t1 - t0;
        if (t2 - t1 < best_loss) best_loss = t2 - t1;
        sink += a[r] + g[r];
    }
    printf("{\"threads\": %d, \"triad_GBps\": %.2f, \"loss_pattern_GBps\": %.2f, \"loss_pattern_Melem_per_s\": %.1f,"
           " \"check\": %.1f}\n",
           omp_get_max_threads(), 24.0 * N / best_triad / 1e9, 12.0 * N / best_loss / 1e9, N / best_loss / 1e6,
           sink);
    free(a); free(b); free(c); free(x); free(y); free(g);
    return 0;
}
