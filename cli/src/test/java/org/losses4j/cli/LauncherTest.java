package org.losses4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code losses4j} launcher's first build: two starts at once build once. The launcher is run as it is, in a
 * copy of the tree where {@code mvnw} is a stand-in (one second of "build", then the jar) and {@code java} one that
 * prints its arguments.
 */
class LauncherTest {
    @TempDir
    Path tmp;

    private static void script(Path p, String text) throws Exception {
        Files.writeString(p, text, StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    @Test
    void twoStartsInAFreshTreeBuildOnceAndTheSecondWaits() throws Exception {
        Assumptions.assumeTrue(new ProcessBuilder("sh", "-c", "command -v flock").start().waitFor() == 0,
                "flock (util-linux) is not installed");
        Path repo = tmp.resolve("repo");
        Files.createDirectories(repo.resolve("cli/src/main"));
        Files.writeString(repo.resolve("pom.xml"), "<project/>");
        Files.copy(Path.of("..", "losses4j"), repo.resolve("losses4j"));
        script(repo.resolve("mvnw"), "#!/usr/bin/env bash\n"
                + "echo build >> mvnw.count\n"
                + "sleep 1\n"
                + "mkdir -p cli/target\n"
                + "echo jar > cli/target/losses4j.jar.part && mv cli/target/losses4j.jar.part cli/target/losses4j.jar\n");
        Path javaHome = tmp.resolve("jdk");
        Files.createDirectories(javaHome.resolve("bin"));
        script(javaHome.resolve("bin/java"), "#!/bin/sh\necho \"java $*\"\n");
        ProcessBuilder pb = new ProcessBuilder("bash", repo.resolve("losses4j").toString(), "--version");
        pb.environment().put("JAVA_HOME", javaHome.toString());
        pb.environment().remove("LOSSES4J_JAVA_OPTS");
        Path out1 = tmp.resolve("out1");
        Path out2 = tmp.resolve("out2");
        Process first = pb.redirectOutput(out1.toFile()).redirectErrorStream(true).start();
        for (int i = 0; i < 200 && !Files.exists(repo.resolve("mvnw.count")); i++) {
            Thread.sleep(25); // the first is building
        }
        Process second = pb.redirectOutput(out2.toFile()).redirectErrorStream(true).start();
        assertThat(first.waitFor()).isZero();
        assertThat(second.waitFor()).isZero();
        String o1 = Files.readString(out1);
        String o2 = Files.readString(out2);
        assertThat(Files.readAllLines(repo.resolve("mvnw.count"))).as(o1 + o2).hasSize(1);
        assertThat(o2).contains("losses4j: waiting for another build");
        for (String o : List.of(o1, o2)) {
            assertThat(o).contains("java -jar " + repo.resolve("cli/target/losses4j.jar") + " --version");
        }
    }
}
