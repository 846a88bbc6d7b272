package io.supportkb.api;

import java.net.URI;

import org.springframework.http.HttpStatus;

import io.supportkb.ingestion.IngestionRejected.Reason;

/**
 * The problem {@code type} URIs of the API. They are identifiers, stable across releases; clients switch on
 * them, never on {@code title} or {@code detail}. Each is {@value #BASE} followed by a slug.
 */
public final class ProblemTypes {

    public static final String BASE = "https://supportkb.io/problems/";

    public static final URI INVALID_FIELD = of("invalid-field");
    public static final URI MALFORMED_JSON = of("malformed-json");
    public static final URI PAYLOAD_TOO_LARGE = of("payload-too-large");
    public static final URI UNSUPPORTED_REQUEST_TYPE = of("unsupported-request-type");
    public static final URI NOT_FOUND = of("not-found");
    public static final URI METHOD_NOT_ALLOWED = of("method-not-allowed");
    public static final URI NOT_ACCEPTABLE = of("not-acceptable");
    public static final URI INTERNAL_ERROR = of("internal-error");
    public static final URI BAD_REQUEST = of("bad-request");

    private ProblemTypes() {
    }

    public static URI of(String slug) {
        return URI.create(BASE + slug);
    }

    public static URI of(Reason reason) {
        return of(slug(reason));
    }

    public static String slug(Reason reason) {
        return switch (reason) {
            case EMPTY_DOCUMENT -> "empty-document";
            case TOO_LARGE -> "payload-too-large";
            case UNSUPPORTED_MEDIA_TYPE -> "unsupported-media-type";
            case CONTENT_TYPE_MISMATCH -> "content-type-mismatch";
            case INVALID_ENCODING -> "invalid-encoding";
            case MALFORMED_JSON -> "malformed-json";
            case INVALID_FIELD -> "invalid-field";
            case UNKNOWN_COLLECTION -> "unknown-collection";
            case COLLECTION_EXISTS -> "collection-exists";
            case UNKNOWN_DOCUMENT -> "unknown-document";
            case CONCURRENT_UPDATE -> "concurrent-update";
        };
    }

    public static HttpStatus status(Reason reason) {
        return switch (reason) {
            case EMPTY_DOCUMENT, INVALID_ENCODING, MALFORMED_JSON, INVALID_FIELD -> HttpStatus.BAD_REQUEST;
            case TOO_LARGE -> HttpStatus.CONTENT_TOO_LARGE;
            case UNSUPPORTED_MEDIA_TYPE, CONTENT_TYPE_MISMATCH -> HttpStatus.UNSUPPORTED_MEDIA_TYPE;
            case UNKNOWN_COLLECTION, UNKNOWN_DOCUMENT -> HttpStatus.NOT_FOUND;
            case COLLECTION_EXISTS, CONCURRENT_UPDATE -> HttpStatus.CONFLICT;
        };
    }

    public static String title(Reason reason) {
        return switch (reason) {
            case EMPTY_DOCUMENT -> "Empty document";
            case TOO_LARGE -> "Over the size limit";
            case UNSUPPORTED_MEDIA_TYPE -> "Unsupported content type";
            case CONTENT_TYPE_MISMATCH -> "Declared content type does not match the content";
            case INVALID_ENCODING -> "Invalid text encoding";
            case MALFORMED_JSON -> "Malformed JSON";
            case INVALID_FIELD -> "Invalid field";
            case UNKNOWN_COLLECTION -> "Unknown collection";
            case COLLECTION_EXISTS -> "Collection already exists";
            case UNKNOWN_DOCUMENT -> "Unknown document";
            case CONCURRENT_UPDATE -> "Concurrent update";
        };
    }
}
