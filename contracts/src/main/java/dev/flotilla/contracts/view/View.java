package dev.flotilla.contracts.view;

/**
 * A whole answer of the coordinator's HTTP API (and of every service's health probes), the body of
 * one response. The records it is built of ({@link Outcomes}, {@link WaveProgress}, …) are parts of
 * answers, not answers.
 */
public sealed interface View
    permits RolloutList,
        RolloutDetail,
        RolloutDevices,
        DeviceDetail,
        FleetInventory,
        AuditPage,
        Health,
        Probes,
        Accepted,
        IssuedToken,
        ProblemDetail {}
