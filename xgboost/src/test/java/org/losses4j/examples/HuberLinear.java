package org.losses4j.examples;

// The example of docs/INTEGRATIONS.md, verbatim; DocumentationExamplesTest runs it.
import java.util.Map;

import org.losses4j.tribuo.LossesRegressionObjective;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.Prediction;
import org.tribuo.impl.ArrayExample;
import org.tribuo.math.optimisers.AdaGrad;
import org.tribuo.provenance.SimpleDataSourceProvenance;
import org.tribuo.regression.RegressionFactory;
import org.tribuo.regression.Regressor;
import org.tribuo.regression.sgd.fm.FMRegressionTrainer;
import org.tribuo.regression.sgd.linear.LinearSGDTrainer;

public class HuberLinear {
    public static void main(String[] args) {
        RegressionFactory factory = new RegressionFactory();
        MutableDataset<Regressor> data = new MutableDataset<>(new SimpleDataSourceProvenance("toy", factory), factory);
        String[] features = {"x0", "x1"};
        double[][] x = {{0.1, 1.2}, {0.5, 0.3}, {0.9, 2.0}, {0.7, 0.4}, {0.2, 0.8}};
        double[] y = {1.0, 2.1, 2.9, 40.0, 1.5};             // one gross error
        for (int i = 0; i < y.length; i++) {
            data.add(new ArrayExample<>(new Regressor("y", y[i]), features, x[i]));
        }

        LossesRegressionObjective huber = new LossesRegressionObjective("huber_loss", Map.of("delta", 1.5));
        LinearSGDTrainer linear = new LinearSGDTrainer(huber, new AdaGrad(0.1), 50, 1L);
        Model<Regressor> model = linear.train(data);
        Prediction<Regressor> p = model.predict(data.getExample(0));
        System.out.println(p.getOutput().getValues()[0]);
        System.out.println(model.getProvenance().getTrainerProvenance());   // records loss and parameters

        // the factorization machine takes the same objective
        FMRegressionTrainer fm = new FMRegressionTrainer(new LossesRegressionObjective("log_cosh"), new AdaGrad(0.1),
                50, 1L, 2, 0.1, true);
        System.out.println(fm.train(data).predict(data.getExample(0)).getOutput().getValues()[0]);
    }
}
