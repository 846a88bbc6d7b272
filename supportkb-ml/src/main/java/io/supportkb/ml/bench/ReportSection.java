package io.supportkb.ml.bench;

import io.supportkb.ml.bench.BenchReport.Table;
import java.util.List;
import java.util.Map;

/** The part of a report one benchmark section contributes; sections are concatenated in order. */
record ReportSection(Map<String, Object> settings, List<Table> tables, List<String> notes, Map<String, Object> raw) {}
