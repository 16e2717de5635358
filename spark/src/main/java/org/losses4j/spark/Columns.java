package org.losses4j.spark;

import java.util.ArrayList;
import java.util.List;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The checks of the columns a loss reads, with one-line messages that name the column: the schema checks run on the
 * driver before any job; null counts come from a job (or from the job that computes the loss, see
 * {@link #nullError}).
 */
public final class Columns {
    private Columns() {
    }

    /**
     * The schema field of a top-level numeric column (byte, short, int, long, float, double or decimal).
     *
     * @param role what the column is for, for the message ({@code prediction column})
     * @throws IllegalArgumentException for a null name, a missing column (listing those there are) or a non-numeric
     *                                  one (naming its type)
     */
    public static StructField requireNumeric(Dataset<Row> df, String role, String column) {
        if (column == null) {
            throw new IllegalArgumentException(role + " must be set, got null");
        }
        StructType schema = df.schema();
        for (StructField f : schema.fields()) {
            if (f.name().equals(column)) {
                DataType t = f.dataType();
                if (!(t instanceof NumericType)) {
                    throw new IllegalArgumentException(role + " '" + column + "' must be numeric, got type "
                            + t.simpleString());
                }
                return f;
            }
        }
        throw new IllegalArgumentException(role + " '" + column + "' does not exist; columns: "
                + (schema.fields().length == 0 ? "none" : String.join(", ", schema.fieldNames())));
    }

    /** The error for {@code nulls} null values in a column. */
    public static IllegalArgumentException nullError(String role, String column, long nulls) {
        return new IllegalArgumentException(role + " '" + column + "' has " + nulls + " null value"
                + (nulls == 1 ? "" : "s") + "; drop or fill them first (na().drop(), na().fill())");
    }

    /**
     * Counts the nulls of the given columns in one job (none when no column is nullable in the schema) and throws
     * for the first that has any.
     *
     * @param rolesAndColumns pairs: role, column name, role, column name, ...
     * @throws IllegalArgumentException naming the column and the number of nulls
     */
    public static void requireNoNulls(Dataset<Row> df, String... rolesAndColumns) {
        List<Column> counts = new ArrayList<>();
        List<Integer> which = new ArrayList<>();
        for (int i = 0; i + 1 < rolesAndColumns.length; i += 2) {
            StructField f = requireNumeric(df, rolesAndColumns[i], rolesAndColumns[i + 1]);
            if (f.nullable()) {
                Column c = df.col(quote(f.name()));
                counts.add(functions.count(functions.when(c.isNull(), 1)));
                which.add(i);
            }
        }
        if (counts.isEmpty()) {
            return;
        }
        Row r = df.agg(counts.get(0), counts.subList(1, counts.size()).toArray(new Column[0])).head();
        for (int k = 0; k < which.size(); k++) {
            long nulls = r.getLong(k);
            if (nulls > 0) {
                int i = which.get(k);
                throw nullError(rolesAndColumns[i], rolesAndColumns[i + 1], nulls);
            }
        }
    }

    /** A column name quoted for {@code Dataset.col}, so that names with dots or spaces are taken literally. */
    public static String quote(String column) {
        return "`" + column.replace("`", "``") + "`";
    }
}
