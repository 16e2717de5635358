package org.losses4j.spark.ml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.param.Params;
import org.junit.jupiter.api.Test;

/**
 * The estimator and the model carry the same params (names, docs, validation), each owned by its own uid, as Spark's
 * reflection finds them; copies keep their values. No session: params need none.
 */
class LossRegressionParamsTest {
    private static final List<String> SHARED = List.of("fitIntercept", "loss", "lossParams", "maxIter", "regParam",
            "standardization", "tol", "weightCol");

    private static Map<String, String> docs(Params owner) {
        Map<String, String> m = new TreeMap<>();
        for (Param<?> p : owner.params()) {
            assertThat(p.parent()).as(p.name()).isEqualTo(owner.uid());
            m.put(p.name(), p.doc());
        }
        return m;
    }

    @Test
    void estimatorAndModelShareNamesAndDocs() {
        LossRegression est = new LossRegression("lossReg_a");
        LossRegressionModel model = new LossRegressionModel("lossReg_b", Vectors.dense(1, 2), 0.5, Double.NaN, 3);
        Map<String, String> e = docs(est);
        Map<String, String> m = docs(model);
        assertThat(e.keySet()).containsAll(SHARED);
        for (String name : SHARED) {
            assertThat(m).as(name).containsEntry(name, e.get(name));
        }
        assertThat(Arrays.stream(est.params()).map(Param::name)).as("each param once").doesNotHaveDuplicates();
        assertThat(est.loss()).as("the same object each time").isSameAs(est.loss());
        assertThat(est.getLoss()).isEqualTo("huber_concomitant_loss");
        assertThat(est.getMaxIter()).isEqualTo(100);
        assertThat(est.getTol()).isEqualTo(1e-6);
        assertThat(est.getFitIntercept()).isTrue();
        assertThat(est.isDefined(est.weightCol())).isFalse();
        assertThat(model.isDefined(model.loss())).as("a model's params come from its estimator").isFalse();
    }

    @Test
    void copiesKeepTheValuesAndTheValidatorsStay() {
        LossRegression est = new LossRegression().setLoss("huber_loss").setLossParams("delta=1.5").setRegParam(0.1)
                .setWeightCol("w");
        LossRegression estCopy = est.copy(new ParamMap().put(est.maxIter(), 7));
        assertThat(estCopy.uid()).isEqualTo(est.uid());
        assertThat(estCopy.getLossParams()).isEqualTo("delta=1.5");
        assertThat(estCopy.getRegParam()).isEqualTo(0.1);
        assertThat(estCopy.getWeightCol()).isEqualTo("w");
        assertThat(estCopy.getMaxIter()).isEqualTo(7);
        assertThat(est.getMaxIter()).isEqualTo(100);

        LossRegressionModel bare = new LossRegressionModel(est.uid(), Vectors.dense(1, 2), 0.5, Double.NaN, 3);
        LossRegressionModel model = bare.copy(new ParamMap().put(bare.loss(), "huber_loss")
                .put(bare.lossParams(), "delta=1.5").put(bare.regParam(), 0.1));
        LossRegressionModel copy = model.copy(new ParamMap().put(model.lossParams(), "delta=2"));
        assertThat(copy.getLoss()).isEqualTo("huber_loss");
        assertThat(copy.getLossParams()).isEqualTo("delta=2");
        assertThat(model.getLossParams()).isEqualTo("delta=1.5");
        assertThat(copy.getRegParam()).isEqualTo(0.1);
        assertThat(copy.coefficients().toArray()).containsExactly(1, 2);
        assertThat(copy.intercept()).isEqualTo(0.5);

        assertThatThrownBy(() -> new ParamMap().put(model.maxIter(), -1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("LossRegression: maxIter must be >= 0, got -1.0");
        assertThatThrownBy(() -> new ParamMap().put(model.loss(), "hubr_loss"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown loss 'hubr_loss'");
        assertThatThrownBy(() -> new ParamMap().put(model.lossParams(), "delta"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("NAME=VALUE");
    }
}
