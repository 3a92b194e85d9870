/** Atomic, hash-verified checkpoint directories that resume training exactly. */
package medstream.lm.checkpoint;
