/**
 * Performance benchmarks of the ML core, run as plain Java programs ({@code main}) that write a JSON and a
 * Markdown report under {@code bench/results/}; every number is set against a baseline measured in the
 * same run, in alternating rounds, because the machine is shared and noisy.
 */
package io.supportkb.ml.bench;
