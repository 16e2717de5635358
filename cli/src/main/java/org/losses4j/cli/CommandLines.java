package org.losses4j.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/** The command line of a run as the user typed it, for reports that say how to reproduce it. */
public final class CommandLines {
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_./=,:@%+-]+");

    private CommandLines() {
    }

    /**
     * {@code losses4j} and the arguments picocli parsed for {@code spec}'s run, each quoted for a POSIX shell where
     * it needs it, so the line can be pasted back: {@code losses4j train --data 'my data.csv' --target y}.
     *
     * @param spec the (sub)command that runs
     * @return the command line
     */
    public static String typed(CommandSpec spec) {
        CommandLine.ParseResult r = spec.root().commandLine().getParseResult();
        List<String> words = new ArrayList<>();
        words.add(spec.root().name());
        if (r != null) {
            for (String a : r.originalArgs()) {
                words.add(quote(a));
            }
        } else {
            words.add(spec.qualifiedName(" ").substring(spec.root().name().length()).strip());
        }
        return String.join(" ", words);
    }

    /**
     * A word as a POSIX shell reads it back: as it is when it holds only safe characters, else in single quotes.
     *
     * @param word one argument of a command line, any text
     * @return the word itself if it holds only safe characters (and is not empty), else the word in single quotes with
     *         each ' written as '"'"'
     */
    public static String quote(String word) {
        if (!word.isEmpty() && PLAIN.matcher(word).matches()) {
            return word;
        }
        return "'" + word.replace("'", "'\"'\"'") + "'";
    }
}
