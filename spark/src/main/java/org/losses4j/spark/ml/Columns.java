package org.losses4j.spark.ml;

import java.util.Arrays;

import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructType;

/** Column checks on a schema, on the driver: one line naming the column and its type. */
final class Columns {
    private Columns() {
    }

    static DataType require(String who, StructType schema, String column) {
        if (!Arrays.asList(schema.fieldNames()).contains(column)) {
            throw new IllegalArgumentException(who + ": column '" + column + "' does not exist; the columns are "
                    + Arrays.toString(schema.fieldNames()));
        }
        return schema.apply(column).dataType();
    }

    static void requireNumeric(String who, StructType schema, String column) {
        DataType t = require(who, schema, column);
        if (!(t instanceof NumericType)) {
            throw new IllegalArgumentException(who + ": column '" + column + "' must be numeric, got "
                    + t.simpleString());
        }
    }

    static void requireVector(String who, StructType schema, String column) {
        DataType t = require(who, schema, column);
        if (!t.sameType(SQLDataTypes.VectorType())) {
            throw new IllegalArgumentException(who + ": column '" + column + "' must be a vector "
                    + "(org.apache.spark.ml.linalg.Vector), got " + t.simpleString());
        }
    }
}
