/**
 * HTTP edge under {@code /api/v1}: controllers, request/response records, and RFC 9457 problem details with a
 * stable {@code type} URI per failure (see {@link io.supportkb.api.ProblemTypes}). Active with role {@code api}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "HTTP API")
package io.supportkb.api;
