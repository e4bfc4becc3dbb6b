package dev.evalunit.samples.support.docs;

import java.util.List;

/**
 * One fenced code block of a Markdown page: its language (the word after the opening fence, empty
 * when there is none), the line number of the opening fence (1-based) and its lines.
 */
public record CodeBlock(String page, int line, String language, List<String> lines) {

    /** Where the block is, as a failure message names it: {@code docs/pairwise.md:42}. */
    public String location() {
        return page + ":" + line;
    }
}
