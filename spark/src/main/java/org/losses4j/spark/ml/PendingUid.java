package org.losses4j.spark.ml;

/**
 * Spark's base classes build their own params, which need the owner's uid, in their constructors: before a Java
 * subclass can assign its uid field. The subclass hands the uid over here before calling {@code super()}, answers
 * {@code uid()} from here while its field is null, and clears it once constructed.
 */
final class PendingUid {
    private static final ThreadLocal<String> PENDING = new ThreadLocal<>();

    private PendingUid() {
    }

    /** Holds {@code uid} for the superclass constructors about to run; true, for use as a constructor argument. */
    static boolean hold(String uid) {
        PENDING.set(uid);
        return true;
    }

    /** The uid held. */
    static String get() {
        return PENDING.get();
    }

    /** Forgets the uid held: the owner's field has it now. */
    static void clear() {
        PENDING.remove();
    }
}
