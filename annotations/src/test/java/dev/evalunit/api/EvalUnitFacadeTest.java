package dev.evalunit.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.evalunit.api.pairwise.PairwiseResult;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

// This module's tests run without evalunit-extension on the class path, as a user's build would
// if they added only the annotations.
@DisplayName("EvalUnitFacade without the engine on the class path")
class EvalUnitFacadeTest {

    @Test
    @DisplayName("fails the annotated test with a message that says which dependency to add")
    void missingEngine() {
        EngineExecutionResults results = EngineTestKit.engine("junit-jupiter")
                .selectors(selectClass(AnnotatedTestCase.class)).execute();

        Throwable failure = results.containerEvents().failed().stream()
                .map(e -> e.getRequiredPayload(TestExecutionResult.class).getThrowable().orElseThrow())
                .findFirst().orElseThrow();
        assertThat(failure).hasMessage("Configuration error: evalunit-extension is not on the test class path."
                + " Add the test-scoped dependency dev.evalunit:evalunit-extension.");
    }

    static class AnnotatedTestCase {
        @PairwiseEval(dataset = "any.jsonl", task = Task.SUMMARIZATION,
                autorater = @Autorater(model = "judge", instruction = @Prompt(column = "text")),
                modelA = @Candidate(responseColumn = "a"), modelB = @Candidate(responseColumn = "b"))
        void evaluation(PairwiseResult result) {
        }
    }
}
