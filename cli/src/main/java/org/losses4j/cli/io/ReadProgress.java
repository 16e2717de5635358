package org.losses4j.cli.io;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.LongConsumer;

import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * The progress of reading a file, in megabytes read, on standard error: only on a terminal, and only for a file big
 * enough to take a moment (8 MB and more); otherwise nothing is shown.
 */
public final class ReadProgress implements LongConsumer, AutoCloseable {
    /** Smaller files are read too fast for a bar to help. */
    static final long MIN_BYTES = 8L << 20;

    private final ProgressBar bar;

    private ReadProgress(ProgressBar bar) {
        this.bar = bar;
    }

    /**
     * A bar for reading {@code file} when {@code enabled} and standard error is a terminal; a no-op otherwise.
     *
     * @param file the file about to be read; its size sets the bar's end
     * @param enabled whether a bar may be shown
     * @return a progress bar when {@code enabled}, standard error is a terminal and the file is large enough to be
     *         worth one; otherwise one that does nothing
     */
    public static ReadProgress of(Path file, boolean enabled) {
        long size;
        try {
            size = Files.size(file);
        } catch (java.io.IOException | RuntimeException e) {
            size = -1;
        }
        if (!enabled || System.console() == null || size < MIN_BYTES) {
            return new ReadProgress(null);
        }
        return new ReadProgress(new ProgressBarBuilder().setTaskName("Reading " + file.getFileName())
                .setInitialMax(size).setUnit(" MB", 1L << 20).setStyle(ProgressBarStyle.ASCII)
                .setUpdateIntervalMillis(200).build());
    }

    @Override
    public void accept(long bytesRead) {
        if (bar != null) {
            bar.stepTo(Math.min(bytesRead, bar.getMax()));
        }
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
        }
    }
}
