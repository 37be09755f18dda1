package io.airlock.platform.testing;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.dependencies.SlicesRuleDefinition;

/**
 * The package rules every module keeps: its feature packages (the packages right below its base
 * package) depend on each other without cycles, so each can be read, changed and tested from the
 * ones it uses.
 */
public final class FeatureRules {

  private FeatureRules() {}

  /** The module's production classes under {@code basePackage}. */
  public static JavaClasses mainClassesOf(String basePackage) {
    return new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages(basePackage);
  }

  /** No cycle between the feature packages right below {@code basePackage}. */
  public static ArchRule featuresFreeOfCycles(String basePackage) {
    return SlicesRuleDefinition.slices()
        .matching(basePackage + ".(*)..")
        .namingSlices("feature $1")
        .should()
        .beFreeOfCycles()
        .because("a feature uses the ones below it, never one that uses it back");
  }
}
