package org.losses4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code ./losses4j} launcher starts the JVM with the Vector API module when the JDK has it. Run on a copy of the
 * launcher, with a stand-in JDK whose {@code java} prints its arguments and whose {@code release} file lists (or
 * not) the module, and a jar that is up to date, so nothing is built.
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
}
