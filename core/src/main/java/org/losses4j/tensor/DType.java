package org.losses4j.tensor;

/** Element type of a {@link Tensor}: float32 values, or int64 class indices (PyTorch's {@code torch.long}). */
public enum DType {
    /** 32-bit IEEE floating point, PyTorch's {@code torch.float32}. */
    FLOAT32("float32"),
    /** 64-bit integers, PyTorch's {@code torch.int64}; used for class-index targets. */
    INT64("int64");

    private final String label;

    DType(String label) {
        this.label = label;
    }

    @Override
    public String toString() {
        return label;
    }
}
