/**
 * The coordinator's HTTP API answers as records: what the server writes and what {@code flotilla}
 * and other clients read, one definition for both. {@link ViewCodec} turns them into the API's JSON
 * and back; golden files pin that JSON, since it is a public contract: fields are only ever added.
 */
package dev.flotilla.contracts.view;
