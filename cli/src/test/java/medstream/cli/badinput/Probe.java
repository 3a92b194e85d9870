package medstream.cli.badinput;

/**
 * One bad input of the campaign and where its trace must turn up.
 *
 * @param kind      the kind of bad input (the report counts by it)
 * @param input     a short name of the input for messages (file:line, topic-partition@offset)
 * @param where     for a file: the end of its {@code file:} dead-letter topic (unique per campaign file); for a raw
 *                  record: the topic it was written to
 * @param partition the partition (-1 for a file)
 * @param offset    the line (for a file; -1: any line of it) or the offset
 * @param recordId  the record id a reject would name when the input parses (null when it cannot)
 */
record Probe(String kind, String input, String where, int partition, long offset, String recordId) {
    /** A line of a campaign file. */
    static Probe line(String kind, String file, long line, String recordId) {
        return new Probe(kind, file + ":" + line, file, -1, line, recordId);
    }

    /** A whole campaign file (or archive member), wherever in it the reader stops. */
    static Probe file(String kind, String file) {
        return new Probe(kind, file, file, -1, -1, null);
    }

    /** A record written straight onto a raw topic. */
    static Probe record(String kind, String topic, int partition, long offset) {
        return new Probe(kind, topic + "-" + partition + "@" + offset, topic, partition, offset, null);
    }

    boolean isFile() {
        return partition < 0;
    }
}
