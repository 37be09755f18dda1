package io.airlock.transfer.batch;

import io.airlock.transfer.manifest.Manifest;

/** A batch as bytes, ready to be written: the payload and the (signed) manifest file. */
public record EncodedBatch(Manifest manifest, byte[] payload, byte[] manifestFile) {

  public String payloadFileName() {
    return manifest.payloadFile();
  }

  public String manifestFileName() {
    return manifest.name().manifestFileName();
  }
}
