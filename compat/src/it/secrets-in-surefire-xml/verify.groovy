// The build failed (invoker.properties) on the judge whose key came with -D. Check that it failed with
// evalunit's message, before any call, and that the key is in no file the build left: not in
// Surefire's XML and text reports, evalunit's reports and cache, nor build.log; not as is, URL-encoded
// or JSON-escaped.
def key = 'sk-test-LEAK/c0ffee+do-not-report='
def encoded = URLEncoder.encode(key, 'UTF-8')
def forms = [key, encoded, encoded.replaceAll(/%[0-9A-F]{2}/) { it.toLowerCase() }, key.replace('/', '\\/'), 'LEAK']

def reports = new File(basedir, 'target/surefire-reports')
def xml = reports.listFiles().findAll { it.name.startsWith('TEST-') && it.name.endsWith('.xml') }
assert xml.size() == 2 : "expected the Surefire reports of both test classes, found $xml"
// Surefire copied the test JVM's system properties, the other -D included: the check below means something.
assert xml.every { it.text.contains('<property name="evalunit.version"') } : 'Surefire wrote no <properties>'
def failing = new File(reports, 'TEST-com.example.secrets.LiteralKeyJudgeTest.xml').text
assert failing.contains('Configuration error: [evalunit.models.judge.api-key] was passed as a system property holding a key') :
        "the failing test does not show evalunit's message:\n$failing"
def passing = new File(reports, 'TEST-com.example.secrets.PassingEvaluationTest.xml').text
assert passing =~ /<testsuite [^>]*tests="2"[^>]*failures="0"/ && !passing.contains('<error') : "the passing tests did not pass:\n$passing"
assert new File(basedir, 'target/evalunit/PassingEvaluationTest.candidateWins/judgments.jsonl').isFile()
def cache = new File(basedir, 'target/evalunit-cache')
assert cache.isDirectory() && cache.listFiles().length > 0 : 'the passing evaluation recorded no cache entries'

def files = []
new File(basedir, 'target').eachFileRecurse(groovy.io.FileType.FILES) { files << it }
files << new File(basedir, 'build.log')
files.each { file ->
    def text = file.getText('UTF-8')
    forms.each { form -> assert !text.contains(form) : "the key ($form) is in $file" }
}
true
