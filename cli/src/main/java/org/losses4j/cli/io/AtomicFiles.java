package org.losses4j.cli.io;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Writes a single file so that a failed run never leaves a half-written output: an {@link OutputSet} of one file
 * (a temporary file in the same folder, then moved over the target). A command that writes several files collects
 * them in one {@link OutputSet} instead, so that they are replaced together or not at all.
 */
public final class AtomicFiles {
    private AtomicFiles() {
    }

    /** Something that writes bytes to a stream. */
    @FunctionalInterface
    public interface Body {
        void writeTo(OutputStream out) throws IOException;
    }

    /** Writes {@code target} atomically with what {@code body} produces. */
    public static void write(Path target, Body body) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        body.writeTo(bytes);
        new OutputSet().add(target, bytes.toByteArray()).commit();
    }

    /** Writes a UTF-8 text file atomically. */
    public static void writeString(Path target, String text) throws IOException {
        new OutputSet().add(target, text.getBytes(StandardCharsets.UTF_8)).commit();
    }
}
