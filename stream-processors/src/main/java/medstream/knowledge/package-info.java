/**
 * Knowledge rewriting, after AntGLM-Med's three stages: structured and semi-structured medical data
 * becomes stage-1 text (knowledge injection), stage-2 instructions and stage-3 multiple-choice tasks,
 * while evaluation data is kept apart.
 *
 * <ul>
 *   <li>{@link medstream.knowledge.kg}: KG triplets to text at three scales (fact, 1-hop star, 2-hop path)
 *       with one relation template table per vocabulary and language (Hetionet, Disease Ontology, K-BERT
 *       类别 and cMeKG relations).</li>
 *   <li>{@link medstream.knowledge.exam}: exam questions to knowledge points, instructions and tasks; the
 *       {@link medstream.knowledge.exam.SplitPolicy} sends held-out splits only to evaluation items.</li>
 *   <li>{@link medstream.knowledge.qa}: QA pairs to stage-1 text and instructions.</li>
 *   <li>{@link medstream.knowledge.corpus}: clean documents to stage-1 chunks of a token budget.</li>
 *   <li>{@link medstream.knowledge.pubmedqa}: PubMedQA routing (GOLD / dev evaluation / label requests /
 *       ARTIFICIAL) and the PSEUDO join with accepted labels.</li>
 *   <li>{@link medstream.knowledge.streams}: the Kafka Streams apps that wire these pure functions
 *       between the catalog's topics.</li>
 * </ul>
 * Every output record has an id derived from its origin ids ({@link medstream.knowledge.Ids}), and is
 * keyed by it, so re-ingesting the same data overwrites rather than duplicates.
 */
package medstream.knowledge;
