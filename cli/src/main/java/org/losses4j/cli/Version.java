package org.losses4j.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

import picocli.CommandLine.IVersionProvider;

/**
 * The project version, from {@code version.properties} (filled in by Maven's resource filtering, so it is there both
 * in the jar and when run from classes), else the jar manifest's {@code Implementation-Version}, else "development".
 */
public final class Version implements IVersionProvider {
    @Override
    public String[] getVersion() {
        return new String[] {"losses4j " + version() + " (Java " + Runtime.version() + ")"};
    }

    /**
     * The project version, e.g. {@code 0.1.0-SNAPSHOT}.
     *
     * @return the project version, such as {@code 0.1.0}
     */
    public static String version() {
        try (InputStream in = Version.class.getResourceAsStream("version.properties")) {
            if (in != null) {
                Properties p = new Properties();
                p.load(in);
                String v = p.getProperty("version", "").strip();
                if (!v.isEmpty() && !v.contains("${")) {
                    return v;
                }
            }
        } catch (IOException e) {
            // fall back to the manifest
        }
        String v = Main.class.getPackage().getImplementationVersion();
        return v == null ? "development" : v;
    }
}
