package medstream.ingest.sources;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.xml.XMLConstants;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import medstream.contracts.QaPair;
import medstream.ingest.Entry;
import medstream.ingest.Origin;
import medstream.ingest.SourceAdapter;
import medstream.ingest.io.DataFiles;
import medstream.ingest.io.Streams;
import medstream.ingest.io.TarReader;

/**
 * MedQuAD ({@code medquad}): the XML documents inside {@code MedQuAD-xml.tar.gz}, read straight from the
 * archive. Each answered {@code <QAPair>} becomes a QaPair (question type from {@code qtype}); pairs with
 * an empty {@code <Answer/>} (the MedlinePlus collections, removed for copyright) are counted as
 * {@value Entry#SKIPPED_UNANSWERED}. Answers are not also produced as raw documents: the QA pairs already
 * reach stage-1 text as question + answer, and a second copy would double their weight.
 *
 * <p>{@code qid} is not unique across (or even within) collections, so the native id is
 * {@code <collection>/<file stem>/<pid>}.
 */
public final class MedQuadAdapter implements SourceAdapter {
    /** Source name. */
    public static final String NAME = "medquad";
    static final String ARCHIVE = "MedQuAD-xml.tar.gz";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "MedQuAD XML (tar.gz) -> raw.qa-pairs (answered pairs; empty answers counted as skipped_unanswered)";
    }

    @Override
    public Stream<Entry> read(Path path) throws IOException {
        Path dir = DataFiles.directoryOf(path);
        Path archive = DataFiles.onlyFile(path, ARCHIVE, NAME);
        String archiveName = DataFiles.relativeName(dir, archive);
        XMLInputFactory xml = factory();
        TarReader tar = new TarReader(DataFiles.openBytes(archive));
        return Streams.of(tar, tar)
                .filter(m -> m.name().endsWith(".xml"))
                .flatMap(m -> parse(xml, archiveName + "!" + m.name(), m.name(), m.content()).stream());
    }

    /**
     * The entries of one MedQuAD XML document.
     *
     * @param originName the name for origins, e.g. {@code medquad/MedQuAD-xml.tar.gz!MedQuAD/1_CancerGov_QA/x.xml}
     * @param memberName the path inside the archive, {@code MedQuAD/<collection>/<file>.xml}
     */
    static List<Entry> parse(XMLInputFactory factory, String originName, String memberName, byte[] xml) {
        String[] parts = memberName.split("/");
        String collection = parts.length >= 2 ? parts[parts.length - 2] : "";
        String stem = parts[parts.length - 1].replaceFirst("\\.xml$", "");
        List<Entry> out = new ArrayList<>();
        XMLStreamReader r = null;
        try {
            r = factory.createXMLStreamReader(new ByteArrayInputStream(xml));
            String pid = null;
            String qtype = null;
            String question = null;
            String answer = null;
            long pairLine = 0;
            while (r.hasNext()) {
                int event = r.next();
                if (event != XMLStreamConstants.START_ELEMENT) {
                    if (event == XMLStreamConstants.END_ELEMENT && "QAPair".equals(r.getLocalName())) {
                        out.add(pair(new Origin(originName, pairLine), collection, stem, pid, qtype, question, answer,
                                xml));
                    }
                    continue;
                }
                switch (r.getLocalName()) {
                    case "QAPair" -> {
                        pid = r.getAttributeValue(null, "pid");
                        pairLine = r.getLocation().getLineNumber();
                        qtype = null;
                        question = null;
                        answer = null;
                    }
                    case "Question" -> {
                        qtype = r.getAttributeValue(null, "qtype");
                        question = r.getElementText();
                    }
                    case "Answer" -> answer = r.getElementText();
                    default -> { }
                }
            }
        } catch (XMLStreamException e) {
            long line = e.getLocation() == null ? -1 : e.getLocation().getLineNumber();
            out.add(new Entry.Failure(new Origin(originName, line), xml, "XMLStreamException",
                    "Cannot parse " + originName + " at line " + line + ": " + e.getMessage()
                            + "; the pairs before this point were read, the rest of this document was not", e));
        } finally {
            if (r != null) {
                try {
                    r.close();
                } catch (XMLStreamException ignored) {
                    // closing an in-memory reader releases nothing that matters
                }
            }
        }
        return out;
    }

    private static Entry pair(Origin origin, String collection, String stem, String pid, String qtype,
                              String question, String answer, byte[] xml) {
        if (pid == null || question == null || question.isBlank()) {
            return new Entry.Failure(origin, xml, "MalformedEntryException", "Cannot parse " + origin
                    + ": a <QAPair> needs a pid attribute and a non-empty <Question>", null);
        }
        if (answer == null || answer.isBlank()) {
            return new Entry.Skip(origin, Entry.SKIPPED_UNANSWERED);
        }
        String id = NAME + ":" + collection + "/" + stem + "/" + pid;
        QaPair qa = QaPair.newBuilder()
                .setId(id)
                .setSource(NAME)
                .setLanguage("en")
                .setQuestion(question.strip())
                .setAnswer(answer.strip())
                .setQuestionType(qtype)
                .build();
        return new Entry.Produce(origin, id, qa);
    }

    /** A StAX factory that resolves no DTDs or external entities (the XML comes from outside). */
    static XMLInputFactory factory() {
        XMLInputFactory f = XMLInputFactory.newFactory();
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        f.setProperty(XMLInputFactory.IS_COALESCING, true);
        f.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        return f;
    }
}
