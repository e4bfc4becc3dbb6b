package dev.evalunit.model;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.evalunit.api.spi.ModelClient;
import org.apiguardian.api.API;

/**
 * Wraps every client {@link ModelClients} creates, e.g. in a cache. Kept as a seam here so that the
 * model package does not know what wraps its clients.
 */
@FunctionalInterface
@API(status = INTERNAL, since = "0.1")
public interface ClientDecorator {

    /** Leaves clients as they are. */
    ClientDecorator NONE = (client, settings) -> client;

    /** @param settings the model the client calls (never printed: it may hold a literal key) */
    ModelClient decorate(ModelClient client, ModelSettings settings);

    /**
     * Whether the clients it wraps may call their models. False when every reply comes from elsewhere (a
     * cache in {@code replay}): {@link ModelClients} then resolves no API key, so none needs to be set.
     */
    default boolean callsModels() {
        return true;
    }

    /** Releases what the decorator holds (files, for a cache); {@link ModelClients#close()} calls it. */
    default void close() {
    }
}
