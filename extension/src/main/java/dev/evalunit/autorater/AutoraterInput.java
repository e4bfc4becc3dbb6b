package dev.evalunit.autorater;

import static org.apiguardian.api.API.Status.INTERNAL;

import org.apiguardian.api.API;

/**
 * What the autorater is shown for one example, in the original order (A is model A's answer).
 *
 * @param instruction the instruction both answers respond to, as rendered ({@code inference_instruction})
 * @param context the material the answers must be grounded in, as rendered ({@code inference_context}); may be empty
 * @param responseA model A's answer
 * @param responseB model B's answer
 */
@API(status = INTERNAL, since = "0.1")
public record AutoraterInput(String instruction, String context, String responseA, String responseB) {
}
