package org.losses4j.cli.io;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * A UTF-8 reader that stops at the first byte sequence that is not UTF-8 with a {@link NotUtf8Exception} naming the
 * line (counted from 1) and the byte offset, instead of the JDK's bare "Input length = 1".
 */
final class Utf8Reader extends Reader {
    /** The input is not UTF-8 text. */
    static final class NotUtf8Exception extends CharacterCodingException {
        private static final long serialVersionUID = 1L;
        final long line;
        final long offset;
        final int firstByte;

        NotUtf8Exception(long line, long offset, int firstByte) {
            this.line = line;
            this.offset = offset;
            this.firstByte = firstByte;
        }

        @Override
        public String getMessage() {
            return String.format("not UTF-8 text (line %d: byte 0x%02x at offset %d); save the file as UTF-8", line,
                    firstByte, offset);
        }
    }

    private final InputStream in;
    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
    private final ByteBuffer bytes = ByteBuffer.allocate(1 << 16).flip();
    private long consumedBefore; // bytes dropped from the buffer by compact()
    private long line = 1;
    private boolean eof;
    private boolean flushed;

    Utf8Reader(InputStream in) {
        this.in = in;
    }

    @Override
    public int read(char[] cbuf, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        CharBuffer out = CharBuffer.wrap(cbuf, off, len);
        while (true) {
            CoderResult r = decoder.decode(bytes, out, eof);
            if (r.isError()) {
                count(cbuf, off, out.position() - off);
                throw new NotUtf8Exception(line, consumedBefore + bytes.position(),
                        bytes.get(bytes.position()) & 0xff);
            }
            if (eof && !flushed && r.isUnderflow()) {
                decoder.flush(out);
                flushed = true;
            }
            int n = out.position() - off;
            if (n > 0) {
                count(cbuf, off, n);
                return n;
            }
            if (eof) {
                return -1;
            }
            if (r.isUnderflow()) {
                fill();
            }
        }
    }

    private void fill() throws IOException {
        consumedBefore += bytes.position();
        bytes.compact();
        int k = in.read(bytes.array(), bytes.position(), bytes.remaining());
        if (k < 0) {
            eof = true;
        } else {
            bytes.position(bytes.position() + k);
        }
        bytes.flip();
    }

    private void count(char[] c, int off, int n) {
        for (int i = off; i < off + n; i++) {
            if (c[i] == '\n') {
                line++;
            }
        }
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
