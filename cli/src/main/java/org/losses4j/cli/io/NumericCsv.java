package org.losses4j.cli.io;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.losses4j.cli.Errors.CliException;

import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;

/**
 * Reads the numeric columns of a CSV file with a header row (FastCSV underneath). Every problem is reported with
 * the file, line and column: {@code data.csv:17:3: 'abc' in column RM is not a number}.
 */
public final class NumericCsv {
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

    /** Reads every column of {@code file}; each must be numeric. */
    public static NumericCsv read(Path file) {
        return read(file, null);
    }

    /**
     * Reads the named columns of {@code file} (all columns when {@code wanted} is null); only those need to be
     * numeric.
     *
     * @throws CliException for a missing file, a missing column, a ragged row or a non-numeric cell
     */
    public static NumericCsv read(Path file, Collection<String> wanted) {
        return read(file, wanted, false);
    }

    /**
     * As {@link #read(Path, Collection)}; with {@code finiteOnly}, NaN and infinite cells are refused too (with their
     * line and column), as training data needs.
     */
    public static NumericCsv read(Path file, Collection<String> wanted, boolean finiteOnly) {
        if (!Files.isRegularFile(file)) {
            throw new CliException("cannot read " + file + ": " + (Files.exists(file) ? "not a regular file"
                    : "no such file"));
        }
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return read(r, file.toString(), wanted, finiteOnly);
        } catch (NoSuchFileException e) {
            throw new CliException("cannot read " + file + ": no such file");
        } catch (IOException e) {
            throw new CliException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** Reads CSV text from {@code reader}; {@code source} names it in messages. */
    public static NumericCsv read(Reader reader, String source, Collection<String> wanted) {
        return read(reader, source, wanted, false);
    }

    /** Reads CSV text from {@code reader}, refusing non-finite cells when {@code finiteOnly}. */
    public static NumericCsv read(Reader reader, String source, Collection<String> wanted, boolean finiteOnly) {
        try (CsvReader<CsvRecord> csv = CsvReader.builder().ignoreDifferentFieldCount(true).skipEmptyLines(true)
                .ofCsvRecord(reader)) {
            List<String> header = null;
            int[] idx = null;
            List<String> names = null;
            List<double[]> rowsOut = new ArrayList<>();
            for (CsvRecord rec : csv) {
                if (header == null) {
                    header = new ArrayList<>();
                    for (String h : rec.getFields()) {
                        header.add(h.strip());
                    }
                    if (header.size() == 1 && header.get(0).isEmpty()) {
                        throw new CliException(source + ":" + rec.getStartingLineNumber()
                                + ": the header row is empty");
                    }
                    names = wanted == null ? header : new ArrayList<>(wanted);
                    idx = new int[names.size()];
                    for (int k = 0; k < names.size(); k++) {
                        idx[k] = header.indexOf(names.get(k));
                        if (idx[k] < 0) {
                            throw new CliException(source + ": no column '" + names.get(k) + "'; columns: "
                                    + String.join(", ", header));
                        }
                    }
                    continue;
                }
                if (rec.getFieldCount() != header.size()) {
                    throw new CliException(source + ":" + rec.getStartingLineNumber() + ": row has "
                            + rec.getFieldCount() + " columns, the header has " + header.size());
                }
                double[] row = new double[idx.length];
                for (int k = 0; k < idx.length; k++) {
                    String cell = rec.getField(idx[k]).strip();
                    row[k] = parse(cell, source, rec.getStartingLineNumber(), idx[k] + 1, names.get(k));
                    if (finiteOnly && !Double.isFinite(row[k])) {
                        throw new CliException(source + ":" + rec.getStartingLineNumber() + ":" + (idx[k] + 1) + ": '"
                                + cell + "' in column " + names.get(k) + " is not a finite number");
                    }
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
            throw new CliException(source + ": malformed CSV: " + e.getMessage());
        } catch (UncheckedIOException e) {
            throw new CliException("cannot read " + source + ": " + e.getCause().getMessage());
        } catch (IOException e) {
            throw new CliException("cannot read " + source + ": " + e.getMessage());
        }
    }

    private static double parse(String cell, String source, long line, int col, String name) {
        if (cell.isEmpty()) {
            throw new CliException(source + ":" + line + ":" + col + ": empty cell in column " + name);
        }
        try {
            double v = Double.parseDouble(cell);
            if (cell.endsWith("d") || cell.endsWith("D") || cell.endsWith("f") || cell.endsWith("F")) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            throw new CliException(source + ":" + line + ":" + col + ": '" + cell + "' in column " + name
                    + " is not a number");
        }
    }

    /** Where the table came from. */
    public String source() {
        return source;
    }

    /** The header row of the file (all columns, also those not read). */
    public List<String> header() {
        return header;
    }

    /** The names of the columns read, in order. */
    public List<String> names() {
        return new ArrayList<>(columns.keySet());
    }

    /** The number of data rows. */
    public int rows() {
        return rows;
    }

    /**
     * A column's values.
     *
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
