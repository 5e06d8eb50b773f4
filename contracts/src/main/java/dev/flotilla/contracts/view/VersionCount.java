package dev.flotilla.contracts.view;

import dev.flotilla.contracts.catalogue.VersionId;

/**
 * How many devices stand at one version.
 *
 * @param version null for the devices whose version no worker has found yet
 */
public record VersionCount(VersionId version, int devices) {}
