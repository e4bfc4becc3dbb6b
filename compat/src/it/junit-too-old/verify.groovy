// The build failed (invoker.properties); check that it failed the way a user should see it.
def reports = new File(basedir, 'target/surefire-reports')
assert reports.isDirectory() : "no Surefire reports: the tests did not run"
def text = reports.listFiles().findAll { it.name.endsWith('.txt') || it.name.endsWith('.xml') }.collect { it.text }.join('\n')
def expected = 'Configuration error: evalunit needs JUnit Jupiter 5.10 or later (supported: 5.10 to 6.x),' +
        ' but this test runs on junit-jupiter-api 5.9.3.'
assert text.contains(expected) : "the reports do not show evalunit's message; they say:\n$text"
assert !text.contains('NoSuchMethodError') && !text.contains('NoClassDefFoundError') : "a linkage error:\n$text"
true
