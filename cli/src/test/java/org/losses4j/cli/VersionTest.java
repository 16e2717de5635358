package org.losses4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * {@code losses4j --version} prints the project version. (The packaged jar is checked too, in the verify phase:
 * cli/pom.xml runs {@code java -jar target/losses4j.jar --version}.)
 */
class VersionTest {
    @Test
    void versionIsTheProjectVersion() {
        String expected = System.getProperty("losses4j.expectedVersion");
        assertThat(expected).as("set by surefire from ${project.version}").isNotBlank().doesNotContain("${");
        CliRun r = CliRun.run("--version");
        assertThat(r.exitCode).isZero();
        assertThat(r.out).startsWith("losses4j " + expected + " (Java ");
    }
}
