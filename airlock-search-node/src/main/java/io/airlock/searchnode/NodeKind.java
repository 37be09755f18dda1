package io.airlock.searchnode;

/**
 * A search engine that runs in a child JVM: where its code is, how it starts and how it says it is
 * ready. Only names, never the engine's classes, so that describing it loads nothing of it.
 *
 * @param name the module's name, used for temporary folders and thread names
 * @param anchor a class of the module's own jar (not the engine's), to find that jar
 * @param classpathResource the dependency list the module's build wrote (maven-dependency-plugin
 *     build-classpath): absolute paths into the local repository
 * @param mainClass the node's main class, run in the child JVM
 * @param readyMarker the line prefix the node prints, with its URL, once it is ready
 * @param logFile the node's log file, in its data folder
 */
public record NodeKind(
    String name,
    Class<?> anchor,
    String classpathResource,
    String mainClass,
    String readyMarker,
    String logFile) {}
