// Runs after the starter was generated and its mvn test ran (invoker.properties).
def project = new File(basedir, 'target/generated/my-evals')
['pom.xml', 'src/test/resources/evals/qa.autosxs.json', 'src/test/java/com/example/evals/QuestionAnsweringEvalTest.java',
 'src/test/java/com/example/evals/StandIn.java', 'src/test/resources/junit-platform.properties'].each {
    assert new File(project, it).isFile() : "the starter has no $it"
}
def pom = new File(project, 'pom.xml').text
assert pom.contains('<groupId>com.example</groupId>') && pom.contains('<artifactId>my-evals</artifactId>')
assert pom =~ /<evalunit.version>\d[^<$]*<\/evalunit.version>/ : "the starter's pom names no evalunit version"

// Both the annotated test and the AutoSxS JSON ran and passed.
def reports = new File(project, 'target/surefire-reports')
def suites = reports.listFiles().findAll { it.name.startsWith('TEST-') && it.name.endsWith('.xml') }*.text
def java = suites.find { it.contains('name="com.example.evals.QuestionAnsweringEvalTest"') }
def json = suites.find { it.contains('name="evals.qa.autosxs.json"') }
assert java != null && java =~ /tests="1"/ && java =~ /failures="0"/ && java =~ /errors="0"/ : 'QuestionAnsweringEvalTest did not pass'
assert json != null && json =~ /tests="1"/ && json =~ /failures="0"/ && json =~ /errors="0"/ : 'evals/qa.autosxs.json did not pass'
assert new File(project, 'target/evalunit/qa-candidate-vs-baseline/judgments.jsonl').readLines().size() == 3
assert new File(project, 'target/evalunit/QuestionAnsweringEvalTest.candidateBeatsBaseline/metrics.json').text
        .contains('"autosxs_model_a_win_rate": 1.0')

// Replayed: the cache holds only the committed segment (a call would have added one of its own).
def segments = new File(project, '.evalunit/cache').listFiles().findAll { it.name.endsWith('.jsonl') }
assert segments.size() == 1 : "the run recorded calls: ${segments*.name}"
return true
