package org.losses4j.cli.train;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The data file a run read, as the report identifies it: its name, its size and its SHA-256, so that a reader can
 * check they have the same bytes.
 *
 * @param name    the file name as given on the command line, or the bundled file's name
 * @param bytes   the file's size in bytes
 * @param sha256  the SHA-256 of the file's bytes, in lower-case hexadecimal
 * @param bundled whether the file ships inside losses4j (the Boston data) rather than being the user's
 */
record DataFile(String name, long bytes, String sha256, boolean bundled) {

    /** A file ({@code train --data}), hashed as it is on disk now. */
    static DataFile of(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest md = digest();
            byte[] buf = new byte[1 << 16];
            long size = 0;
            for (int k; (k = in.read(buf)) > 0;) {
                md.update(buf, 0, k);
                size += k;
            }
            return new DataFile(file.toString(), size, HexFormat.of().formatHex(md.digest()), false);
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot read: " + e.getMessage(), e);
        }
    }

    /** A file bundled with losses4j, from its bytes. */
    static DataFile bundled(String name, byte[] content) {
        return new DataFile(name, content.length, HexFormat.of().formatHex(digest().digest(content)), true);
    }

    private static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e); // every JDK must provide it
        }
    }

    /** The fields of summary.json's {@code run.data_file}. */
    Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", name);
        m.put("bundled", bundled);
        m.put("bytes", bytes);
        m.put("sha256", sha256);
        return m;
    }
}
