package io.supportkb.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import picocli.CommandLine;

import io.supportkb.SupportKbApplication;

/** Runs {@code kb} in this process with standard output and error captured. Not thread-safe (swaps System.out). */
record KbRun(int exitCode, String out, String err) {

    static KbRun of(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream originalOut = System.out;
        PrintStream originalErr = System.err;
        int exitCode;
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            exitCode = new CommandLine(new Kb(SupportKbApplication.class)).execute(args);
        } finally {
            System.setOut(originalOut);
            System.setErr(originalErr);
        }
        KbRun run = new KbRun(exitCode, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        originalOut.println("$ kb " + String.join(" ", args) + "\n" + run.out + run.err + "(exit " + exitCode + ")");
        return run;
    }
}
