package dev.evalunit.provider.openai;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.Set;

/** Reads the answer and the token usage out of an OpenAI chat-completions response body. */
final class ChatResponseParser {

    /**
     * What a successful response says; token counts are {@code null} when not reported.
     *
     * @param text the first choice's {@code message.content}; {@code null} only with a refusal or a
     *     finish reason of {@link #NOT_ANSWERS}
     * @param refusal the first choice's {@code message.refusal}, or {@code null}
     * @param finishReason the first choice's {@code finish_reason}, or {@code null}
     */
    record ChatCompletion(String text, String refusal, String finishReason, Integer promptTokens,
                          Integer completionTokens) {
    }

    /** The body is not a usable reply; the message says what is wrong, in a sentence fragment. */
    static final class MalformedReplyException extends Exception {
        private final boolean worthQuoting;

        MalformedReplyException(String message, boolean worthQuoting) {
            super(message);
            this.worthQuoting = worthQuoting;
        }

        /** Whether the body itself would help the reader: true when it is not JSON at all. */
        boolean worthQuoting() {
            return worthQuoting;
        }
    }

    private static final JsonFactory JSON = new JsonFactory();
    /** The finish reasons of a reply that may come without content: it is not an answer, and says why. */
    static final Set<String> NOT_ANSWERS = Set.of("length", "content_filter");

    private ChatResponseParser() {
    }

    /**
     * Streamed rather than read into a tree (one of the costs of every call), with a tree's outcome:
     * the whole body is parsed, so broken JSON anywhere in it is "not JSON"; a repeated field counts
     * once, the last one.
     */
    static ChatCompletion parse(String body) throws MalformedReplyException {
        Reading reading = new Reading();
        try (JsonParser parser = JSON.createParser(body)) {
            if (parser.nextToken() == JsonToken.START_OBJECT) {
                reading.root(parser);
            } else {
                parser.skipChildren();
            }
        } catch (IOException e) {
            throw new MalformedReplyException("not JSON", true);
        }
        if (reading.content == null && reading.refusal == null && !notAnAnswer(reading.finishReason)) {
            throw new MalformedReplyException("no choices[0].message.content", false);
        }
        return new ChatCompletion(reading.content, reading.refusal, reading.finishReason, reading.promptTokens,
                reading.completionTokens);
    }

    /** Whether {@code finishReason} is one of {@link #NOT_ANSWERS} ({@code null} is not). */
    static boolean notAnAnswer(String finishReason) {
        return finishReason != null && NOT_ANSWERS.contains(finishReason);
    }

    /** What a walk through the body found; each method starts on the value it reads and ends on its last token. */
    private static final class Reading {
        String content;
        String refusal;
        String finishReason;
        Integer promptTokens;
        Integer completionTokens;

        void root(JsonParser parser) throws IOException {
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                if ("choices".equals(name)) {
                    content = null;
                    refusal = null;
                    finishReason = null;
                    if (value == JsonToken.START_ARRAY) {
                        firstChoice(parser);
                    } else {
                        parser.skipChildren();
                    }
                } else if ("usage".equals(name)) {
                    promptTokens = null;
                    completionTokens = null;
                    if (value == JsonToken.START_OBJECT) {
                        usage(parser);
                    } else {
                        parser.skipChildren();
                    }
                } else {
                    parser.skipChildren();
                }
            }
        }

        private void firstChoice(JsonParser parser) throws IOException {
            JsonToken first = parser.nextToken();
            if (first == JsonToken.END_ARRAY) {
                return;
            }
            if (first == JsonToken.START_OBJECT) {
                choice(parser);
            } else {
                parser.skipChildren();
            }
            // The other choices, up to the array's end (a parser at the end of input throws, never returns null here).
            for (JsonToken next = parser.nextToken(); next != JsonToken.END_ARRAY && next != null; next = parser.nextToken()) {
                parser.skipChildren();
            }
        }

        private void choice(JsonParser parser) throws IOException {
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                if ("message".equals(name)) {
                    content = null;
                    refusal = null;
                    if (value == JsonToken.START_OBJECT) {
                        message(parser);
                    } else {
                        parser.skipChildren();
                    }
                } else if ("finish_reason".equals(name)) {
                    finishReason = text(parser);
                } else {
                    parser.skipChildren();
                }
            }
        }

        private void message(JsonParser parser) throws IOException {
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                parser.nextToken();
                if ("content".equals(name)) {
                    content = text(parser);
                } else if ("refusal".equals(name)) {
                    refusal = text(parser);
                } else {
                    parser.skipChildren();
                }
            }
        }

        private static String text(JsonParser parser) throws IOException {
            return parser.currentToken() == JsonToken.VALUE_STRING ? parser.getText() : skip(parser);
        }

        private void usage(JsonParser parser) throws IOException {
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                parser.nextToken();
                if ("prompt_tokens".equals(name)) {
                    promptTokens = count(parser);
                } else if ("completion_tokens".equals(name)) {
                    completionTokens = count(parser);
                } else {
                    parser.skipChildren();
                }
            }
        }

        /** A whole number that fits an int, else {@code null}. */
        private static Integer count(JsonParser parser) throws IOException {
            if (parser.currentToken() == JsonToken.VALUE_NUMBER_INT && parser.getNumberType() == JsonParser.NumberType.INT) {
                return parser.getIntValue();
            }
            parser.skipChildren();
            return null;
        }

        private static String skip(JsonParser parser) throws IOException {
            parser.skipChildren();
            return null;
        }
    }
}
