// Runs after the matrix's builds of this project (invoker.properties): each left its files under
// target/matrix/VERSION. The tests already asserted on results and files inside each build; this
// checks what only the build's outputs show.
def versions = ['5.12.2', '5.10.5', '5.14.4', '6.0.3', '6.1.3']
def withFilePublishing = ['5.12.2', '5.14.4', '6.0.3', '6.1.3']
for (v in versions) {
    def root = new File(basedir, "target/matrix/$v")
    def judgments = new File(root, 'evalunit/CandidateVsBaselineTest.candidateBeatsBaseline/judgments.jsonl')
    assert judgments.isFile() : "JUnit $v: no judgments file at $judgments"
    assert judgments.readLines().size() == 3 : "JUnit $v: expected 3 judgments in $judgments"
    ['sweep__0', 'sweep__1'].each { experiment ->
        def observations = new File(root, "evalunit/sweep/$experiment/observations.jsonl")
        assert observations.isFile() && observations.readLines().size() == 2 : "JUnit $v: expected 2 observations in $observations"
    }
    assert new File(root, 'evalunit/sweep/set-summary.json').isFile() : "JUnit $v: no set-summary.json"
    // JUnit 5.12 and later receive the files as attachments (ExtensionContext.publishFile).
    def attached = []
    def junitOut = new File(root, 'junit')
    if (junitOut.isDirectory()) {
        junitOut.eachFileRecurse { if (it.name == 'judgments.jsonl') attached << it }
    }
    // Each experiment's test attaches its observations; the set's summary goes to the test that ran the set.
    def observations = []
    def setSummaries = []
    if (junitOut.isDirectory()) {
        junitOut.eachFileRecurse {
            if (it.name == 'observations.jsonl') observations << it
            if (it.name == 'set-summary.json') setSummaries << it
        }
    }
    if (v in withFilePublishing) {
        assert attached.size() == 1 : "JUnit $v: expected judgments.jsonl attached under $junitOut, found $attached"
        assert observations.size() == 2 : "JUnit $v: expected each experiment's observations.jsonl attached, found $observations"
        assert setSummaries.size() == 1 : "JUnit $v: expected set-summary.json attached once, found $setSummaries"
    } else {
        assert (attached + observations + setSummaries).isEmpty() : "JUnit $v has no file publishing, yet found $attached $observations $setSummaries"
    }
}
// The last build's Surefire report: the 5 tests ran and passed (2 experiments, 1 set, 1 pairwise, 1 class path).
def reports = new File(basedir, 'target/surefire-reports').listFiles().findAll { it.name.endsWith('.xml') }
def tests = reports.sum { (it.text =~ /<testsuite [^>]*?tests="(\d+)"/)[0][1] as int }
assert tests == 5 : "expected 5 tests in the last build's Surefire reports, found $tests"
true
