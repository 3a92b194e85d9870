package medstream.labeler.lf;

import static medstream.labeler.lf.CueFunction.Field.CONCLUSION;
import static medstream.labeler.lf.CueFunction.Field.CONTEXT;
import static medstream.labeler.lf.CueFunction.Field.QUESTION;

import java.util.List;
import java.util.regex.Pattern;

/**
 * The labeling functions for PubMedQA yes/no/maybe questions answered by the abstract's conclusion. Written by
 * reading the 450 training items of PQA-L fold 0 (never its 50 held-out items, never the unlabeled test half); see
 * labeler/README.md "Weak supervision" for how that makes fold 0 the clean figure and the other folds optimistic.
 *
 * <p>Most cues read the conclusion, where authors state the verdict; a few read the contexts' results. Accuracy per
 * rule varies from ~0.3 to ~0.8: the label model, not this list, decides how much each is worth.
 */
public final class PubMedQaLfs {
    /**
     * Negation words. "not only", "no longer", "whether or not" and "not withstanding" deny nothing, and "without"
     * mostly reads "without complications" in conclusions that answer yes.
     */
    static final String NEG = "\\b(\\w+n't|(?<!or )not(?! only| withstanding)|no(?! longer)|nor|neither|none|never|cannot|can't|fail(ed|s)? to|unable to|lack(ed|s)? of|absence of)\\b";
    private static final String CONTRAST = "\\b(however|but|although|though|whereas|while|yet|nevertheless|despite)\\b";
    private static final String EFFECT = "(differ\\w*|association|associated|correlat\\w*|relationship|relation|effect|impact|influence|benefit\\w*|advantage|improv\\w*|increas\\w*|reduc\\w*|decreas\\w*|predict\\w*|change\\w*|role|evidence)";

    private PubMedQaLfs() {}

    /** The default set. */
    public static LabelingFunctions defaults() {
        return new LabelingFunctions(List.of(
                // no: the conclusion denies the finding
                CueFunction.of("no_difference", CONCLUSION, "no", "\\b(no|not|nor)\\b[^.;]{0,40}?\\b(significant(ly)? |statistical(ly)? |clear |major |important |relevant |additional )?" + EFFECT),
                CueFunction.of("not_significant", CONCLUSION, "no", "\\b(not|no|non|in)[- ]?(statistically )?significant"),
                CueFunction.of("negated_verb", CONCLUSION, "no", "\\b(did|does|do|was|were|is|are|could|can|has|have|may|might|will|would|should)( not|n't)\\b(?! only)"),
                CueFunction.of("no_evidence", CONCLUSION, "no", "\\b(no evidence|none of|lack of|absence of|fail(ed|s)? to|unable to|cannot|could not be)\\b"),
                CueFunction.of("negative_adjective", CONCLUSION, "no", "\\b(unnecessary|unlikely|inadequate|ineffective|inaccurate|unreliable|poor(ly)?|insufficient(ly)?|little|disappointing|weak|trivial|doubt\\w*|low yield|(of )?minor (clinical )?(importance|relevance|value)|regardless of|deficit|erroneous|unaware|undisturbed|limited (effect|value|role|benefit)|revisit\\w*|questionable|only (a )?(small|minor|partly|partial)\\w*|not (safe|effective|useful|reliable|accurate|justified|recommended|necessary|indicated|superior|better|associated|related|predictive))\\b"),
                CueFunction.of("first_sentence_negated", CONCLUSION, "no", "^[^.;]{0,300}?" + NEG),
                new TopicNegationFunction("topic_negated", Pattern.compile(NEG), 2),
                CueFunction.of("two_negations", CONCLUSION, "no", NEG + "[^.;]{0,200}?" + NEG),
                new QuestionAnswerCue("same_asked_differs", "no", "\\b(same|similar|equivalent|equal|coincide|identical|comparable)\\b",
                        "\\b(differ\\w*|more|less|higher|lower|longer|shorter|larger|smaller|heavier|significantly|distinct)\\b"),
                new QuestionAnswerCue("asked_adequate_answered_lacking", "no",
                        "\\b(adequate\\w*|sufficient\\w*|enough|correct\\w*|ideal|optimal|know|aware|meet|protected|appropriate\\w*)\\b",
                        "\\b(in(adequate|sufficient|correct|appropriate)\\w*|deficit|lack\\w*|poor\\w*|little|weak|low|error\\w*|unaware|suboptimal|discomfort|fail\\w*)\\b"),
                CueFunction.of("results_no_difference", CONTEXT, "no", "\\b(no|not)\\b (statistically )?significant(ly)? (difference|differ|association|correlation|change|effect)"),
                // maybe: the conclusion hedges or splits
                CueFunction.of("mixed_findings", CONCLUSION, "maybe", CONTRAST, NEG, "\\b(significant(ly)?|improv\\w*|better|higher|lower|increas\\w*|reduc\\w*|associated|effective)\\b"),
                CueFunction.of("uncertain", CONCLUSION, "maybe", "\\b(unclear|uncertain|inconclusive|controversial|conflicting|debatable|remains? (to be|unknown|unclear)|not (yet )?(clear|known|established|conclusive|possible to)|limited evidence|mixed|partially|partly|in some)\\b"),
                CueFunction.of("further_studies", CONCLUSION, "maybe", "\\b(further|more|larger|additional|future|prospective|randomi[sz]ed)\\b[^.;]{0,40}\\b(stud(y|ies)|research|trials?|investigation|evaluation|data)\\b[^.;]{0,30}\\b(need\\w*|required|necessary|warrant\\w*|should|must)"),
                CueFunction.of("contrast", CONCLUSION, "maybe", "\\b(however|although|though|whereas|only|except|but not|partial\\w*)\\b"),
                CueFunction.of("hedged_verdict", CONCLUSION, "maybe", "^[^.;]{0,200}?\\b(may|might|could|possibly|potentially|perhaps)\\b").unless(NEG),
                // yes: the conclusion affirms
                CueFunction.of("significant_effect", CONCLUSION, "yes", "\\b(significant(ly)?|strongly|markedly|substantially|independent(ly)?)\\b[^.;]{0,30}\\b(higher|lower|increas\\w*|decreas\\w*|reduc\\w*|improv\\w*|associated|better|more|less|predict\\w*|correlat\\w*|risk|factor)").unless("\\b(not|no|non)[- ]?(statistically )?significant"),
                CueFunction.of("positive_predicate", CONCLUSION, "yes", "\\b(is|are|was|were|be|seems?|appears?|proved|remains?) (to be )?(an? |the )?(highly |very |more |most |equally |also |clinically )?(effective|safe|feasible|useful|beneficial|accurate|reliable|valid|superior|important|predictive|associated|related|sensitive|valuable|helpful|possible|common|prevalent)\\b"),
                CueFunction.of("improves", CONCLUSION, "yes", "\\b(improve[sd]?|reduce[sd]?|increase[sd]?|decrease[sd]?|associated with|predicts?|enhance[sd]?|benefits?|lowers?|prevents?|correlates?)\\b").unless(NEG),
                CueFunction.of("recommends", CONCLUSION, "yes", "\\b(should be (considered|used|offered|performed|included)|recommend(ed)?|is indicated|we advocate|support(s|ed)? the (use|hypothesis|notion|concept|role))\\b").unless(NEG),
                CueFunction.of("no_negation", CONCLUSION, "yes", "\\w").unless(NEG),
                // the question doubts its own premise ("Is X really needed?", "Is X always ...?")
                CueFunction.of("sceptical_question", QUESTION, "no", "\\b(really|always|necessar\\w*|needed|need|myth|truly)\\b"),
                CueFunction.of("results_significant", CONTEXT, "yes", "\\b(significantly|significant (difference|association|correlation|increase|decrease|reduction|improvement))\\b").unless("\\b(no|not)\\b (statistically )?significant")));
    }
}
