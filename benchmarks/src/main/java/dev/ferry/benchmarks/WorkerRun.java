package dev.ferry.benchmarks;

/**
 * The two transfers one fresh worker makes, back to back with the same connector class and input:
 * the first right after the worker started, while the JIT compiles the record path and the heap
 * grows to its working size, and the second on the JVM the first one warmed up.
 *
 * <p>The fresh transfer is what a user sees after a deploy, and what the brief measured Apache
 * on. The warm one is the steady state: JIT compilation and heap growth, which move a fresh
 * transfer's CPU figure by more than small changes on the record path, are behind it, so the
 * per-record metrics comparison uses it.
 *
 * @param fresh the first transfer after the worker started
 * @param warm the same transfer again, on the same worker
 */
record WorkerRun(Transfer fresh, Transfer warm) {
}
