package dev.flotilla.contracts.view;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * An RFC 9457 problem detail ({@code application/problem+json}), the body of every error answer:
 * 4xx for bad input, 404 for an unknown rollout or device, 5xx for the coordinator's own trouble.
 *
 * @param type always {@code about:blank}: the status says what kind of problem it is
 * @param instance the path that was asked
 * @param field for bad input, the dotted path of the offending field; left out otherwise
 */
public record ProblemDetail(
    String type,
    String title,
    int status,
    String detail,
    String instance,
    @JsonInclude(JsonInclude.Include.NON_NULL) String field)
    implements View {}
