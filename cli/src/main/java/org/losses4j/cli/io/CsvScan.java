package org.losses4j.cli.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongConsumer;

/**
 * The fast path of {@link NumericCsv}: CSV bytes straight into column arrays, one pass, no string per cell. It takes
 * the files numeric data usually comes in (ASCII rows, no quotes, {@code \n} or {@code \r\n} line ends) and gives up
 * ({@link Fallback}) on anything else: a quote, a byte outside ASCII in a row, a lone {@code \r}, a ragged row, a
 * cell that is not a number or is out of range. {@link NumericCsv} then reads the file again on its general path
 * (FastCSV), which accepts the rest of CSV and words every error with its line and column. A file with an error is
 * thus read twice, which only costs time on a run that fails anyway.
 *
 * <p>Numbers: the grammar of {@link Numbers} ({@code [+-]?(d+(.d*)?|.d+)([eE][+-]?d+)?}), read to the same double as
 * {@link Double#parseDouble}: with at most 18 significant digits and a power of ten within ±22 the value is the
 * digits (exact in a double below 2<sup>53</sup>) times or over an exact power of ten, one correctly rounded
 * operation (Clinger's fast path); any other number goes through {@link Double#parseDouble}. A float32 column then
 * rounds that double, as the general path does (and as PyTorch does with {@code torch.tensor(float(s))}). The usual
 * cell, {@code [-]d+[.d*]} with at most 15 digits up to its delimiter, is read in the same pass that finds the
 * delimiter ({@link #plain}); any other goes through the scan for its end and then the parse above.
 */
final class CsvScan {
    /** The fast path does not take this file (or this cell): read it on the general path. */
    static final class Fallback extends Exception {
        private static final long serialVersionUID = 1L;

        Fallback() {
            super(null, null, false, false);
        }
    }

    private static final Fallback FALLBACK = new Fallback();

    /** Receives the rows of a streaming read, a block at a time (the arrays are reused for the next block). */
    interface Blocks {
        void accept(Columns columns, int rows);
    }

    /** Marks a header position that is the group-key column. */
    static final int KEY = -2;
    /** The largest buffer a single row may need before the fast path gives up. */
    private static final int MAX_BUFFER = 64 << 20;
    private static final double[] POW10 = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13,
        1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};

    private final InputStream in;
    private final LongConsumer progress;
    private byte[] buf = new byte[1 << 20];
    private int pos;
    private int lim;
    private boolean eof;
    /** Bytes of the stream before {@code buf[0]}. */
    private long before;
    private final boolean finiteOnly;
    private final boolean float32;

    CsvScan(InputStream in, boolean float32, boolean finiteOnly, LongConsumer progress) {
        this.in = in;
        this.float32 = float32;
        this.finiteOnly = finiteOnly;
        this.progress = progress;
    }

    /** Bytes consumed so far (up to the current position). */
    long position() {
        return before + pos;
    }

    /**
     * Reads the header row: its cells, stripped, with a leading byte order mark removed.
     *
     * @throws Fallback for an empty file, blank lines before the header, a quote, a lone {@code \r}, or a header that
     *                  is not UTF-8
     */
    List<String> header() throws IOException, Fallback {
        int end;
        while (true) {
            end = -1;
            for (int i = pos; i < lim; i++) {
                if (buf[i] == '\n' || buf[i] == '\r') {
                    end = i;
                    break;
                }
            }
            if (end >= 0 || !more()) {
                break;
            }
        }
        if (end < 0) {
            end = lim; // a header and nothing else, without a line end
        }
        int s = pos;
        if (end - s >= 3 && (buf[s] & 0xff) == 0xEF && (buf[s + 1] & 0xff) == 0xBB && (buf[s + 2] & 0xff) == 0xBF) {
            s += 3;
        }
        if (end == s) {
            throw FALLBACK; // empty, or a blank line first: the general path says which
        }
        for (int i = s; i < end; i++) {
            if (buf[i] == '"') {
                throw FALLBACK;
            }
        }
        String line;
        try {
            line = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(buf, s, end - s))
                    .toString();
        } catch (CharacterCodingException e) {
            throw FALLBACK;
        }
        pos = end;
        skipLineEnd();
        List<String> cells = new ArrayList<>();
        int from = 0;
        while (true) {
            int comma = line.indexOf(',', from);
            cells.add((comma < 0 ? line.substring(from) : line.substring(from, comma)).strip());
            if (comma < 0) {
                break;
            }
            from = comma + 1;
        }
        return cells;
    }

    /** After a header: consumes {@code \n} or {@code \r\n}; a lone {@code \r} is left to the general path. */
    private void skipLineEnd() throws IOException, Fallback {
        if (pos == lim && !more()) {
            return;
        }
        if (buf[pos] == '\n') {
            pos++;
        } else if (buf[pos] == '\r') {
            if (pos + 1 == lim && !more()) {
                throw FALLBACK;
            }
            if (buf[pos + 1] != '\n') {
                throw FALLBACK;
            }
            pos += 2;
        }
    }

    /**
     * Guesses the number of data rows from the bytes per row of what is buffered and the {@code size} of the whole
     * input (−1 when unknown): the count of line ends in the buffer, scaled. At least 16.
     */
    long guessRows(long size) {
        if (size < 0) {
            return 1 << 16;
        }
        int lines = 0;
        for (int i = pos; i < lim; i++) {
            if (buf[i] == '\n') {
                lines++;
            }
        }
        long rest = size - position();
        if (lines == 0 || lim == pos) {
            return 16;
        }
        double perRow = (double) (lim - pos) / lines;
        return Math.max(16, (long) Math.ceil(rest / perRow));
    }

    /** Fills the buffer at the start (before the header is read), so that {@link #guessRows} sees some rows. */
    void prime() throws IOException {
        while (!eof && lim < buf.length) {
            int r = in.read(buf, lim, buf.length - lim);
            if (r < 0) {
                eof = true;
            } else {
                lim += r;
            }
        }
        report();
    }

    /**
     * Reads every data row into {@code cols} (growing it), or, when {@code blocks} is given, a block of
     * {@code cols.capacity} rows at a time into {@code blocks}. {@code slotOf[j]} is the column of {@code cols} that
     * header position j goes to, −1 to skip it, {@link #KEY} for the group key. Returns the number of rows read.
     */
    long rows(Columns cols, int[] slotOf, Blocks blocks) throws IOException, Fallback {
        final int width = slotOf.length;
        long total = 0;
        int row = 0;
        while (true) {
            if (pos == lim && !more()) {
                break;
            }
            if (row == cols.capacity) {
                if (blocks != null) {
                    blocks.accept(cols, row);
                    row = 0;
                } else {
                    cols.ensure(row + 1);
                }
            }
            int next = row(pos, row, cols, slotOf, width);
            if (next == -1) {
                more(); // more bytes, a larger buffer, or the end of the input: the row is parsed again
                continue;
            }
            if (next < 0) { // an empty line: skipped, as FastCSV skips it
                pos = -next - 2;
                continue;
            }
            pos = next;
            row++;
            total++;
        }
        if (blocks != null) {
            if (row > 0) {
                blocks.accept(cols, row);
            }
        } else {
            cols.trim(row);
        }
        return total;
    }

    /**
     * Parses the row at {@code p} into row {@code r}: returns the position after its line end; −1 when the buffer
     * ends before the row does and more input may follow; {@code −(q + 2)} for an empty line that ends before q.
     */
    private int row(int p, int r, Columns cols, int[] slotOf, int width) throws Fallback {
        final byte[] b = buf;
        final int end = lim;
        if (b[p] == '\n') {
            return -(p + 1) - 2;
        }
        if (b[p] == '\r') {
            if (p + 1 < end) {
                if (b[p + 1] != '\n') {
                    throw FALLBACK;
                }
                return -(p + 2) - 2;
            }
            if (eof) {
                throw FALLBACK;
            }
            return -1;
        }
        int field = 0;
        while (true) {
            int s = p;
            byte c = 0;
            int slot = field < width ? slotOf[field] : -1;
            if (slot >= 0) {
                // the usual cell, [-]digits[.digits] right up to its delimiter, read in the same pass as the scan
                int q = plain(b, p, end, slot, r, cols);
                if (q >= 0) {
                    p = q;
                    c = b[q];
                    field++;
                    if (c == ',') {
                        p++;
                        continue;
                    }
                    if (c == '\n') {
                        p++;
                        break;
                    }
                    if (p + 1 < end) { // '\r'
                        if (b[p + 1] != '\n') {
                            throw FALLBACK;
                        }
                        p += 2;
                        break;
                    }
                    if (eof) {
                        throw FALLBACK;
                    }
                    return -1;
                }
            }
            while (p < end) {
                c = b[p];
                if (c == ',' || c == '\n' || c == '\r') {
                    break;
                }
                if (c == '"' || c < 0) {
                    throw FALLBACK;
                }
                p++;
            }
            if (p == end && !eof) {
                return -1;
            }
            if (field < width) {
                if (slot >= 0) {
                    double v = number(b, s, p);
                    if (float32) {
                        float f = (float) v;
                        if (Float.isInfinite(f) && !Double.isInfinite(v)) {
                            throw FALLBACK; // beyond float32's range: the general path says so
                        }
                        cols.f[slot][r] = f;
                    } else {
                        cols.d[slot][r] = v;
                    }
                } else if (slot == KEY) {
                    cols.keys[r] = key(b, s, p, r == 0 ? null : cols.keys[r - 1]);
                }
            }
            field++;
            if (p == end) {
                break; // the last row, without a line end
            }
            if (c == ',') {
                p++;
                continue;
            }
            if (c == '\r') {
                if (p + 1 < end) {
                    if (b[p + 1] != '\n') {
                        throw FALLBACK;
                    }
                    p += 2;
                } else if (eof) {
                    throw FALLBACK;
                } else {
                    return -1;
                }
            } else {
                p++;
            }
            break;
        }
        if (field != width) {
            throw FALLBACK;
        }
        return p;
    }

    /**
     * The cell at {@code p} when it is written the plain way, {@code [-]d+[.d*]} or {@code [-].d+} with at most 15
     * digits and directly followed by a delimiter ({@code ,}, {@code \n}, {@code \r}) within the buffer: its value
     * is stored in row {@code r} of column {@code slot} and the delimiter's position returned. Otherwise (blanks, a
     * plus sign, an exponent, more digits, the buffer's end) −1, and the caller reads the cell the general way.
     *
     * <p>The digits, at most 15, make an integer m below 10<sup>15</sup>, exact in a double, and the value is m over
     * an exact power of ten: one correctly rounded division, the double {@link Double#parseDouble} gives (Clinger's
     * fast path). Such a value is below 10<sup>15</sup>, so always within float32's range.
     */
    private int plain(byte[] b, int p, int end, int slot, int r, Columns cols) {
        int q = p;
        boolean negative = false;
        if (q < end && b[q] == '-') {
            negative = true;
            q++;
        }
        int first = q;
        long m = 0;
        int point = -1;
        for (; q < end; q++) {
            int d = b[q] - '0';
            if (d >= 0 && d <= 9) {
                m = m * 10 + d;
            } else if (b[q] == '.' && point < 0) {
                point = q;
            } else {
                break;
            }
        }
        int digits = q - first - (point < 0 ? 0 : 1);
        if (q == end || digits == 0 || digits > 15) {
            return -1;
        }
        byte c = b[q];
        if (c != ',' && c != '\n' && c != '\r') {
            return -1;
        }
        double v = point < 0 ? m : m / POW10[q - point - 1];
        if (negative) {
            v = -v;
        }
        if (float32) {
            cols.f[slot][r] = (float) v;
        } else {
            cols.d[slot][r] = v;
        }
        return q;
    }

    private static boolean space(byte c) {
        return c == ' ' || c == '\t' || c == 0x0B || c == 0x0C || (c >= 0x1C && c <= 0x1F);
    }

    /** The number in {@code b[s, e)}, blanks around it stripped. */
    private double number(byte[] b, int s, int e) throws Fallback {
        while (s < e && space(b[s])) {
            s++;
        }
        while (e > s && space(b[e - 1])) {
            e--;
        }
        if (s == e) {
            throw FALLBACK; // an empty cell
        }
        int i = s;
        boolean negative = false;
        if (b[i] == '+' || b[i] == '-') {
            negative = b[i] == '-';
            i++;
        }
        long m = 0;
        int digits = 0; // significant digits kept in m
        int exp10 = 0;
        boolean any = false;
        boolean exact = true;
        boolean point = false;
        for (; i < e; i++) {
            int c = b[i] - '0';
            if (c < 0 || c > 9) {
                if (b[i] == '.' && !point) {
                    point = true;
                    continue;
                }
                break;
            }
            any = true;
            if (m != 0 || c != 0) {
                if (digits < 18) {
                    m = m * 10 + c;
                    digits++;
                } else {
                    exact = false; // the digit is dropped: Double.parseDouble reads the number
                }
            }
            if (point) {
                exp10--;
            }
        }
        if (any && i < e && (b[i] == 'e' || b[i] == 'E')) {
            i++;
            boolean negExp = false;
            if (i < e && (b[i] == '+' || b[i] == '-')) {
                negExp = b[i] == '-';
                i++;
            }
            int x = 0;
            boolean expDigits = false;
            for (; i < e; i++) {
                int c = b[i] - '0';
                if (c < 0 || c > 9) {
                    break;
                }
                expDigits = true;
                x = Math.min(x * 10 + c, 100_000);
            }
            if (!expDigits) {
                any = false; // "1e": not a number in this grammar
            }
            exp10 += negExp ? -x : x;
        }
        if (!any || i != e) {
            return other(b, s, e); // NaN, inf, or not a number at all
        }
        if (m == 0 && exact) {
            return negative ? -0.0 : 0.0;
        }
        if (exact && exp10 >= -22 && exp10 <= 22) {
            if (m < (1L << 53)) { // then m is exact in a double, and so is 10^|exp10|
                double v = m;
                v = exp10 >= 0 ? v * POW10[exp10] : v / POW10[-exp10];
                return negative ? -v : v;
            }
        }
        double v = Double.parseDouble(new String(b, s, e - s, StandardCharsets.ISO_8859_1));
        if (Double.isInfinite(v)) {
            throw FALLBACK; // digits beyond float64's range
        }
        return v;
    }

    /** A cell outside the decimal grammar: a non-finite name, or not a number (the general path words that). */
    private double other(byte[] b, int s, int e) throws Fallback {
        Double v = Numbers.parse(new String(b, s, e - s, StandardCharsets.ISO_8859_1));
        if (v == null || (finiteOnly && !Double.isFinite(v))) {
            throw FALLBACK;
        }
        return v;
    }

    /** A group key: the cell's text, stripped; the previous row's string again when equal (sorted files). */
    private static String key(byte[] b, int s, int e, String previous) {
        while (s < e && space(b[s])) {
            s++;
        }
        while (e > s && space(b[e - 1])) {
            e--;
        }
        if (previous != null && previous.length() == e - s) {
            boolean same = true;
            for (int i = 0; i < e - s; i++) {
                if (previous.charAt(i) != b[s + i]) {
                    same = false;
                    break;
                }
            }
            if (same) {
                return previous;
            }
        }
        return new String(b, s, e - s, StandardCharsets.ISO_8859_1);
    }

    /**
     * Reads more input behind what is left from {@code pos}: moves the rest to the front, grows the buffer when a
     * single row fills it. Returns false at the end of the input with nothing new.
     */
    private boolean more() throws IOException, Fallback {
        if (eof) {
            return false;
        }
        if (pos > 0) {
            System.arraycopy(buf, pos, buf, 0, lim - pos);
            before += pos;
            lim -= pos;
            pos = 0;
        }
        if (lim == buf.length) {
            if (buf.length >= MAX_BUFFER) {
                throw FALLBACK; // a row of 64 MB: not the numeric data this path is for
            }
            buf = java.util.Arrays.copyOf(buf, buf.length * 2);
        }
        int got = 0;
        while (lim < buf.length) {
            int r = in.read(buf, lim, buf.length - lim);
            if (r < 0) {
                eof = true;
                break;
            }
            lim += r;
            got += r;
        }
        report();
        return got > 0;
    }

    private void report() {
        if (progress != null) {
            progress.accept(before + lim);
        }
    }
}
