package org.losses4j.tribuo;

import org.losses4j.nn.data.BostonHousing;
import org.losses4j.nn.data.Dataset;
import org.tribuo.MutableDataset;
import org.tribuo.impl.ArrayExample;
import org.tribuo.math.la.DenseMatrix;
import org.tribuo.math.la.DenseVector;
import org.tribuo.math.la.Tensor;
import org.tribuo.provenance.SimpleDataSourceProvenance;
import org.tribuo.regression.RegressionFactory;
import org.tribuo.regression.Regressor;

/** Boston housing as a Tribuo regression data set, features standardised (plain SGD diverges on the raw ones). */
final class TribuoBoston {
    private TribuoBoston() {
    }

    static MutableDataset<Regressor> training() {
        Dataset d = BostonHousing.load().train();
        int n = d.size();
        int f = d.features();
        float[] x = d.x();
        float[] y = d.y();
        double[] mean = new double[f];
        double[] sd = new double[f];
        for (int j = 0; j < f; j++) {
            for (int i = 0; i < n; i++) {
                mean[j] += x[i * f + j];
            }
            mean[j] /= n;
            for (int i = 0; i < n; i++) {
                double c = x[i * f + j] - mean[j];
                sd[j] += c * c;
            }
            sd[j] = Math.sqrt(sd[j] / n);
        }
        String[] names = d.featureNames().toArray(new String[0]);
        RegressionFactory factory = new RegressionFactory();
        MutableDataset<Regressor> out = new MutableDataset<>(new SimpleDataSourceProvenance("boston", factory), factory);
        for (int i = 0; i < n; i++) {
            double[] v = new double[f];
            for (int j = 0; j < f; j++) {
                v[j] = (x[i * f + j] - mean[j]) / sd[j];
            }
            out.add(new ArrayExample<>(new Regressor(BostonHousing.TARGET, y[i]), names, v));
        }
        return out;
    }

    /** Every parameter of a model, flattened in order. */
    static double[] flatten(Tensor[] params) {
        int size = 0;
        for (Tensor t : params) {
            size += t instanceof DenseMatrix ? ((DenseMatrix) t).getDimension1Size() * ((DenseMatrix) t)
                    .getDimension2Size() : ((DenseVector) t).size();
        }
        double[] out = new double[size];
        int k = 0;
        for (Tensor t : params) {
            if (t instanceof DenseMatrix) {
                DenseMatrix m = (DenseMatrix) t;
                for (int i = 0; i < m.getDimension1Size(); i++) {
                    for (int j = 0; j < m.getDimension2Size(); j++) {
                        out[k++] = m.get(i, j);
                    }
                }
            } else {
                DenseVector v = (DenseVector) t;
                for (int i = 0; i < v.size(); i++) {
                    out[k++] = v.get(i);
                }
            }
        }
        return out;
    }
}
