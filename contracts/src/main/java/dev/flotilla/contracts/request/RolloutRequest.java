package dev.flotilla.contracts.request;

import dev.flotilla.contracts.RolloutMessage;

/**
 * What starts a rollout, published on {@code flotilla.update-requests} keyed by its rollout id: a
 * migration of devices to a version ({@link UpdateRequest}), or an operator's restore of one device
 * from a backup ({@link RestoreRequest}). The rollout id is the idempotency key of both.
 */
public sealed interface RolloutRequest extends RolloutMessage
    permits UpdateRequest, RestoreRequest {}
