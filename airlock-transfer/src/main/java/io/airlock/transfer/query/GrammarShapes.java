package io.airlock.transfer.query;

import static io.airlock.transfer.query.GrammarBuilder.object;

import java.util.List;
import java.util.Optional;

/** The shapes the grammar's tables share: values, field names, points, sorts and sources. */
final class GrammarShapes {

  static final Shape BOOST = new Shape.Decimal(0, 10_000);
  static final Shape NAME = new Shape.Text(128, TextRule.NAME);
  static final Shape VALUE = new Shape.Value(1024);
  static final Shape FIELD = new Shape.Field(FieldKind.FIELD);
  static final Shape FIELDS =
      new Shape.ListOf(new Shape.Field(FieldKind.BOOSTED_PATTERN), 1, 100, "");
  static final Shape PATTERNS = new Shape.ListOf(new Shape.Field(FieldKind.PATTERN), 0, 100, "");
  static final Shape FLAG = new Shape.Flag(Optional.empty());
  static final Shape QUERY = new Shape.Query();
  static final Shape CLAUSES = new Shape.OneOrList(QUERY, QueryGrammar.MAX_CLAUSES);
  static final Shape MINIMUM_SHOULD_MATCH =
      new Shape.Either(
          List.of(
              new Shape.Int(-10_000, 10_000), new Shape.Text(32, TextRule.MINIMUM_SHOULD_MATCH)));
  static final Shape FUZZINESS =
      new Shape.Either(List.of(new Shape.Int(0, 2), new Shape.Text(16, TextRule.FUZZINESS)));
  static final Shape OPERATOR = words("or", "and", "OR", "AND");
  static final Shape ANALYZER = new Shape.Text(128, TextRule.ANALYZER);
  static final Shape ZERO_TERMS = words("none", "all");
  static final Shape MAX_EXPANSIONS = new Shape.Int(1, 50);
  static final Shape PREFIX_LENGTH = new Shape.Int(0, 10);
  static final Shape SLOP = new Shape.Int(0, 100);
  static final Shape TIE_BREAKER = new Shape.Decimal(0, 1);
  static final Shape TIME_ZONE = new Shape.Text(64, TextRule.TIME_ZONE);
  static final Shape FORMAT = new Shape.Text(64, TextRule.ANY);
  static final Shape QUERY_TEXT = new Shape.Text(4096, TextRule.QUERY_TEXT);
  static final Shape ORDER = words("asc", "desc");
  static final Shape LATITUDE = new Shape.Decimal(-90, 90);
  static final Shape LONGITUDE = new Shape.Decimal(-180, 180);
  static final Shape POINT =
      new Shape.Either(
          List.of(
              object("point").required("lat", LATITUDE).required("lon", LONGITUDE).build(),
              new Shape.ListOf(new Shape.Decimal(-180, 180), 2, 2, "[lon, lat]"),
              new Shape.Text(64, TextRule.GEO_POINT)));
  static final Shape.Params NO_PARAMS = object("").build();

  static final Shape SORT = new Shape.OneOrList(sortElement(), 20);
  static final Shape SOURCE = sourceShape();

  private GrammarShapes() {}

  static Shape words(String... words) {
    return new Shape.Word(List.of(words));
  }

  private static Shape sortElement() {
    return new Shape.Either(
        List.of(
            new Shape.Field(FieldKind.SORT),
            new Shape.FieldKeyed(
                "sort",
                FieldKind.SORT,
                new Shape.Either(
                    List.of(
                        ORDER,
                        object("sort")
                            .optional("order", ORDER)
                            .optional("mode", words("min", "max", "sum", "avg", "median"))
                            .optional(
                                "missing",
                                new Shape.Either(
                                    List.of(
                                        words("_last", "_first"),
                                        new Shape.Decimal(-1e300, 1e300))))
                            .optional(
                                "unmapped_type",
                                words(
                                    "keyword", "text", "long", "integer", "short", "byte", "double",
                                    "float", "date", "boolean"))
                            .optional("numeric_type", words("double", "long", "date", "date_nanos"))
                            .optional("format", FORMAT)
                            .build())),
                NO_PARAMS)));
  }

  private static Shape sourceShape() {
    return new Shape.Either(
        List.of(
            FLAG,
            new Shape.Field(FieldKind.PATTERN),
            PATTERNS,
            object("_source")
                .optional("includes", PATTERNS)
                .optional("excludes", PATTERNS)
                .build()));
  }
}
