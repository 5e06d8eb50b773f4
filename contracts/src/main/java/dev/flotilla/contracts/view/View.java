package dev.flotilla.contracts.view;

/**
 * A whole answer of the coordinator's HTTP API, the body of one response. The records it is built
 * of ({@link Outcomes}, {@link WaveProgress}, …) are parts of answers, not answers.
 */
public sealed interface View
    permits RolloutList,
        RolloutDetail,
        RolloutDevices,
        DeviceDetail,
        FleetInventory,
        AuditPage,
        Health,
        Accepted,
        ProblemDetail {}
