package org.losses4j.cli.io;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongConsumer;

import org.losses4j.cli.Errors.CliException;

import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;

/**
 * Reads the numeric columns of a CSV file with a header row. Every problem is reported with the file, line and
 * column: {@code data.csv:17:3: 'abc' in column RM is not a number}. The file must be UTF-8 (a leading byte order
 * mark is skipped); a column that is read must have a name of its own in the header (not blank, not twice).
 *
 * <p>Only the wanted columns are kept, each in one array of its own type (float32 for the {@code FLOAT32} cells,
 * float64 otherwise), sized from the file's length and the bytes per row of its first rows: the heap holds the data
 * about once (plus one column while the arrays are cut to the rows read). A file of plain numeric rows is read by
 * {@link CsvScan}, bytes to numbers without a string per cell; any other file (quotes, text outside ASCII, and every
 * file with an error, for the message) by FastCSV. Before the arrays are allocated, a file whose columns would not
 * fit the heap is refused with one line saying how much it needs ({@link #tooBig}).
 */
public final class NumericCsv {
    /** Which cell values a read accepts, besides numbers (see {@link Numbers}). */
    public enum Cells {
        /** Any double, NaN and infinities included. */
        ANY(false, false),
        /** NaN and the infinities when written as such; digits must fit float32 (the loss inputs of eval). */
        FLOAT32(false, true),
        /** Finite doubles only (statistics in double). */
        FINITE(true, false),
        /** Finite values within float32's range (training data, held as float32). */
        FINITE_FLOAT32(true, true);

        final boolean finite;
        final boolean float32;

        Cells(boolean finite, boolean float32) {
            this.finite = finite;
            this.float32 = float32;
        }
    }

    private static final char BOM = '\uFEFF';

    private final String source;
    private final List<String> header;
    private final Map<String, Integer> columns;
    private final Columns data;
    private final int rows;

    private NumericCsv(String source, List<String> header, List<String> names, Columns data, int rows) {
        this.source = source;
        this.header = header;
        this.columns = new LinkedHashMap<>();
        for (int k = 0; k < names.size(); k++) {
            columns.put(names.get(k), k);
        }
        this.data = data;
        this.rows = rows;
    }

    /**
     * What the last read of a file needed for its columns, for the one-line message when the heap runs out later
     * (training needs a few times the data): {@code big.csv} and its bytes, or null.
     */
    private static volatile Object[] lastRead;

    /**
     * "big.csv needs about N MB" for the last file read, or null when none was read.
     *
     * @return the phrase, or null
     */
    public static String lastReadNeeds() {
        Object[] r = lastRead;
        return r == null ? null : r[0] + " holds about " + mb((Long) r[1]) + " MB of data";
    }

    static long mb(long bytes) {
        return (bytes + (1 << 20) - 1) >> 20;
    }

    /**
     * The one-line refusal of a file that does not fit the heap: {@code big.csv needs about N MB; the Java heap is
     * M MB (set LOSSES4J_JAVA_OPTS=-Xmx…)}, the suggestion leaving room for the work on the data (three times it).
     */
    static CliException tooBig(String source, long needBytes) {
        long heap = Runtime.getRuntime().maxMemory();
        long suggest = mb(3 * needBytes + (256L << 20));
        String x = suggest >= 1024 ? ((suggest + 1023) / 1024) + "g" : suggest + "m";
        return new CliException(source + " needs about " + mb(needBytes) + " MB; the Java heap is " + mb(heap)
                + " MB (set LOSSES4J_JAVA_OPTS=-Xmx" + x + ")");
    }

    /** Refuses {@code bytes} more when they clearly do not fit what the heap has left. */
    static void checkFits(String source, long bytes) {
        Runtime rt = Runtime.getRuntime();
        long used = rt.totalMemory() - rt.freeMemory();
        if (bytes > rt.maxMemory() - used) {
            throw tooBig(source, bytes);
        }
    }

    /**
     * Reads every column of {@code file}; each must be numeric.
     *
     * @param file a UTF-8 CSV file with a header row
     * @return the table of every column, in double
     * @throws CliException for a missing file, a ragged row or a non-numeric cell, naming the file, line and column
     */
    public static NumericCsv read(Path file) {
        return read(file, null);
    }

    /**
     * Reads the named columns of {@code file} (all columns when {@code wanted} is null); only those need to be
     * numeric.
     *
     * @param file a UTF-8 CSV file with a header row
     * @param wanted the columns to read, or null for all
     * @return the table of the columns read, in double
     * @throws CliException for a missing file, a missing column, a ragged row or a non-numeric cell
     */
    public static NumericCsv read(Path file, Collection<String> wanted) {
        return read(file, wanted, Cells.ANY);
    }

    /**
     * As {@link #read(Path, Collection)}, accepting only the {@code cells} given: training data refuses NaN and
     * infinite cells, and values beyond float32's range, with their line and column.
     *
     * @param file a UTF-8 CSV file with a header row
     * @param wanted the columns to read, or null for all
     * @param cells which cells are accepted
     * @return the table of the columns read (float32 for {@code FLOAT32} and {@code FINITE_FLOAT32} cells, else double)
     * @throws CliException for a missing file or column, a ragged row or a cell the rule refuses
     */
    public static NumericCsv read(Path file, Collection<String> wanted, Cells cells) {
        return read(file, wanted, cells, null);
    }

    /**
     * As {@link #read(Path, Collection, Cells)}, telling {@code progress} the bytes read so far as the read goes
     * (every megabyte or so).
     *
     * @param file a UTF-8 CSV file with a header row
     * @param wanted the columns to read
     * @param cells which cells are accepted
     * @param progress told the bytes read so far
     * @return the table of the columns read
     * @throws CliException for a missing file or column, a ragged row or a cell the rule refuses
     */
    public static NumericCsv read(Path file, Collection<String> wanted, Cells cells, LongConsumer progress) {
        if (!Files.isRegularFile(file)) {
            throw new CliException("cannot read " + file + ": " + (Files.exists(file) ? "not a regular file"
                    : "no such file"));
        }
        String source = file.toString();
        try (InputStream in = Files.newInputStream(file)) {
            NumericCsv t = fast(in, Files.size(file), source, wanted, cells, progress);
            if (t != null) {
                return t;
            }
        } catch (NoSuchFileException e) {
            throw new CliException("cannot read " + file + ": no such file");
        } catch (IOException e) {
            throw new CliException("cannot read " + file + ": " + e.getMessage(), e);
        }
        try (Reader r = new Utf8Reader(Files.newInputStream(file))) {
            return read(r, source, wanted, cells);
        } catch (NoSuchFileException e) {
            throw new CliException("cannot read " + file + ": no such file");
        } catch (IOException e) {
            throw new CliException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** The fast path ({@link CsvScan}), or null when the file needs the general one. */
    private static NumericCsv fast(InputStream in, long size, String source, Collection<String> wanted, Cells cells,
            LongConsumer progress) throws IOException {
        CsvScan scan = new CsvScan(in, cells.float32, cells.finite, progress);
        scan.prime();
        try {
            List<String> header = scan.header();
            if (header.size() == 1 && header.get(0).isEmpty()) {
                return null;
            }
            List<String> names = wanted == null ? header : new ArrayList<>(wanted);
            int[] idx = columnsOf(names, header, source, 1);
            int[] slotOf = new int[header.size()];
            Arrays.fill(slotOf, -1);
            for (int k = 0; k < idx.length; k++) {
                slotOf[idx[k]] = k;
            }
            long guess = scan.guessRows(size);
            long capacity = Math.min(Integer.MAX_VALUE - 16L, guess + guess / 20 + 64);
            long bytes = capacity * names.size() * (cells.float32 ? 4L : 8L);
            checkFits(source, bytes);
            lastRead = new Object[] {source, bytes};
            Columns cols = new Columns(names.size(), cells.float32, (int) capacity, false);
            long n = scan.rows(cols, slotOf, null);
            return new NumericCsv(source, header, names, cols, (int) n);
        } catch (CsvScan.Fallback e) {
            return null;
        }
    }

    /** Receives the rows of {@link #stream}, a block at a time. */
    public interface Rows {
        /**
         * One block: {@code columns[k][i]} is the value of wanted column k in row i, {@code keys[i]} the row's
         * group key (null without a key column), for i &lt; {@code rows}. The arrays are reused for the next block.
         *
         * @param columns the values, by wanted column then row
         * @param keys each row's group key
         * @param rows the number of rows in this block
         */
        void accept(float[][] columns, String[] keys, int rows);

        /** Forget every block so far: the file is read again from its first row (on the general path). */
        void restart();
    }

    /** Rows per block of {@link #stream}. */
    static final int BLOCK = 1 << 14;

    /**
     * Streams the {@code wanted} columns of {@code file} in blocks, as float32, with the text of {@code keyColumn}
     * (or none when null) as each row's group key: memory does not grow with the file. Returns the number of rows.
     *
     * @param file a UTF-8 CSV file with a header row
     * @param wanted the columns to read
     * @param keyColumn the column whose text is each row's group key, or null
     * @param progress told the bytes read so far
     * @param rows receives the blocks
     * @return the number of data rows read (the header not counted)
     * @throws CliException as {@link #read(Path, Collection, Cells)} does
     */
    public static long stream(Path file, List<String> wanted, String keyColumn, LongConsumer progress, Rows rows) {
        if (!Files.isRegularFile(file)) {
            throw new CliException("cannot read " + file + ": " + (Files.exists(file) ? "not a regular file"
                    : "no such file"));
        }
        String source = file.toString();
        CsvScan.Blocks blocks = (c, m) -> rows.accept(c.f, c.keys, m);
        try (InputStream in = Files.newInputStream(file)) {
            CsvScan scan = new CsvScan(in, true, false, progress);
            scan.prime();
            List<String> header = scan.header();
            if (!(header.size() == 1 && header.get(0).isEmpty())) {
                int[] slotOf = slots(source, header, wanted, keyColumn);
                Columns cols = new Columns(wanted.size(), true, BLOCK, keyColumn != null);
                return scan.rows(cols, slotOf, blocks);
            }
        } catch (CsvScan.Fallback e) {
            rows.restart();
        } catch (NoSuchFileException e) {
            throw new CliException("cannot read " + file + ": no such file");
        } catch (IOException e) {
            throw new CliException("cannot read " + file + ": " + e.getMessage(), e);
        }
        try (Reader r = new Utf8Reader(Files.newInputStream(file))) {
            return general(r, source, wanted, keyColumn, Cells.FLOAT32, blocks).rows;
        } catch (IOException e) {
            throw new CliException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** Header position → slot of a wanted column, {@link CsvScan#KEY} for the key column, −1 for the others. */
    private static int[] slots(String source, List<String> header, List<String> wanted, String keyColumn) {
        List<String> all = new ArrayList<>(wanted);
        if (keyColumn != null) {
            all.add(keyColumn);
        }
        int[] idx = columnsOf(all, header, source, 1);
        int[] slotOf = new int[header.size()];
        Arrays.fill(slotOf, -1);
        for (int k = 0; k < wanted.size(); k++) {
            slotOf[idx[k]] = k;
        }
        if (keyColumn != null) {
            if (wanted.contains(keyColumn)) {
                throw new CliException(source + ": column '" + keyColumn + "' is both an input and the group key");
            }
            slotOf[idx[wanted.size()]] = CsvScan.KEY;
        }
        return slotOf;
    }

    /**
     * Reads CSV text from {@code reader}; {@code source} names it in messages.
     *
     * @param reader the CSV text, header row first; read to its end and closed
     * @param source where the table came from
     * @param wanted the columns to read, or null for all
     * @return the table of the columns read, in double
     * @throws CliException for a missing column, a ragged row or a non-numeric cell, naming {@code source}, line and
     *                      column
     */
    public static NumericCsv read(Reader reader, String source, Collection<String> wanted) {
        return read(reader, source, wanted, Cells.ANY);
    }

    /**
     * Reads CSV text from {@code reader}, accepting the {@code cells} given.
     *
     * @param reader the CSV text, header row first; read to its end and closed
     * @param source where the table came from
     * @param wanted the columns to read, or null for all
     * @param cells which cells are accepted
     * @return the table of the columns read
     * @throws CliException for a missing column, a ragged row or a cell the rule refuses
     */
    public static NumericCsv read(Reader reader, String source, Collection<String> wanted, Cells cells) {
        return general(reader, source, wanted == null ? null : new ArrayList<>(wanted), null, cells, null).table;
    }

    /** What the general path read: a table, or (streaming) the number of rows. */
    private record General(NumericCsv table, long rows) {
    }

    /**
     * The general path (FastCSV records): any CSV, every error with its line and column. Without {@code blocks} the
     * columns are kept (a table); with them, handed over {@link #BLOCK} rows at a time.
     */
    private static General general(Reader reader, String source, List<String> wanted, String keyColumn, Cells cells,
            CsvScan.Blocks blocks) {
        try (CsvReader<CsvRecord> csv = CsvReader.builder().ignoreDifferentFieldCount(true).skipEmptyLines(true)
                .ofCsvRecord(reader)) {
            List<String> header = null;
            int[] idx = null;
            int keyIdx = -1;
            List<String> names = null;
            Columns cols = null;
            int row = 0;
            long total = 0;
            Iterator<CsvRecord> it = csv.iterator();
            while (it.hasNext()) {
                CsvRecord rec = it.next();
                if (header == null) {
                    checkQuotes(rec, source, it, -1, List.of());
                    header = new ArrayList<>();
                    for (String h : rec.getFields()) {
                        header.add(header.isEmpty() && !h.isEmpty() && h.charAt(0) == BOM ? h.substring(1).strip()
                                : h.strip());
                    }
                    if (header.size() == 1 && header.get(0).isEmpty()) {
                        throw new CliException(source + ":" + rec.getStartingLineNumber()
                                + ": the header row is empty");
                    }
                    names = wanted == null ? header : wanted;
                    idx = columnsOf(names, header, source, rec.getStartingLineNumber());
                    if (keyColumn != null) {
                        int[] slotOf = slots(source, header, names, keyColumn);
                        for (int j = 0; j < slotOf.length; j++) {
                            keyIdx = slotOf[j] == CsvScan.KEY ? j : keyIdx;
                        }
                    }
                    cols = new Columns(names.size(), cells.float32, blocks != null ? BLOCK : 1024, keyColumn != null);
                    continue;
                }
                long line = rec.getStartingLineNumber();
                if (rec.getFieldCount() != header.size()) {
                    checkQuotes(rec, source, it, -1, header);
                    throw new CliException(source + ":" + line + ": row has " + rec.getFieldCount()
                            + " columns, the header has " + header.size() + trailingComma(rec, header));
                }
                if (row == cols.capacity) {
                    if (blocks != null) {
                        blocks.accept(cols, row);
                        row = 0;
                    } else {
                        cols.ensure(row + 1);
                    }
                }
                for (int k = 0; k < idx.length; k++) {
                    String cell = rec.getField(idx[k]);
                    checkQuotes(rec, source, it, idx[k], header);
                    cols.set(k, row, parse(cell.strip(), source, line, idx[k] + 1, names.get(k), cells));
                }
                if (keyIdx >= 0) {
                    checkQuotes(rec, source, it, keyIdx, header);
                    cols.keys[row] = rec.getField(keyIdx).strip();
                }
                row++;
                total++;
            }
            if (header == null) {
                throw new CliException(source + ": the file is empty (a header row is expected)");
            }
            if (blocks != null) {
                if (row > 0) {
                    blocks.accept(cols, row);
                }
                return new General(null, total);
            }
            cols.trim(row);
            return new General(new NumericCsv(source, header, names, cols, row), total);
        } catch (CsvParseException e) {
            Throwable c = e.getCause();
            if (c instanceof Utf8Reader.NotUtf8Exception) {
                throw notUtf8OrCannotRead(source, (Utf8Reader.NotUtf8Exception) c);
            }
            throw new CliException(source + ": malformed CSV: " + e.getMessage()
                    + (c != null && c.getMessage() != null ? ": " + c.getMessage() : ""));
        } catch (UncheckedIOException e) {
            throw notUtf8OrCannotRead(source, e.getCause());
        } catch (IOException e) {
            throw notUtf8OrCannotRead(source, e);
        }
    }

    private static CliException notUtf8OrCannotRead(String source, IOException e) {
        if (e instanceof Utf8Reader.NotUtf8Exception) {
            return new CliException(source + ":" + ((Utf8Reader.NotUtf8Exception) e).line + ": " + e.getMessage());
        }
        return new CliException("cannot read " + source + ": " + e.getMessage());
    }

    /**
     * The header positions of {@code names}: each must be in the header once, with a name (a blank header cell
     * cannot be asked for by name and is read only when every column is).
     */
    private static int[] columnsOf(List<String> names, List<String> header, String source, long headerLine) {
        int[] idx = new int[names.size()];
        for (int k = 0; k < names.size(); k++) {
            String name = names.get(k);
            int blank = name.isBlank() ? header.indexOf(name.strip()) : -1;
            if (blank >= 0) {
                boolean last = blank == header.size() - 1;
                throw new CliException(source + ":" + headerLine + ":" + (blank + 1) + ": column " + (blank + 1)
                        + " has no name in the header" + (last ? " (the header ends with a comma)" : "")
                        + "; name it or remove it");
            }
            idx[k] = header.indexOf(name);
            if (idx[k] < 0) {
                throw new CliException(source + ": no column '" + name + "'; columns: " + String.join(", ", header));
            }
            int again = header.subList(idx[k] + 1, header.size()).indexOf(name);
            if (again >= 0) {
                throw new CliException(source + ": duplicate column '" + name + "' (columns " + (idx[k] + 1)
                        + " and " + (idx[k] + 2 + again) + ")");
            }
        }
        return idx;
    }

    private static String trailingComma(CsvRecord rec, List<String> header) {
        if (rec.getFieldCount() == header.size() + 1 && rec.getField(header.size()).isBlank()) {
            return " (the row ends with a comma)";
        }
        if (rec.getFieldCount() + 1 == header.size() && header.get(header.size() - 1).isEmpty()) {
            return " (the header ends with a comma)";
        }
        return "";
    }

    /**
     * A cell with a line break in it was quoted over several lines: no number looks like that, and at the end of the
     * file it is a quote that was never closed. {@code col} is the cell read (−1: look at every cell).
     */
    private static void checkQuotes(CsvRecord rec, String source, Iterator<CsvRecord> rest, int col,
            List<String> header) {
        for (int j = col < 0 ? 0 : col; j < (col < 0 ? rec.getFieldCount() : col + 1); j++) {
            String f = rec.getField(j);
            if (f.indexOf('\n') >= 0 || f.indexOf('\r') >= 0) {
                long lines = f.chars().filter(ch -> ch == '\n').count();
                String which = "column " + (j < header.size() && !header.get(j).isEmpty() ? header.get(j)
                        : String.valueOf(j + 1));
                boolean lastRecord;
                try {
                    lastRecord = !rest.hasNext();
                } catch (RuntimeException e) {
                    lastRecord = false;
                }
                throw new CliException(source + ":" + rec.getStartingLineNumber() + ":" + (j + 1) + ": "
                        + (lastRecord ? "unterminated quote: the quoted cell in " + which
                                + " is never closed and runs to the end of the file"
                                : "the quoted cell in " + which + " runs over " + (lines + 1)
                                        + " lines (an unterminated quote?)"));
            }
        }
    }

    private static double parse(String cell, String source, long line, int col, String name, Cells cells) {
        String at = source + ":" + line + ":" + col + ": ";
        if (cell.isEmpty()) {
            throw new CliException(at + "empty cell in column " + name);
        }
        Double v = Numbers.parse(cell);
        if (v == null) {
            throw new CliException(at + "'" + cell + "' in column " + name + " is not a number");
        }
        String overflow = Numbers.overflow(cell, v, cells.float32);
        if (overflow != null) {
            throw new CliException(at + "'" + cell + "' in column " + name + " is " + overflow);
        }
        if (cells.finite && !Double.isFinite(v)) {
            throw new CliException(at + "'" + cell + "' in column " + name + " is not a finite number");
        }
        return v;
    }

    /**
     * Where the table came from.
     *
     * @return where the table came from
     */
    public String source() {
        return source;
    }

    /**
     * The header row of the file (all columns, also those not read).
     *
     * @return the header row of the file (all columns, also those not read)
     */
    public List<String> header() {
        return header;
    }

    /**
     * The names of the columns read, in order.
     *
     * @return the names of the columns read, in order
     */
    public List<String> names() {
        return new ArrayList<>(columns.keySet());
    }

    /**
     * A column's values in float32: the array read (not a copy) for the {@code FLOAT32} cells, rounded from float64
     * for the others.
     *
     * @param name the column's name
     * @return the column's values
     * @throws CliException if the column was not read or does not exist
     */
    public float[] floatColumn(String name) {
        int k = slot(name);
        if (data.float32) {
            return data.f[k];
        }
        float[] c = new float[rows];
        for (int i = 0; i < rows; i++) {
            c[i] = (float) data.d[k][i];
        }
        return c;
    }

    private int slot(String name) {
        Integer k = columns.get(name);
        if (k == null) {
            throw new CliException(source + ": no column '" + name + "'; columns: " + String.join(", ", header));
        }
        return k;
    }

    /**
     * The number of data rows.
     *
     * @return the number of data rows
     */
    public int rows() {
        return rows;
    }

    /**
     * A column's values.
     *
     * @param name the column's name as in the header (exact)
     * @return a new array of the column's values, in row order, widened to double if held as float32
     * @throws CliException if the column was not read or does not exist
     */
    public double[] column(String name) {
        int k = slot(name);
        if (!data.float32) {
            return data.d[k];
        }
        double[] c = new double[rows];
        for (int i = 0; i < rows; i++) {
            c[i] = data.f[k][i];
        }
        return c;
    }
}
