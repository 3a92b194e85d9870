/** Loss curves as PNG and SVG. */
package medstream.lm.plot;
