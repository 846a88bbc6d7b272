package io.supportkb.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * One thing to upload: a file, sent as a multipart upload, or a JSON Lines file, sent as batches of lines.
 *
 * @param path       the file
 * @param label      how summaries name it (the path as given, or relative to the folder given)
 * @param externalId the document's external id for a file upload (its path relative to the folder given, so
 *                   re-uploading an edited file replaces the old version); unused for JSON Lines, whose lines carry
 *                   their own
 * @param kind       article | faq | ticket | runbook | other, or null for the server's default
 * @param jsonLines  whether the file is a JSON Lines batch ({@code .jsonl}, {@code .ndjson})
 */
record Source(Path path, String label, String externalId, String kind, boolean jsonLines) {

    static Source file(Path path, String label, String kind) {
        return new Source(path, label, label, kind, isJsonLines(path));
    }

    /**
     * The files under the given paths: files as given, folders recursively in name order, skipping hidden files and
     * folders (names starting with a dot).
     *
     * @throws IllegalArgumentException when a path does not exist
     */
    static List<Source> discover(List<Path> paths, String kind) {
        List<Source> sources = new ArrayList<>();
        for (Path given : paths) {
            if (Files.isRegularFile(given)) {
                sources.add(new Source(given, given.toString(), given.getFileName().toString(), kind, isJsonLines(given)));
            } else if (Files.isDirectory(given)) {
                sources.addAll(walk(given, kind));
            } else {
                throw new IllegalArgumentException("No such file or folder: " + given.toAbsolutePath());
            }
        }
        return sources;
    }

    private static List<Source> walk(Path folder, String kind) {
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(Files::isRegularFile)
                    .filter(p -> !isHidden(folder.relativize(p)))
                    .sorted()
                    .map(p -> {
                        String relative = folder.relativize(p).toString().replace('\\', '/');
                        return new Source(p, relative, relative, kind, isJsonLines(p));
                    })
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + folder.toAbsolutePath(), e);
        }
    }

    private static boolean isHidden(Path relative) {
        for (Path part : relative) {
            if (part.toString().startsWith(".")) {
                return true;
            }
        }
        return false;
    }

    static boolean isJsonLines(Path path) {
        String name = path.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".jsonl") || name.endsWith(".ndjson");
    }
}
