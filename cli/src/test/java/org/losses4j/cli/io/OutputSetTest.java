package org.losses4j.cli.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.losses4j.cli.Errors.CliException;

/** The files of a run are written together or not at all; output paths are checked before the work. */
class OutputSetTest {
    @TempDir
    Path tmp;

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static void assertOnly(Path dir, String... names) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            assertThat(s.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder(names);
        }
    }

    @Test
    void commitWritesEveryFileAndLeavesNoTemporaryFile() throws IOException {
        Path dir = tmp.resolve("a/b");
        Files.createDirectories(tmp.resolve("a"));
        Files.writeString(tmp.resolve("a/old.txt"), "old");
        new OutputSet().add(dir.resolve("x.txt"), b("x")).add(tmp.resolve("a/old.txt"), b("new")).commit();
        assertThat(Files.readString(dir.resolve("x.txt"))).isEqualTo("x");
        assertThat(Files.readString(tmp.resolve("a/old.txt"))).isEqualTo("new");
        assertOnly(tmp.resolve("a"), "b", "old.txt");
        assertOnly(dir, "x.txt");
    }

    @Test
    void aFailedCommitPutsBackWhatItReplacedAndRemovesWhatItCreated() throws IOException {
        Path dir = tmp.resolve("out");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("one.txt"), "earlier one");
        OutputSet set = new OutputSet().add(dir.resolve("one.txt"), b("new one"))
                .add(dir.resolve("two.txt"), b("new two"))
                .add(tmp.resolve("fresh/sub/three.txt"), b("three"))
                .add(dir.resolve("four.txt"), b("four"));
        // after the checks, four.txt turns into a folder: nothing may be written
        Files.createDirectories(dir.resolve("four.txt/inside"));
        assertThatThrownBy(set::commit).isInstanceOf(CliException.class).hasMessageContaining("four.txt")
                .hasMessageNotContaining("Exception");
        assertThat(Files.readString(dir.resolve("one.txt"))).isEqualTo("earlier one");
        assertOnly(dir, "one.txt", "four.txt");
        assertThat(tmp.resolve("fresh")).doesNotExist();
    }

    @Test
    void aFailureWhileMovingRestoresTheFilesAlreadyMoved() throws IOException {
        Path dir = tmp.resolve("out");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("a.txt"), "earlier a");
        Files.writeString(dir.resolve("c.txt"), "earlier c");
        int[] moves = {0};
        OutputSet set = new OutputSet((from, to) -> {
            if (++moves[0] == 3) {
                throw new java.nio.file.FileSystemException(to.toString(), null, "Input/output error");
            }
            Files.move(from, to, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }).add(dir.resolve("a.txt"), b("new a")).add(dir.resolve("b.txt"), b("new b"))
                .add(dir.resolve("c.txt"), b("new c"));
        assertThatThrownBy(set::commit).isInstanceOf(CliException.class)
                .hasMessage("cannot write " + dir.resolve("c.txt") + ": input/output error");
        assertThat(Files.readString(dir.resolve("a.txt"))).isEqualTo("earlier a");
        assertThat(Files.readString(dir.resolve("c.txt"))).isEqualTo("earlier c");
        assertOnly(dir, "a.txt", "c.txt");
    }

    @Test
    void theSameFileTwiceIsRefused() {
        OutputSet set = new OutputSet().add(tmp.resolve("x"), b("1"));
        assertThatThrownBy(() -> set.add(tmp.resolve("./x"), b("2"))).hasMessageContaining("twice");
    }

    @Test
    void outputFoldersAreCheckedUpFront() throws IOException {
        Path file = tmp.resolve("afile");
        Files.writeString(file, "x");
        assertThatThrownBy(() -> OutputSet.checkFolder("--out", file)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--out " + file + ": is a file, not a folder");
        assertThatThrownBy(() -> OutputSet.checkFolder("--out", file.resolve("sub/dir")))
                .hasMessage("--out " + file.resolve("sub/dir") + ": " + file + " is a file, not a folder");
        assertThatThrownBy(() -> OutputSet.checkFolder("--out", Path.of("")))
                .hasMessage("--out needs a folder name ('.' for the current folder), got ''");
        OutputSet.checkFolder("--out", tmp.resolve("new/folder"));
        assertThat(tmp.resolve("new")).as("a check creates nothing").doesNotExist();
        OutputSet.checkFolder("--out", tmp);
        assertOnly(tmp, "afile");
        Files.createDirectories(tmp.resolve("d/summary.json"));
        assertThatThrownBy(() -> OutputSet.checkNotFolders("--out", tmp.resolve("d"), java.util.List.of("a.png",
                "summary.json"))).hasMessageContaining("summary.json is a folder");
    }

    @Test
    void aFolderThatCannotHoldFilesIsRefusedUpFront() {
        assumeTrue(Files.isDirectory(Path.of("/proc/self")), "Linux /proc");
        assertThatThrownBy(() -> OutputSet.checkFolder("--out", Path.of("/proc/nope")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("--out /proc/nope: cannot create files in /proc (")
                .hasMessageNotContaining("Exception");
    }

    @Test
    void outputFilesAreCheckedUpFront() throws IOException {
        assertThatThrownBy(() -> OutputSet.checkFile("--csv", tmp)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--csv " + tmp + ": is a folder, not a file");
        assertThatThrownBy(() -> OutputSet.checkFile("--csv", Path.of("")))
                .hasMessage("--csv needs a file name, got ''");
        Path file = tmp.resolve("afile");
        Files.writeString(file, "x");
        assertThatThrownBy(() -> OutputSet.checkFile("--plot", file.resolve("x.png")))
                .hasMessage("--plot " + file.resolve("x.png") + ": " + file + " is a file, not a folder");
        OutputSet.checkFile("--plot", tmp.resolve("new/x.png"));
        OutputSet.checkFile("--plot", file);
        assertOnly(tmp, "afile");
    }
}
