package org.losses4j.cli.io;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;

/**
 * Reads a byte stream line by line and decodes each line as UTF-8 on its own, so that one undecodable line is
 * reported as that line's problem and the lines after it are still read. Lines end at {@code \n}, {@code \r\n}
 * or {@code \r}, as {@link java.io.BufferedReader#readLine()} ends them; a byte order mark at the start of the
 * stream is skipped.
 *
 * <p>A line longer than the limit given at construction is not held: its bytes past the limit are counted and
 * dropped as they are read, and the line is reported as too long ({@link Line#tooLong()}). Memory stays bounded by
 * the limit whatever the input (a file of one 300 MB line, or a stream without any line break).
 */
public final class Utf8Lines implements Closeable {
    /**
     * One line: its number (from 1) and its text, or, when its bytes are not UTF-8, where and which bytes are not
     * ({@code byte 9 of the line: 0xFF}).
     */
    public record Line(long number, String text, String invalid, long length) {
        /**
         * Whether the line decoded (false also for a line that is too long).
         *
         * @return whether the line decoded
         */
        public boolean valid() {
            return invalid == null && text != null;
        }

        /**
         * Whether the line was longer than the limit ({@link #length()} then gives its length in bytes).
         *
         * @return whether the line was longer than the limit ({@link #length()} then gives its length in bytes)
         */
        public boolean tooLong() {
            return text == null && invalid == null;
        }
    }

    /**
     * The default limit of a line, in bytes: Jackson's own limit on the length of one JSON string value, so that
     * every line the protocol can answer is read, and no more.
     */
    public static final int DEFAULT_MAX_LINE_BYTES = 20_000_000;

    private final InputStream in;
    private final byte[] buf = new byte[1 << 16];
    private int pos;
    private int end;
    private byte[] line = new byte[256];
    private long number;
    private boolean eof;
    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
    private final int maxLineBytes;

    /**
     * Lines of at most {@link #DEFAULT_MAX_LINE_BYTES} bytes.
     *
     * @param in the stream
     */
    public Utf8Lines(InputStream in) {
        this(in, DEFAULT_MAX_LINE_BYTES);
    }

    /**
     * Lines of at most {@code maxLineBytes} bytes (≥ 1); a longer line is reported as too long.
     *
     * @param in the stream
     * @param maxLineBytes the longest line kept, in bytes
     */
    public Utf8Lines(InputStream in, int maxLineBytes) {
        if (maxLineBytes < 1) {
            throw new IllegalArgumentException("maxLineBytes must be >= 1, got " + maxLineBytes);
        }
        this.in = in;
        this.maxLineBytes = maxLineBytes;
    }

    /**
     * The next line, or {@code null} at the end of the stream.
     *
     * @return the next line, or {@code null} at the end of the stream
     * @throws IOException when the stream cannot be read
     */
    public Line next() throws IOException {
        if (eof) {
            return null;
        }
        int n = 0;
        long length = 0; // the line's length in bytes, also past the limit
        boolean any = false;
        while (true) {
            if (pos == end && !fill()) {
                eof = true;
                if (!any) {
                    return null;
                }
                break;
            }
            any = true;
            byte b = buf[pos++];
            if (b == '\n') {
                break;
            }
            if (b == '\r') {
                if (pos == end) {
                    fill();
                }
                if (pos < end && buf[pos] == '\n') {
                    pos++;
                }
                break;
            }
            if (++length > maxLineBytes) {
                // Over the limit: count the rest of the line in whole buffers, keeping nothing.
                length += skipToLineEnd();
                number++;
                return new Line(number, null, null, length);
            }
            if (n == line.length) {
                line = Arrays.copyOf(line, (int) Math.min((long) line.length * 2, maxLineBytes));
            }
            line[n++] = b;
        }
        number++;
        int start = 0;
        if (number == 1 && n >= 3 && (line[0] & 0xff) == 0xEF && (line[1] & 0xff) == 0xBB
                && (line[2] & 0xff) == 0xBF) {
            start = 3; // a byte order mark, as some Windows editors write
        }
        return decode(start, n);
    }

    /**
     * Drops the bytes up to the end of the current line (its terminator consumed too); returns how many bytes of the
     * line were dropped. Whole buffers are scanned for the line break, nothing is copied.
     */
    private long skipToLineEnd() throws IOException {
        long skipped = 0;
        while (true) {
            if (pos == end && !fill()) {
                eof = true;
                return skipped;
            }
            int i = pos;
            while (i < end && buf[i] != '\n' && buf[i] != '\r') {
                i++;
            }
            skipped += i - pos;
            pos = i;
            if (i < end) {
                byte b = buf[pos++];
                if (b == '\r') {
                    if (pos == end) {
                        fill();
                    }
                    if (pos < end && buf[pos] == '\n') {
                        pos++;
                    }
                }
                return skipped;
            }
        }
    }

    private boolean fill() throws IOException {
        int r;
        do {
            r = in.read(buf, 0, buf.length);
        } while (r == 0);
        if (r < 0) {
            pos = end = 0;
            return false;
        }
        pos = 0;
        end = r;
        return true;
    }

    private Line decode(int start, int n) {
        ByteBuffer bytes = ByteBuffer.wrap(line, start, n - start);
        CharBuffer chars = CharBuffer.allocate(n - start);
        decoder.reset();
        CoderResult r = decoder.decode(bytes, chars, true);
        if (r.isError()) {
            int at = bytes.position();
            StringBuilder what = new StringBuilder();
            for (int i = 0; i < r.length(); i++) {
                what.append(i == 0 ? "" : " ").append(String.format(Locale.ROOT, "0x%02X", line[at + i] & 0xff));
            }
            return new Line(number, null, "byte " + (at - start + 1) + " of the line: " + what, n);
        }
        decoder.flush(chars);
        chars.flip();
        return new Line(number, chars.toString(), null, n);
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
