package dev.evalunit.http;

import okhttp3.MediaType;
import okhttp3.ResponseBody;
import okio.Buffer;
import okio.BufferedSource;

/**
 * A reply's body read whole into memory ({@link AttemptTimer}), its {@code Content-Type} parsed only if
 * someone asks: evalunit reads every reply as UTF-8 JSON and never does, while OkHttp's own buffered bodies
 * parse the header (a regular expression) on every call.
 */
final class BufferedBody extends ResponseBody {

    private final Buffer bytes;
    private final long length;
    private final String contentType;

    /** @param contentType the header as sent, or {@code null} */
    BufferedBody(Buffer bytes, String contentType) {
        this.bytes = bytes;
        this.length = bytes.size();
        this.contentType = contentType;
    }

    @Override
    public MediaType contentType() {
        return contentType == null ? null : MediaType.parse(contentType);
    }

    @Override
    public long contentLength() {
        return length;
    }

    @Override
    public BufferedSource source() {
        return bytes;
    }
}
