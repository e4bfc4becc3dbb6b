package dev.evalunit.batch.spi;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.evalunit.api.spi.ModelReply;
import org.apiguardian.api.API;

/**
 * The result of one request of a batch: a reply, or the reason there is none (an error line, an
 * expired or cancelled request, a reply that is not an answer).
 *
 * @param reply the reply, or {@code null} when the line failed
 * @param error why the line failed, or {@code null} when it has a reply
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record BatchLine(ModelReply reply, String error) {

    public static BatchLine succeeded(ModelReply reply) {
        return new BatchLine(reply, null);
    }

    public static BatchLine failed(String error) {
        return new BatchLine(null, error);
    }

    public boolean succeeded() {
        return reply != null;
    }
}
