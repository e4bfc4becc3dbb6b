package dev.evalunit.http;

import java.io.IOException;
import okhttp3.Interceptor;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * The innermost step of an attempt: the exchange with the server, whole body included, timed. Reading
 * the body here means a connection dropped mid-body fails the attempt (and is retried like any I/O
 * failure), a concurrency permit is held until the answer is in, and the latency excludes the time
 * spent waiting for permits, rate caps and holds. The response handed on is therefore buffered.
 */
final class AttemptTimer implements Interceptor {

    @Override
    public Response intercept(Chain chain) throws IOException {
        AttemptRecord record = chain.request().tag(AttemptRecord.class);
        long start = System.nanoTime();
        try {
            return buffered(chain.proceed(chain.request()));
        } finally {
            if (record != null) {
                record.exchangeFinished(System.nanoTime() - start);
            }
        }
    }

    private static Response buffered(Response response) throws IOException {
        try (ResponseBody body = response.body()) {
            byte[] bytes = body.bytes();
            return response.newBuilder().body(ResponseBody.create(bytes, body.contentType())).build();
        }
    }
}
