package dev.evalunit.http;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.time.Duration;
import org.apiguardian.api.API;

/**
 * One call's outcome, retries done: the last attempt's answer.
 *
 * @param code the HTTP status
 * @param body the whole body as UTF-8, byte order mark removed
 * @param attempts how many, as a failure message says it: {@code 3 attempts (retry time limit of 120 s reached)}
 * @param latency the last exchange with the server, waits for permits, rate caps and holds left out
 */
@API(status = INTERNAL, since = "0.1")
public record HttpExchange(int code, String body, String attempts, Duration latency) {

    /** A 2xx status. */
    public boolean successful() {
        return code >= 200 && code < 300;
    }
}
