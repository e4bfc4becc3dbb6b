package dev.evalunit.api.pairwise;

import static org.apiguardian.api.API.Status.STABLE;

import org.apiguardian.api.API;

/** The order in which a sample showed the answers: {@code AB} as given, {@code BA} swapped. */
@API(status = STABLE, since = "0.1")
public enum Position {
    AB, BA
}
