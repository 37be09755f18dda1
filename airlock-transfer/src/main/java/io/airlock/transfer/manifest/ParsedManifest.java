package io.airlock.transfer.manifest;

/** The outcome of parsing a manifest file. */
public sealed interface ParsedManifest {

  /**
   * A well-formed manifest.
   *
   * @param signedContent the exact bytes the signature covers
   * @param signature the signature bytes, or null when the manifest is unsigned
   */
  record Parsed(Manifest manifest, byte[] signedContent, byte[] signature)
      implements ParsedManifest {}

  /**
   * A manifest that cannot be used.
   *
   * @param unsupportedVersion true when the file is well-formed but of another format version
   */
  record Malformed(boolean unsupportedVersion, String detail) implements ParsedManifest {}
}
