package dev.evalunit.http;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import okhttp3.Interceptor;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.Buffer;
import okio.Timeout;

/**
 * The innermost step of an attempt: the exchange with the server, whole body included, timed and
 * bounded. The client's read timeout (the first-byte timeout) cuts a server that stalls before its
 * reply; once the headers are in, the rest of the body must arrive within what is left of the
 * attempt's whole limit, a deadline on the body. Reading the body here means a connection dropped
 * mid-body fails the attempt (and is retried like any I/O failure), a concurrency permit is held until
 * the answer is in, and the latency excludes the time spent waiting for permits, rate caps and holds.
 * The response handed on is therefore buffered.
 */
final class AttemptTimer implements Interceptor {

    private final long attemptNanos;

    /** @param attempt the whole time one attempt may take */
    AttemptTimer(Duration attempt) {
        this.attemptNanos = attempt.toNanos();
    }

    @Override
    public Response intercept(Chain chain) throws IOException {
        AttemptRecord record = chain.request().tag(AttemptRecord.class);
        long start = System.nanoTime();
        boolean headers = false;
        try {
            Response response = chain.proceed(chain.request());
            headers = true;
            return buffered(response, start + attemptNanos);
        } catch (SocketTimeoutException e) {
            if (record != null) {
                record.timedOut(headers ? AttemptRecord.Timeout.ATTEMPT : connecting(e)
                        ? AttemptRecord.Timeout.CONNECT : AttemptRecord.Timeout.FIRST_BYTE);
            }
            throw e;
        } finally {
            if (record != null) {
                record.exchangeFinished(System.nanoTime() - start);
            }
        }
    }

    // OkHttp's and the JDK's wording of a connect timeout: "Connect timed out", "connect timed out".
    private static boolean connecting(SocketTimeoutException e) {
        return e.getMessage() != null && e.getMessage().regionMatches(true, 0, "connect", 0, "connect".length());
    }

    private static Response buffered(Response response, long deadlineNanoTime) throws IOException {
        try (ResponseBody body = response.body()) {
            // The codec clears the deadline when it detaches the body from the pooled connection.
            Timeout timeout = body.source().timeout();
            timeout.deadline(Math.max(1, deadlineNanoTime - System.nanoTime()), TimeUnit.NANOSECONDS);
            Buffer bytes = new Buffer();
            body.source().readAll(bytes);
            long declared = body.contentLength();
            if (declared != -1 && declared != bytes.size()) {
                // As ResponseBody.bytes() words it.
                throw new IOException("Content-Length (" + declared + ") and stream length (" + bytes.size() + ") disagree");
            }
            return response.newBuilder().body(new BufferedBody(bytes, response.header("Content-Type"))).build();
        }
    }
}
