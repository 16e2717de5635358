package org.losses4j.testing;

import java.util.List;

/** The samples of one loss family; see {@link LossSample}. */
public interface SampleProvider {
    /** Samples covering every loss of the family, each reduction, and its parameters. */
    List<LossSample> samples();
}
