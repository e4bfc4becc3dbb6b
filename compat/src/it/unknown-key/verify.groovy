// Every build failed (invoker.properties); check that each failed with evalunit's message, found among
// the launcher's configuration parameters, on each JUnit version.
def expected = 'Configuration error: [evalunit.models.judge.temprature] is not a configuration key.' +
        ' Did you mean [evalunit.models.judge.temperature]?'
['5.10.5', '5.12.2', '5.14.4', '6.0.3', '6.1.3'].each { v ->
    def reports = new File(basedir, "target/$v/surefire-reports")
    assert reports.isDirectory() : "JUnit $v: no Surefire reports, the tests did not run"
    def text = reports.listFiles().findAll { it.name.endsWith('.txt') }.collect { it.text }.join('\n')
    assert text.contains(expected) : "JUnit $v: the reports do not show the unknown-key message; they say:\n$text"
}
true
