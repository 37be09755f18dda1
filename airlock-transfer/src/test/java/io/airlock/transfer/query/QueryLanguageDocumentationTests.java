package io.airlock.transfer.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Keeps the tables of {@code docs/query-language.md} equal to the grammar: the tables are rendered
 * from {@link QueryGrammar} here, and the test fails when the document holds anything else. On a
 * failure the rendered tables are in {@code target/query-language-tables.md}, ready to paste.
 */
class QueryLanguageDocumentationTests {

  private static final Path DOCUMENT = Path.of("..", "docs", "query-language.md");
  private static final String BEGIN =
      "<!-- tables: rendered from QueryGrammar by QueryLanguageDocumentationTests -->";
  private static final String END = "<!-- end of tables -->";

  // Objects already spelled out in the current row, named rather than repeated.
  private static final Set<Shape.Params> SEEN = Collections.newSetFromMap(new IdentityHashMap<>());

  @Test
  void documentsEveryClauseAndAggregationOfTheGrammarAsItIs() throws IOException {
    String rendered = tables();
    Files.createDirectories(Path.of("target"));
    Files.writeString(Path.of("target", "query-language-tables.md"), rendered);

    String document = Files.readString(DOCUMENT);
    assertThat(document).contains(BEGIN, END);
    String documented =
        document.substring(document.indexOf(BEGIN) + BEGIN.length(), document.indexOf(END));

    assertThat(documented.strip())
        .as("docs/query-language.md's tables; the grammar's are in target/query-language-tables.md")
        .isEqualTo(rendered.strip());
    assertThat(document).contains("Version " + QueryGrammar.VERSION + ".");
  }

  static String tables() {
    StringBuilder out = new StringBuilder();
    for (Shape.Params request : new Shape.Params[] {QueryGrammar.search(), QueryGrammar.count()}) {
      out.append("### The params of ")
          .append(request.context())
          .append("\n\n| member | takes |\n|---|---|\n");
      for (Map.Entry<String, Shape> member : request.members().entrySet()) {
        SEEN.clear();
        out.append("| `")
            .append(member.getKey())
            .append("` | ")
            .append(inner(member.getValue()))
            .append(" |\n");
      }
      out.append("\n");
    }
    out.append("### Query clauses\n\n| clause | takes | example |\n|---|---|---|\n");
    for (QueryGrammar.Clause clause : QueryGrammar.clauseTable().values()) {
      out.append("| `")
          .append(clause.name())
          .append("` | ")
          .append(takes(clause.body()))
          .append(" | `")
          .append(clause.example())
          .append("` |\n");
    }
    out.append(
        "\n### Aggregations\n\n| aggregation | kind | buckets counted | takes | example |\n|---|---|---|---|---|\n");
    for (QueryGrammar.Aggregation aggregation : QueryGrammar.aggregationTable().values()) {
      out.append("| `")
          .append(aggregation.name())
          .append("` | ")
          .append(aggregation.bucket() ? "bucket" : "metric")
          .append(" | ")
          .append(cell(aggregation.bounds()))
          .append(" | ")
          .append(takes(aggregation.body()))
          .append(" | `")
          .append(aggregation.example())
          .append("` |\n");
    }
    return out.toString();
  }

  private static String takes(Shape body) {
    if (body instanceof Shape.FieldKeyed keyed) {
      String field = "one field (" + cell(keyed.key().describe()) + ") → " + inner(keyed.value());
      return keyed.params().members().isEmpty()
          ? field
          : field + "; beside it " + members(keyed.params());
    }
    if (body instanceof Shape.Params params) {
      return params.members().isEmpty() ? "nothing" : members(params);
    }
    return inner(body);
  }

  private static String members(Shape.Params params) {
    return params.members().entrySet().stream()
        .map(member -> describeMember(params, member))
        .collect(Collectors.joining("; "));
  }

  private static String describeMember(Shape.Params params, Map.Entry<String, Shape> member) {
    String name = "`" + member.getKey() + "`";
    if (params.required().contains(member.getKey())) {
      name += " (required)";
    }
    if (params.defaults().containsKey(member.getKey())) {
      name += " (written as " + params.defaults().get(member.getKey()) + " when left out)";
    }
    return name + ": " + inner(member.getValue());
  }

  private static String inner(Shape shape) {
    if (shape instanceof Shape.Params params) {
      return SEEN.add(params)
          ? "{" + members(params) + "}"
          : "{the " + params.context() + " members above}";
    }
    if (shape instanceof Shape.Either either) {
      return either.alternatives().stream()
          .map(QueryLanguageDocumentationTests::inner)
          .collect(Collectors.joining(", or "));
    }
    if (shape instanceof Shape.FieldKeyed keyed) {
      return "{" + takes(keyed) + "}";
    }
    if (shape instanceof Shape.Named named) {
      return "an object of up to "
          + named.max()
          + " × "
          + inner(named.key())
          + " → "
          + inner(named.value());
    }
    if (shape instanceof Shape.ListOf list) {
      return "a list of "
          + (list.min() > 0 ? list.min() + " to " : "up to ")
          + list.max()
          + " × "
          + inner(list.element());
    }
    if (shape instanceof Shape.OneOrList oneOrList) {
      return inner(oneOrList.element()) + ", or a list of up to " + oneOrList.max();
    }
    return cell(shape.describe());
  }

  private static String cell(String text) {
    return text.replace("|", "\\|");
  }
}
