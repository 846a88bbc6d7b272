/**
 * The {@code kb} command line ({@link io.supportkb.cli.Kb}): starts the server ({@code serve}, {@code worker},
 * {@code demo}, {@code reindex}) or talks to a running one over its HTTP API ({@code ingest}, {@code query},
 * {@code status}, {@code eval --url}), and mounts the in-process evaluation and benchmarks of supportkb-ml.
 * Nothing here is a Spring bean.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Command line")
package io.supportkb.cli;
