package dev.evalunit.experiment;

/** Names safe as one path segment on every file system. */
final class FileNames {

    private FileNames() {
    }

    static String segment(String name) {
        String safe = name.replaceAll("[^A-Za-z0-9._-]+", "_");
        return safe.isEmpty() ? "unnamed" : safe;
    }
}
