package dev.evalunit.samples.support.docs;

import java.util.ArrayList;
import java.util.List;

/** Reads the fenced code blocks (```) of a Markdown page. */
public final class CodeBlocks {

    private static final String FENCE = "```";

    private CodeBlocks() {
    }

    /**
     * The page's fenced blocks in order. A fence opened and never closed is an error naming the
     * page and the line, so that a broken page is not checked as if it had fewer blocks.
     */
    public static List<CodeBlock> of(String page, String markdown) {
        List<CodeBlock> blocks = new ArrayList<>();
        String[] lines = markdown.split("\n", -1);
        int i = 0;
        while (i < lines.length) {
            String opening = lines[i].strip();
            if (!opening.startsWith(FENCE)) {
                i++;
                continue;
            }
            int start = i;
            List<String> body = new ArrayList<>();
            i++;
            while (i < lines.length && !lines[i].strip().equals(FENCE)) {
                body.add(lines[i]);
                i++;
            }
            if (i == lines.length) {
                throw new IllegalArgumentException(page + ":" + (start + 1) + ": code block is never closed");
            }
            blocks.add(new CodeBlock(page, start + 1, opening.substring(FENCE.length()).strip(), List.copyOf(body)));
            i++;
        }
        return blocks;
    }
}
