#!/usr/bin/env bash
# The JDK's classes a project's test JVM loads, in a class data sharing archive that its next test runs
# start from (docs/performance.md). Run it in the folder of a project whose pom.xml has the two profiles
# of cds-profiles.xml (beside this file). The archive holds the JDK's classes only: Surefire runs tests
# from target/classes and target/test-classes, folders, and the JVM archives classes from jar files only
# (a test JVM asked to archive them with -XX:ArchiveClassesAtExit fails at exit: "non-empty directory").
set -euo pipefail
# 1. The classes the test JVM loads, listed while the tests run.
mvn test -Pevalunit-class-list
# 2. Those of the JDK, archived (the JVM has no class path here, so it skips the others, silently).
java -Xshare:dump -Xlog:cds=off -XX:SharedClassListFile=target/evalunit-classes.lst -XX:SharedArchiveFile=target/evalunit-jdk.jsa
# 3. From now on, until the JDK changes or target/ is cleaned: the test JVM starts from the archive.
mvn test -Pevalunit-cds
