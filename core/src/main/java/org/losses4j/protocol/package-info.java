/**
 * The JSON-lines loss protocol on plain Java objects: {@link org.losses4j.protocol.RequestEvaluator} turns a
 * parsed request into a response. The CLI ({@code losses4j eval --jsonl}) reads and writes the JSON text.
 */
package org.losses4j.protocol;
