using Prometheus;

namespace FunctionsDownloader.Monitoring;

/// <summary>
/// Writes <see cref="ServiceTotals"/> in the Prometheus text format, or in OpenMetrics for scrapers that
/// ask for it, with prometheus-net. Every scrape fills a fresh registry from the stored totals, so
/// nothing this process counted by itself shows.
/// </summary>
public static class PrometheusExposition
{
    /// <summary>The content type of the Prometheus text format 0.0.4.</summary>
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    /// <summary>The content type of OpenMetrics 1.0.0.</summary>
    public const string OpenMetricsContentType = "application/openmetrics-text; version=1.0.0; charset=utf-8";

    private const string OpenMetricsMediaType = "application/openmetrics-text";

    /// <summary>
    /// Whether a request's <c>Accept</c> header asks for OpenMetrics (Prometheus itself sends it first,
    /// with the text format as the fallback).
    /// </summary>
    public static bool PrefersOpenMetrics(IEnumerable<string?> accept) =>
        accept.SelectMany(a => (a ?? "").Split(','))
            .Any(a => a.Trim().StartsWith(OpenMetricsMediaType, StringComparison.OrdinalIgnoreCase));

    /// <summary>The exposition of <paramref name="totals"/>; OpenMetrics when <paramref name="openMetrics"/>.</summary>
    public static async Task<byte[]> RenderAsync(
        ServiceTotals totals,
        bool openMetrics,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(totals);
        CollectorRegistry registry = Prometheus.Metrics.NewCustomRegistry();
        MetricFactory metrics = Prometheus.Metrics.WithCustomRegistry(registry);

        Gauge jobs = metrics.CreateGauge("downloader_jobs", "Jobs by status, counted in storage.", ["status"]);
        foreach ((string status, long count) in totals.JobsByStatus)
        {
            jobs.WithLabels(status).Set(count);
        }

        metrics.CreateCounter("downloader_jobs_created_total", "Jobs created.").IncTo(totals.JobsCreated);
        metrics.CreateGauge("downloader_active_downloads", "Jobs running now.")
            .Set(totals.JobsByStatus.GetValueOrDefault(Jobs.JobStatus.Running));
        metrics.CreateGauge("downloader_stored_files", "Result files stored now (completed jobs, not yet expired).")
            .Set(totals.JobsByStatus.GetValueOrDefault(Jobs.JobStatus.Completed));
        metrics.CreateGauge("downloader_stored_bytes", "Bytes of the result files stored now.").Set(totals.StoredBytes);
        metrics.CreateCounter("downloader_downloaded_bytes_total", "Bytes of the files completed jobs produced.")
            .IncTo(totals.DownloadedBytes);

        Counter rejected = metrics.CreateCounter(
            "downloader_rate_limit_rejections_total",
            "Requests refused with 429, by rate-limit category.",
            ["category"]);
        foreach ((string category, long count) in totals.RateLimitRejections)
        {
            rejected.WithLabels(category).IncTo(count);
        }

        Gauge batches = metrics.CreateGauge(
            "downloader_batches", "Batches (lists of URLs, playlists, channels) by status.", ["status"]);
        foreach ((string status, long count) in totals.BatchesByStatus)
        {
            batches.WithLabels(status).Set(count);
        }

        Counter batchesCreated = metrics.CreateCounter(
            "downloader_batches_created_total", "Batches created, by kind (batch, playlist, channel).", ["kind"]);
        foreach ((string kind, long count) in totals.BatchesCreated)
        {
            batchesCreated.WithLabels(kind).IncTo(count);
        }

        WriteDurations(metrics, totals.Durations);

        using var output = new MemoryStream();
        ExpositionFormat format = openMetrics ? ExpositionFormat.OpenMetricsText : ExpositionFormat.PrometheusText;
        await registry.CollectAndExportAsTextAsync(output, format, cancellationToken);
        return output.ToArray();
    }

    private static void WriteDurations(MetricFactory metrics, IReadOnlyList<DurationBucket> buckets)
    {
        Histogram durations = metrics.CreateHistogram(
            "downloader_job_duration_seconds",
            "Time from a job's creation to its end, by the status it ended in.",
            new HistogramConfiguration { LabelNames = ["status"], Buckets = [.. CounterNames.DurationBuckets] });

        foreach (IGrouping<string, DurationBucket> status in buckets.GroupBy(b => b.Status))
        {
            Histogram.Child child = durations.WithLabels(status.Key);
            double lower = 0;
            foreach (DurationBucket bucket in status)
            {
                // The stored histogram keeps each bucket's count and sum; replaying the bucket's mean
                // that many times gives the same buckets, count and sum. The mean lies within the
                // bucket; the clamp only guards against rounding at its edges.
                if (bucket.Count > 0)
                {
                    double mean = Math.Clamp(bucket.SumSeconds / bucket.Count, lower, bucket.UpperBound);
                    child.Observe(mean, bucket.Count);
                }

                lower = bucket.UpperBound;
            }
        }
    }
}
