package org.losses4j.spark;

import java.io.IOException;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Encoder;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.expressions.Cast;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.execution.aggregate.ScalaAggregator$;
import org.apache.spark.sql.expressions.Aggregator;
import org.apache.spark.sql.expressions.UserDefinedAggregator;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.Decimal;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.unsafe.types.UTF8String;
import org.losses4j.loss.LossInfo;
import org.losses4j.loss.LossRegistry;

import scala.Option;
import scala.Tuple2;
import scala.collection.immutable.Seq;
import scala.jdk.javaapi.CollectionConverters;
import scala.runtime.AbstractFunction1;

/** The SQL aggregate functions of {@link SparkLosses#register}: the mean of a loss over the rows of a group. */
final class SqlFunctions {
    private SqlFunctions() {
    }

    /**
     * The parameter names of a loss in the order {@code losses4j list} shows them. The one place that reads the
     * registry's parameter metadata ({@link LossInfo#parameters()}: {@code "delta=1.0, alpha=1.0"}).
     */
    static List<String> parameterNames(LossInfo info) {
        List<String> names = new ArrayList<>();
        String p = info.parameters();
        if (p == null || p.isBlank()) {
            return names;
        }
        for (String kv : p.split(",")) {
            int i = kv.indexOf('=');
            names.add((i < 0 ? kv : kv.substring(0, i)).strip());
        }
        return names;
    }

    static List<String> register(SparkSession spark) {
        if (!(spark instanceof org.apache.spark.sql.classic.SparkSession)) {
            throw new IllegalArgumentException("SparkLosses.register: needs a classic SparkSession (a driver's own), "
                    + "got " + spark.getClass().getName());
        }
        org.apache.spark.sql.classic.SparkSession classic = (org.apache.spark.sql.classic.SparkSession) spark;
        List<String> names = new ArrayList<>();
        for (String name : LossSpec.elementwiseNames()) {
            classic.sessionState().functionRegistry().createOrReplaceTempFunction(name,
                    new Builder(name, parameterNames(LossRegistry.standard().info(name))), "scala_udf");
            names.add(name);
        }
        return names;
    }

    /** The aggregate column of a validated, element-wise spec. */
    static Column column(LossSpec spec, Column prediction, Column label) {
        return udaf(spec, prediction.toString(), label.toString()).apply(prediction.cast("double"),
                label.cast("double"));
    }

    private static UserDefinedAggregator<Tuple2<Double, Double>, Buffer, Double> udaf(LossSpec spec,
            String prediction, String label) {
        return (UserDefinedAggregator<Tuple2<Double, Double>, Buffer, Double>) functions.udaf(
                new MeanAggregator(spec, prediction, label), Encoders.tuple(Encoders.DOUBLE(), Encoders.DOUBLE()))
                .withName(spec.name());
    }

    /**
     * Builds {@code name(prediction, label, p1, p2, ...)} at analysis time, on the driver: the parameters must be
     * literals; the spec is validated here, so a bad one fails the query before any job.
     */
    private static final class Builder extends AbstractFunction1<Seq<Expression>, Expression> implements Serializable {
        private static final long serialVersionUID = 1L;
        private final String name;
        private final List<String> parameters;

        Builder(String name, List<String> parameters) {
            this.name = name;
            this.parameters = parameters;
        }

        @Override
        public Expression apply(Seq<Expression> children) {
            List<Expression> args = CollectionConverters.asJava(children);
            if (args.size() < 2 || args.size() > 2 + parameters.size()) {
                throw new IllegalArgumentException(name + " takes (prediction, label"
                        + (parameters.isEmpty() ? "" : "[, " + String.join("[, ", parameters)
                        + "]".repeat(parameters.size())) + "), got " + args.size() + " argument"
                        + (args.size() == 1 ? "" : "s"));
            }
            Map<String, Object> params = new LinkedHashMap<>();
            for (int i = 2; i < args.size(); i++) {
                String p = parameters.get(i - 2);
                Expression e = args.get(i);
                if (!e.foldable()) {
                    throw new IllegalArgumentException(name + ": " + p + " must be a literal, got " + e.sql());
                }
                params.put(p, plain(e.eval(null)));
            }
            LossSpec spec = LossSpec.of(name, params).requireElementwise(name);
            numeric(args.get(0), "prediction");
            numeric(args.get(1), "label");
            List<Expression> columns = List.of(cast(args.get(0)), cast(args.get(1)));
            return ScalaAggregator$.MODULE$.apply(udaf(spec, args.get(0).sql(), args.get(1).sql()),
                    CollectionConverters.asScala(columns).toList());
        }

        private void numeric(Expression e, String role) {
            if (e.resolved() && !(e.dataType() instanceof NumericType)) {
                throw new IllegalArgumentException(name + ": " + role + " must be numeric, got " + e.sql()
                        + " of type " + e.dataType().simpleString());
            }
        }

        private static Expression cast(Expression e) {
            return new Cast(e, DataTypes.DoubleType, Option.empty(), Cast.apply$default$4());
        }

        /** A literal's value as a spec takes it: SQL's 1.5 is a decimal, 'mean' a UTF8String. */
        private static Object plain(Object v) {
            if (v instanceof Decimal) {
                return ((Decimal) v).toDouble();
            }
            if (v instanceof UTF8String) {
                return v.toString();
            }
            return v;
        }
    }

    /** The partial mean of a group: chunks of rows not yet evaluated, and the sums of those that were. */
    public static final class Buffer implements Serializable {
        private static final long serialVersionUID = 1L;
        double sum;
        long count;
        long nullPredictions;
        long nullLabels;
        /** Rows waiting for the kernel, {@code n} of them; grown from 16 up to 1024 per group. */
        transient float[] x;
        transient float[] y;
        transient float[] scratch;
        transient int n;
        transient LossSpec spec;

        void add(float p, float l) {
            if (x == null || n == x.length) {
                if (x != null && x.length >= 1024) {
                    flush();
                } else {
                    int cap = x == null ? 16 : 2 * x.length;
                    x = x == null ? new float[cap] : java.util.Arrays.copyOf(x, cap);
                    y = y == null ? new float[cap] : java.util.Arrays.copyOf(y, cap);
                    scratch = new float[cap];
                }
            }
            x[n] = p;
            y[n] = l;
            n++;
        }

        void flush() {
            if (n > 0) {
                sum += spec.chunkSum(x, y, scratch, n);
                count += n;
                n = 0;
            }
        }

        private void writeObject(ObjectOutputStream out) throws IOException {
            flush(); // Spark serializes the buffer after a partition's rows: evaluate what is left first
            out.defaultWriteObject();
        }
    }

    /** The mean of a loss over a group's rows; a null in either column is an error counting the group's nulls. */
    static final class MeanAggregator extends Aggregator<Tuple2<Double, Double>, Buffer, Double> {
        private static final long serialVersionUID = 1L;
        private final LossSpec spec;
        private final String prediction;
        private final String label;

        MeanAggregator(LossSpec spec, String prediction, String label) {
            this.spec = spec;
            this.prediction = prediction;
            this.label = label;
        }

        @Override
        public Buffer zero() {
            Buffer b = new Buffer();
            b.spec = spec;
            return b;
        }

        @Override
        public Buffer reduce(Buffer b, Tuple2<Double, Double> row) {
            b.spec = spec;
            Double p = row._1();
            Double l = row._2();
            if (p == null || l == null) {
                b.nullPredictions += p == null ? 1 : 0;
                b.nullLabels += l == null ? 1 : 0;
                return b;
            }
            b.add(p.floatValue(), l.floatValue());
            return b;
        }

        @Override
        public Buffer merge(Buffer a, Buffer b) {
            a.spec = spec;
            b.spec = spec;
            a.flush();
            b.flush();
            a.sum += b.sum;
            a.count += b.count;
            a.nullPredictions += b.nullPredictions;
            a.nullLabels += b.nullLabels;
            return a;
        }

        @Override
        public Double finish(Buffer b) {
            b.spec = spec;
            b.flush();
            if (b.nullPredictions > 0) {
                throw nulls(prediction, b.nullPredictions);
            }
            if (b.nullLabels > 0) {
                throw nulls(label, b.nullLabels);
            }
            return b.count == 0 ? Double.NaN : b.sum / b.count;
        }

        private IllegalArgumentException nulls(String column, long k) {
            return new IllegalArgumentException(spec.name() + ": " + column + " has " + k + " null value"
                    + (k == 1 ? "" : "s") + " in a group; drop or fill them first");
        }

        @Override
        public Encoder<Buffer> bufferEncoder() {
            return Encoders.javaSerialization(Buffer.class);
        }

        @Override
        public Encoder<Double> outputEncoder() {
            return Encoders.DOUBLE();
        }
    }
}
