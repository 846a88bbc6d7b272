package io.supportkb.cli;

/** Quoting for the example commands the CLI prints, so that they can be pasted into a POSIX shell. */
final class ShellQuoting {

    private ShellQuoting() {
    }

    static String doubleQuoted(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"").replace("$", "\\$").replace("`", "\\`") + "\"";
    }

    static String singleQuoted(String text) {
        return "'" + text.replace("'", "'\\''") + "'";
    }
}
