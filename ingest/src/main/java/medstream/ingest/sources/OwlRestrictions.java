package medstream.ingest.sources;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import medstream.ingest.io.MalformedEntryException;

/**
 * Parses the OWL Manchester-syntax class expressions of {@code DO-subClassOf-anonymous.tsv}, e.g.
 * {@code 'has symptom' some fever}, {@code 'disease has location' some ('zone of skin' or lung)} or
 * {@code ('transmitted by' some Dermacentor) or ('transmitted by' some Ixodes)}, into (relation, filler)
 * facts. Existential restrictions ({@code some}, {@code min n}, {@code exactly n} with n >= 1) are facts;
 * each named class in a filler's and/or combination is one filler. Named classes outside a restriction
 * (an intersection's superclass) are is_a statements that HumanDO.tsv already has, and restrictions nested
 * inside a filler describe the filler, not the disease: both are passed over.
 */
final class OwlRestrictions {
    /** One fact: the normalised relation ({@code has_symptom}) and the filler's name as written. */
    record Fact(String relation, String filler) { }

    private final List<String> tokens;
    private int pos;

    private OwlRestrictions(List<String> tokens) {
        this.tokens = tokens;
    }

    /**
     * One quoted property, {@code some}, and an unquoted filler that is not valid Manchester syntax but is
     * how the DO report writes chemical names: {@code diphenylmethane-4,4'-diisocyanate}, {@code (-)-carvone}.
     */
    private static final Pattern SINGLE_BARE_FILLER = Pattern.compile("^\\s*'([^']+)'\\s+some\\s+(\\S+)\\s*$");

    /** The facts of one expression (one "|"-separated part of the TSV column). */
    static List<Fact> parse(String expression) throws MalformedEntryException {
        try {
            return parseManchester(expression);
        } catch (MalformedEntryException e) {
            Matcher m = SINGLE_BARE_FILLER.matcher(expression);
            if (m.matches()) {
                return List.of(new Fact(normalize(m.group(1)), m.group(2)));
            }
            throw e;
        }
    }

    private static List<Fact> parseManchester(String expression) throws MalformedEntryException {
        OwlRestrictions p = new OwlRestrictions(tokenize(expression));
        Node node = p.expr();
        if (p.pos != p.tokens.size()) {
            throw new MalformedEntryException("unexpected '" + p.tokens.get(p.pos) + "' in '" + expression + "'");
        }
        List<Fact> out = new ArrayList<>();
        collect(node, out);
        return out;
    }

    /** "has material basis in" -> "has_material_basis_in". */
    static String normalize(String relation) {
        return relation.strip().toLowerCase(Locale.ROOT).replaceAll("[\\s\\-]+", "_");
    }

    private sealed interface Node permits Name, Restriction, Bool { }

    private record Name(String name) implements Node { }

    private record Restriction(String property, String quantifier, int count, Node filler) implements Node { }

    private record Bool(List<Node> operands) implements Node { }

    private static void collect(Node node, List<Fact> out) throws MalformedEntryException {
        if (node instanceof Restriction r) {
            boolean existential = r.quantifier().equals("some")
                    || ((r.quantifier().equals("min") || r.quantifier().equals("exactly")) && r.count() >= 1);
            if (!existential) {
                throw new MalformedEntryException("'" + r.property() + " " + r.quantifier()
                        + "' is not an existential restriction; only some / min n / exactly n (n >= 1) are facts");
            }
            Set<String> fillers = new LinkedHashSet<>();
            names(r.filler(), fillers);
            for (String f : fillers) {
                out.add(new Fact(normalize(r.property()), f));
            }
        } else if (node instanceof Bool b) {
            for (Node n : b.operands()) {
                collect(n, out);
            }
        }
    }

    private static void names(Node node, Set<String> out) {
        if (node instanceof Name n) {
            out.add(n.name());
        } else if (node instanceof Bool b) {
            for (Node x : b.operands()) {
                names(x, out);
            }
        }
    }

    private Node expr() throws MalformedEntryException {
        List<Node> operands = new ArrayList<>();
        operands.add(term());
        while (pos < tokens.size() && (peek().equals("and") || peek().equals("or"))) {
            pos++;
            operands.add(term());
        }
        return operands.size() == 1 ? operands.get(0) : new Bool(operands);
    }

    private Node term() throws MalformedEntryException {
        String t = take();
        if (t.equals("(")) {
            Node inner = expr();
            expect(")");
            return inner;
        }
        if (t.equals(")") || t.equals("and") || t.equals("or")) {
            throw new MalformedEntryException("expected a class name or '(' but found '" + t + "'");
        }
        String name = unquote(t);
        if (pos < tokens.size()) {
            String q = peek();
            if (q.equals("some") || q.equals("only")) {
                pos++;
                return new Restriction(name, q, 1, term());
            }
            if (q.equals("min") || q.equals("max") || q.equals("exactly")) {
                pos++;
                String n = take();
                try {
                    return new Restriction(name, q, Integer.parseInt(n), term());
                } catch (NumberFormatException e) {
                    throw new MalformedEntryException("'" + q + "' must be followed by a number, found '" + n + "'");
                }
            }
        }
        return new Name(name);
    }

    private String peek() {
        return tokens.get(pos);
    }

    private String take() throws MalformedEntryException {
        if (pos >= tokens.size()) {
            throw new MalformedEntryException("the expression ends too early (unbalanced parentheses or a missing"
                    + " filler after some)");
        }
        return tokens.get(pos++);
    }

    private void expect(String token) throws MalformedEntryException {
        String t = take();
        if (!t.equals(token)) {
            throw new MalformedEntryException("expected '" + token + "' but found '" + t + "'");
        }
    }

    private static String unquote(String t) {
        return t.startsWith("'") ? t.substring(1, t.length() - 1) : t;
    }

    private static List<String> tokenize(String s) throws MalformedEntryException {
        List<String> out = new ArrayList<>();
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '(' || c == ')') {
                out.add(String.valueOf(c));
                i++;
            } else if (c == '\'') {
                int end = s.indexOf('\'', i + 1);
                if (end < 0) {
                    throw new MalformedEntryException("unterminated quote in '" + s + "'");
                }
                out.add(s.substring(i, end + 1));
                i = end + 1;
            } else {
                int start = i;
                while (i < s.length() && !Character.isWhitespace(s.charAt(i)) && "()'".indexOf(s.charAt(i)) < 0) {
                    i++;
                }
                out.add(s.substring(start, i));
            }
        }
        if (out.isEmpty()) {
            throw new MalformedEntryException("empty class expression");
        }
        return out;
    }
}
