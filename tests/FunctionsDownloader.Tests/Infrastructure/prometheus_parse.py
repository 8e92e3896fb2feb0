"""Parses a Prometheus exposition read from stdin with the Prometheus project's own Python client
(Debian's python3-prometheus-client) and writes its metric families to stdout as JSON.

Usage: prometheus_parse.py text|openmetrics
  text         the text format 0.0.4 (prometheus_client.parser)
  openmetrics  OpenMetrics 1.0 (prometheus_client.openmetrics.parser, which also checks histograms,
               family grouping, duplicate samples and the closing # EOF)
A malformed exposition makes the parser raise: the traceback goes to stderr and the exit code is 1.
"""
import json
import math
import sys

from prometheus_client.openmetrics.parser import text_string_to_metric_families as parse_openmetrics
from prometheus_client.parser import text_string_to_metric_families as parse_text


def number(value):
    # JSON has no infinities or NaN: those travel as the exposition spells them.
    if math.isfinite(value):
        return value
    return "NaN" if math.isnan(value) else ("+Inf" if value > 0 else "-Inf")


parse = {"text": parse_text, "openmetrics": parse_openmetrics}[sys.argv[1]]
families = [
    {
        "name": family.name,
        "type": family.type,
        "samples": [
            {"name": sample.name, "labels": sample.labels, "value": number(sample.value)}
            for sample in family.samples
        ],
    }
    for family in parse(sys.stdin.read())
]
json.dump(families, sys.stdout)
