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
 * The {@code ./losses4j} launcher: it starts the JVM with the Vector API module when the JDK has it, and its first
 * build in a fresh tree runs once when two start at once. Run on a copy of the launcher, with a stand-in JDK whose
 * {@code java} prints its arguments (and whose {@code release} file lists, or not, the module) and a stand-in
 * {@code mvnw} or a jar that is up to date.
 */
class LauncherTest {
    @TempDir
    Path tmp;

    private String launch(String modules) throws Exception {
        Path root = DocShell.root();
        Path dir = Files.createDirectories(tmp.resolve(modules.isEmpty() ? "plain" : "vector"));
        Files.copy(root.resolve("losses4j"), dir.resolve("losses4j"));
        Files.createDirectories(dir.resolve("cli/target"));
        Files.writeString(dir.resolve("cli/target/losses4j.jar"), "");
        Path jdk = Files.createDirectories(dir.resolve("jdk/bin"));
        Files.writeString(jdk.resolve("java"), "#!/bin/sh\necho \"$@\"\n");
        Files.setPosixFilePermissions(jdk.resolve("java"), PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.writeString(dir.resolve("jdk/release"), "JAVA_VERSION=\"17\"\nMODULES=\"java.base java.logging"
                + modules + "\"\n");
        ProcessBuilder pb = new ProcessBuilder("bash", dir.resolve("losses4j").toString(), "list");
        pb.environment().put("JAVA_HOME", dir.resolve("jdk").toString());
        pb.environment().remove("LOSSES4J_JAVA_OPTS");
        pb.redirectErrorStream(true);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(out).isZero();
        return out.strip();
    }

    @Test
    void addsTheVectorModuleWhenTheJdkHasIt() throws Exception {
        assertThat(launch(" jdk.incubator.vector jdk.jfr")).matches("--add-modules jdk.incubator.vector -jar "
                + ".*/cli/target/losses4j.jar list");
        assertThat(launch("")).matches("-jar .*/cli/target/losses4j.jar list");
    }

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
