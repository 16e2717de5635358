package org.losses4j.nn.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.losses4j.nn.Fixture;
import org.losses4j.nn.random.NumpyRandomState;

import com.fasterxml.jackson.databind.JsonNode;

/** keras.datasets.boston_housing.load_data, reproduced (keras_split.json: the indices Keras gives). */
class BostonHousingTest {
    @Test
    void seed113GivesKerasSplit() {
        JsonNode split = Fixture.read("/fixtures/keras_split.json");
        TrainTestSplit s = BostonHousing.load();
        Dataset all = BostonHousing.all();
        assertThat(all.shape()).containsExactly(506, 13);
        assertThat(s.train().size()).isEqualTo(404);
        assertThat(s.test().size()).isEqualTo(102);
        assertThat(s.permutation()).containsExactly(Fixture.ints(split.get("permutation")));
        int[] train = Fixture.ints(split.get("train_indices"));
        int[] test = Fixture.ints(split.get("test_indices"));
        for (int k = 0; k < train.length; k++) {
            assertThat(s.train().row(k)).as("train %d", k).containsExactly(all.row(train[k]));
            assertThat(s.train().y()[k]).isEqualTo(all.y()[train[k]]);
        }
        for (int k = 0; k < test.length; k++) {
            assertThat(s.test().row(k)).as("test %d", k).containsExactly(all.row(test[k]));
            assertThat(s.test().y()[k]).isEqualTo(all.y()[test[k]]);
        }
        // x_train[0] of Keras's split is row 22 of the StatLib file
        assertThat(s.train().row(0)[0]).isEqualTo(1.23247f);
    }

    @Test
    void exactValuesAreTheFilesAndRoundToTheDataset() {
        double[][] f = BostonHousing.featureValues();
        double[] medv = BostonHousing.medv();
        Dataset all = BostonHousing.all();
        assertThat(f).hasNumberOfRows(506);
        for (int i = 0; i < 506; i++) {
            assertThat(f[i]).hasSize(13);
            for (int j = 0; j < 13; j++) {
                assertThat((float) f[i][j]).isEqualTo(all.row(i)[j]);
            }
            assertThat((float) medv[i]).isEqualTo(all.y()[i]);
        }
        // first line of boston.csv: 0.00632,18,2.31,0,0.538,...,4.98,24; the copies are the caller's
        assertThat(f[0][0]).isEqualTo(0.00632);
        assertThat(f[0][4]).isEqualTo(0.538);
        f[0][0] = -1;
        assertThat(BostonHousing.featureValues()[0][0]).isEqualTo(0.00632);
    }

    @Test
    void anySeedUsesNumpysLegacyShuffleAndIntSplit() {
        TrainTestSplit s = BostonHousing.load(0.3, 7);
        assertThat(s.permutation()).containsExactly(new NumpyRandomState(7).permutation(506));
        assertThat(s.train().size()).isEqualTo((int) (506 * (1 - 0.3)));
        assertThat(s.test().size()).isEqualTo(506 - (int) (506 * (1 - 0.3)));
        assertThatThrownBy(() -> BostonHousing.load(1.0, 1)).hasMessageContaining("test split");
        assertThatThrownBy(() -> BostonHousing.load(0.2, -1)).hasMessageContaining("seed");
    }

    @Test
    void provenanceAndEthicsNoteShipInTheJar() {
        String md = BostonHousing.provenance();
        assertThat(md).contains("StatLib").contains("Ethics note").contains("proportion of Black residents");
    }

    /**
     * The note says what the data is, where it comes from, how it was checked and its ethics note, in the
     * project's words: nothing about the machine or the tools the check ran on, no path outside the repository.
     */
    @Test
    void provenanceSaysWhatWhereHowAndEthicsAndNothingAboutTheMachine() throws Exception {
        String md = BostonHousing.provenance();
        assertThat(md).contains("## What it is").contains("## Where it comes from").contains("## How it was checked")
                .contains("## Ethics note").contains("mlbench").contains("MASS");
        String sha = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                .digest(BostonHousing.csvBytes()));
        assertThat(md).as("the checksum of the bundled file").contains(sha);
        for (String word : List.of("apt-get", "Debian", "this machine", "internet", "installed", "code-search",
                "shared/", "we could not")) {
            assertThat(md.toLowerCase(java.util.Locale.ROOT)).as(word)
                    .doesNotContain(word.toLowerCase(java.util.Locale.ROOT));
        }
        assertThat(BostonHousing.csvBytes()).hasSize(34695);
    }

    @Test
    void standardizerFitsOnTrainingPartOnly() {
        TrainTestSplit s = BostonHousing.load();
        Standardizer st = Standardizer.fit(s.train());
        Dataset t = st.transform(s.train());
        for (int j = 0; j < t.features(); j++) {
            double mean = 0;
            for (int i = 0; i < t.size(); i++) {
                mean += t.x()[i * t.features() + j];
            }
            assertThat(Math.abs(mean / t.size())).as("feature %d", j).isLessThan(1e-5);
        }
        Dataset test = st.transform(s.test());
        assertThat(test.y()).containsExactly(s.test().y());
        assertThat(st.mean()[0]).isNotEqualTo(Standardizer.fit(s.test()).mean()[0]);
    }
}
