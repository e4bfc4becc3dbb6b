/**
 * The response cache: every model and judge call goes through a content-addressed store on disk, so
 * that a rerun of an unchanged evaluation calls nothing, a killed run resumes where it stopped, and a
 * committed cache lets CI replay an evaluation offline.
 *
 * <p>An entry is addressed by the SHA-256 of the canonical JSON of the request's content: the endpoint
 * (the base URL's identity: scheme, host, port, path; any loopback host and port as one, so that a
 * stand-in on a random port still finds its entries), the declared model name, provider (and the
 * provider's own parameters, when it has some set), model id, system prompt, sampling and extra
 * parameters, messages, response schema and its name, and the sample index (autorater sample or
 * experiment repeat), so that samples and repeats stay independent calls. The API key is never part
 * of it. A miss that the cache holds for another endpoint is named, never served. Identical requests
 * share one entry, also within a run (two rows with the same prompt, or a judge shown the same answer
 * twice). Each evaluation counts its replies from the cache and its calls in {@link
 * dev.evalunit.cache.CacheCounts}.
 *
 * <p>Plain Java, no JUnit: the JUnit layer creates one {@link dev.evalunit.cache.ModelCache} per run
 * from the configuration and hands it to {@link dev.evalunit.model.ModelClients}.
 */
package dev.evalunit.cache;
