package org.losses4j.cli.io;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.losses4j.cli.Errors.CliException;

import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;

/**
 * Reads the numeric columns of a CSV file with a header row (FastCSV underneath). Every problem is reported with
 * the file, line and column: {@code data.csv:17:3: 'abc' in column RM is not a number}. The file must be UTF-8 (a
 * leading byte order mark is skipped); a column that is read must have a name of its own in the header (not blank,
 * not twice).
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
    private final Map<String, double[]> columns;
    private final int rows;

    private NumericCsv(String source, List<String> header, Map<String, double[]> columns, int rows) {
        this.source = source;
        this.header = header;
        this.columns = columns;
        this.rows = rows;
    }

    /**
     * Reads every column of {@code file}; each must be numeric.
     *
     * @param file the file
     * @return every column of {@code file}; each must be numeric
     */
    public static NumericCsv read(Path file) {
        return read(file, null);
    }

    /**
     * Reads the named columns of {@code file} (all columns when {@code wanted} is null); only those need to be
     * numeric.
     *
     * @param file the file
     * @param wanted the columns to read, or null for all
     * @return the named columns of {@code file} (all columns when {@code wanted} is null); only those need to be numeric
     * @throws CliException for a missing file, a missing column, a ragged row or a non-numeric cell
     */
    public static NumericCsv read(Path file, Collection<String> wanted) {
        return read(file, wanted, Cells.ANY);
    }

    /**
     * As {@link #read(Path, Collection)}, accepting only the {@code cells} given: training data refuses NaN and
     * infinite cells, and values beyond float32's range, with their line and column.
     *
     * @param file the file
     * @param wanted the columns to read, or null for all
     * @param cells which cells are accepted
     * @return the named columns of {@code file}
     */
    public static NumericCsv read(Path file, Collection<String> wanted, Cells cells) {
        if (!Files.isRegularFile(file)) {
            throw new CliException("cannot read " + file + ": " + (Files.exists(file) ? "not a regular file"
                    : "no such file"));
        }
        try (Reader r = new Utf8Reader(Files.newInputStream(file))) {
            return read(r, file.toString(), wanted, cells);
        } catch (NoSuchFileException e) {
            throw new CliException("cannot read " + file + ": no such file");
        } catch (IOException e) {
            throw new CliException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Reads CSV text from {@code reader}; {@code source} names it in messages.
     *
     * @param reader the reader
     * @param source where the table came from
     * @param wanted the columns to read, or null for all
     * @return CSV text from {@code reader}; {@code source} names it in messages
     */
    public static NumericCsv read(Reader reader, String source, Collection<String> wanted) {
        return read(reader, source, wanted, Cells.ANY);
    }

    /**
     * Reads CSV text from {@code reader}, accepting the {@code cells} given.
     *
     * @param reader the reader
     * @param source where the table came from
     * @param wanted the columns to read, or null for all
     * @param cells which cells are accepted
     * @return CSV text from {@code reader}, accepting the {@code cells} given
     */
    public static NumericCsv read(Reader reader, String source, Collection<String> wanted, Cells cells) {
        try (CsvReader<CsvRecord> csv = CsvReader.builder().ignoreDifferentFieldCount(true).skipEmptyLines(true)
                .ofCsvRecord(reader)) {
            List<String> header = null;
            int[] idx = null;
            List<String> names = null;
            List<double[]> rowsOut = new ArrayList<>();
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
                    names = wanted == null ? header : new ArrayList<>(wanted);
                    idx = columnsOf(names, header, source, rec.getStartingLineNumber());
                    continue;
                }
                long line = rec.getStartingLineNumber();
                if (rec.getFieldCount() != header.size()) {
                    checkQuotes(rec, source, it, -1, header);
                    throw new CliException(source + ":" + line + ": row has " + rec.getFieldCount()
                            + " columns, the header has " + header.size() + trailingComma(rec, header));
                }
                double[] row = new double[idx.length];
                for (int k = 0; k < idx.length; k++) {
                    String cell = rec.getField(idx[k]);
                    checkQuotes(rec, source, it, idx[k], header);
                    row[k] = parse(cell.strip(), source, line, idx[k] + 1, names.get(k), cells);
                }
                rowsOut.add(row);
            }
            if (header == null) {
                throw new CliException(source + ": the file is empty (a header row is expected)");
            }
            Map<String, double[]> cols = new LinkedHashMap<>();
            for (int k = 0; k < names.size(); k++) {
                double[] c = new double[rowsOut.size()];
                for (int i = 0; i < c.length; i++) {
                    c[i] = rowsOut.get(i)[k];
                }
                cols.put(names.get(k), c);
            }
            return new NumericCsv(source, header, cols, rowsOut.size());
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
     * @param name the name
     * @return a column's values
     * @throws CliException if the column was not read or does not exist
     */
    public double[] column(String name) {
        double[] c = columns.get(name);
        if (c == null) {
            throw new CliException(source + ": no column '" + name + "'; columns: " + String.join(", ", header));
        }
        return c;
    }
}
