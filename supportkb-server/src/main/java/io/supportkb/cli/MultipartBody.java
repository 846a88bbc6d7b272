package io.supportkb.cli;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/** A {@code multipart/form-data} request body (RFC 7578) built in memory: text fields and one or more files. */
final class MultipartBody {

    private final String boundary = "supportkb-" + UUID.randomUUID();
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    MultipartBody field(String name, String value) {
        if (value != null) {
            write("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + quote(name) + "\"\r\n\r\n");
            write(value);
            write("\r\n");
        }
        return this;
    }

    /**
     * A file part. The content type is left generic on purpose: the server decides what a file is from its
     * bytes (and its name, for Markdown), and would refuse a declared type that disagrees.
     */
    MultipartBody file(String name, String filename, byte[] content) {
        write("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + quote(name) + "\"; filename=\""
                + quote(filename) + "\"\r\nContent-Type: application/octet-stream\r\n\r\n");
        bytes.writeBytes(content);
        write("\r\n");
        return this;
    }

    String contentType() {
        return "multipart/form-data; boundary=" + boundary;
    }

    byte[] toByteArray() {
        ByteArrayOutputStream done = new ByteArrayOutputStream(bytes.size() + boundary.length() + 8);
        done.writeBytes(bytes.toByteArray());
        done.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return done.toByteArray();
    }

    private void write(String text) {
        bytes.writeBytes(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String quote(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\r", " ").replace("\n", " ");
    }
}
