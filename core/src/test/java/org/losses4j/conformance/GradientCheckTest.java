package org.losses4j.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.losses4j.loss.LossInfo;
import org.losses4j.loss.LossRegistry;
import org.losses4j.testing.GradientCheck;
import org.losses4j.testing.LossSample;
import org.losses4j.testing.SampleProvider;
import org.losses4j.testing.VectorApiRun;

/** Finite-difference gradient check of every loss, over the samples of every family. */
@Tag(VectorApiRun.TAG)
class GradientCheckTest {
    /**
     * Every {@link SampleProvider} of the test tree (a class named {@code *Samples} below {@code org.losses4j.loss}),
     * found on the class path rather than listed, so that a new family's samples cannot be left out.
     */
    static final List<SampleProvider> PROVIDERS = providers();

    private static List<SampleProvider> providers() {
        try {
            Path root = Path.of(GradientCheckTest.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            List<SampleProvider> found = new ArrayList<>();
            try (Stream<Path> files = Files.walk(root.resolve("org/losses4j/loss"))) {
                for (Path f : files.filter(f -> f.getFileName().toString().endsWith("Samples.class")).sorted()
                        .collect(Collectors.toList())) {
                    String name = root.relativize(f).toString().replace(f.getFileSystem().getSeparator(), ".");
                    Class<?> c = Class.forName(name.substring(0, name.length() - ".class".length()));
                    if (SampleProvider.class.isAssignableFrom(c)) {
                        found.add((SampleProvider) c.getDeclaredConstructor().newInstance());
                    }
                }
            }
            return found;
        } catch (IOException | URISyntaxException | ReflectiveOperationException e) {
            throw new IllegalStateException("cannot list the sample providers", e);
        }
    }

    @Test
    void theProvidersOfEveryFamilyAreFound() {
        assertThat(PROVIDERS.stream().map(p -> p.getClass().getSimpleName()).collect(Collectors.toSet()))
                .contains("RegressionSamples", "DeltaSamples", "ClassificationSamples", "ClassificationExtraSamples",
                        "RankingSamples", "ReinforcementSamples");
    }

    static List<LossSample> allSamples() {
        return PROVIDERS.stream().flatMap(p -> p.samples().stream()).collect(Collectors.toList());
    }

    @TestFactory
    Stream<DynamicTest> analyticGradientsMatchFiniteDifferences() {
        return allSamples().stream().map(s -> DynamicTest.dynamicTest(s.label(), () -> {
            assertThat(s.wrt()).as("a sample must differentiate something").isNotEmpty();
            assertThat(GradientCheck.mismatches(s.loss(), s.inputs(), s.wrt())).as(s.label()).isEmpty();
        }));
    }

    @Test
    void everyRegisteredLossHasAGradientSample() {
        Set<String> sampled = allSamples().stream().map(s -> s.loss().name()).collect(Collectors.toSet());
        Set<String> registered = LossRegistry.standard().list().stream().map(LossInfo::name)
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(sampled).containsAll(registered);
    }
}
