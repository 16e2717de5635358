package org.losses4j.cli.train;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

import org.losses4j.cli.OutputOptions;
import org.losses4j.nn.data.BostonHousing;
import org.losses4j.nn.data.Dataset;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code losses4j boston}: the Huber loss tutorial on Keras's Boston housing split. */
@Command(name = "boston", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Train the tutorial's MLP (13-16-8-1, ReLU, he_uniform) on Boston housing with Huber loss "
                + "(delta 1.5), Adam, 250 epochs, batch size 1, validation split 0.2, MAE metric; evaluate on "
                + "Keras's test split and write loss/MAE curves, target box plots, summary.json and report.html.",
            "Ethics note: column B encodes the proportion of Black residents by town; the data set is kept to "
                + "reproduce the tutorial and to illustrate that issue."})
public final class BostonCommand implements Callable<Integer> {
    @Mixin
    TrainingOptions training;

    @Mixin
    OutputOptions output;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (training.out == null) {
            training.out = Path.of("out", "boston");
        }
        TrainingJob job = new TrainingJob(spec, training, output);
        job.validate();
        Dataset all = BostonHousing.all();
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("name", "Boston housing (bundled; keras.datasets.boston_housing)");
        data.put("samples", all.size());
        data.put("features", all.featureNames());
        data.put("target", all.targetNames().get(0));
        return job.run(all, BostonHousing.medv(), data, DataFile.bundled(BostonHousing.FILE_NAME,
                BostonHousing.csvBytes()), BostonHousing.provenance());
    }
}
