package org.losses4j.cli;

import picocli.CommandLine.IVersionProvider;

/** The version from the jar manifest (or "development" when run from classes). */
public final class Version implements IVersionProvider {
    @Override
    public String[] getVersion() {
        String v = Main.class.getPackage().getImplementationVersion();
        return new String[] {"losses4j " + (v == null ? "development" : v) + " (Java " + Runtime.version() + ")"};
    }
}
