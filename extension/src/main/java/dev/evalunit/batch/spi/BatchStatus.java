package dev.evalunit.batch.spi;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.Map;
import org.apiguardian.api.API;

/**
 * What a poll of a batch says.
 *
 * @param batchId the provider's id of the batch
 * @param state the provider's word for it, e.g. {@code in_progress}, {@code completed}, {@code expired}, {@code ended}
 * @param ended whether the batch will change no more: its results can be read
 * @param detail why a batch failed as a whole (e.g. OpenAI's {@code errors.data[].message}), or {@code null}
 * @param locations where the results are, by the provider's field names (e.g. {@code output_file_id},
 *     {@code error_file_id}, {@code results_url}); only those present
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record BatchStatus(String batchId, String state, boolean ended, String detail, Map<String, String> locations) {

    public BatchStatus {
        locations = Map.copyOf(locations);
    }
}
