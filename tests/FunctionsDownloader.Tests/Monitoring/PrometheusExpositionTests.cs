using System.Text;
using FunctionsDownloader.Monitoring;
using FunctionsDownloader.Tests.Infrastructure;

namespace FunctionsDownloader.Tests.Monitoring;

/// <summary>The metrics text prometheus-net writes from stored totals, read back by Prometheus' own parsers.</summary>
public sealed class PrometheusExpositionTests
{
    [Fact(Timeout = 30_000)]
    public async Task Stored_totals_come_out_as_text_and_OpenMetrics_with_the_same_samples()
    {
        // Arrange: two completed jobs of 3 s and 40 s, one failed after 0.5 s, 7 refused batch requests,
        // a playlist download that completed and a batch of URLs still running.
        var counters = new Dictionary<string, long>(StringComparer.Ordinal)
        {
            [CounterNames.JobsCreated] = 4,
            [CounterNames.JobsIn("completed")] = 2,
            [CounterNames.JobsIn("failed")] = 1,
            [CounterNames.JobsIn("running")] = 1,
            [CounterNames.DurationCount("completed", CounterNames.BucketOf(3))] = 1,
            [CounterNames.DurationMilliseconds("completed", CounterNames.BucketOf(3))] = 3_000,
            [CounterNames.DurationCount("completed", CounterNames.BucketOf(40))] = 1,
            [CounterNames.DurationMilliseconds("completed", CounterNames.BucketOf(40))] = 40_000,
            [CounterNames.DurationCount("failed", CounterNames.BucketOf(0.5))] = 1,
            [CounterNames.DurationMilliseconds("failed", CounterNames.BucketOf(0.5))] = 500,
            [CounterNames.StoredBytes] = 1_234_567,
            [CounterNames.DownloadedBytes] = 2_345_678,
            [CounterNames.RateLimited("batch")] = 7,
            [CounterNames.BatchesCreated("playlist")] = 1,
            [CounterNames.BatchesCreated("batch")] = 1,
            [CounterNames.BatchesIn("completed")] = 1,
            [CounterNames.BatchesIn("running")] = 1,
        };
        ServiceTotals totals = ServiceTotals.From(counters);

        // Act
        string text = Encoding.UTF8.GetString(await PrometheusExposition.RenderAsync(totals, false, default));
        string open = Encoding.UTF8.GetString(await PrometheusExposition.RenderAsync(totals, true, default));
        PrometheusParser.Exposition parsed = await PrometheusParser.ParseTextAsync(text);
        PrometheusParser.Exposition strict = await PrometheusParser.ParseOpenMetricsAsync(open);

        // Assert
        Assert.Equal(Lines(parsed), Lines(strict));
        Assert.Equal("histogram", parsed.Types["downloader_job_duration_seconds"]);
        Assert.Equal("counter", parsed.Types["downloader_jobs_created"]);
        Assert.Equal("gauge", parsed.Types["downloader_jobs"]);
        Assert.Equal(4, parsed["downloader_jobs_created_total"]);
        Assert.Equal(2, parsed["downloader_jobs{status=\"completed\"}"]);
        Assert.Equal(1, parsed["downloader_active_downloads"]);
        Assert.Equal(2, parsed["downloader_stored_files"]);
        Assert.Equal(1_234_567, parsed["downloader_stored_bytes"]);
        Assert.Equal(2_345_678, parsed["downloader_downloaded_bytes_total"]);
        Assert.Equal(7, parsed["downloader_rate_limit_rejections_total{category=\"batch\"}"]);
        Assert.Equal(0, parsed["downloader_rate_limit_rejections_total{category=\"download\"}"]);
        Assert.Equal(1, parsed["downloader_batches{status=\"completed\"}"]);
        Assert.Equal(1, parsed["downloader_batches{status=\"running\"}"]);
        Assert.Equal(0, parsed["downloader_batches{status=\"failed\"}"]);
        Assert.Equal(1, parsed["downloader_batches_created_total{kind=\"playlist\"}"]);
        Assert.Equal(0, parsed["downloader_batches_created_total{kind=\"channel\"}"]);

        const string completed = "downloader_job_duration_seconds";
        Assert.Equal(0, parsed[$"{completed}_bucket{{le=\"1\",status=\"completed\"}}"]);
        Assert.Equal(1, parsed[$"{completed}_bucket{{le=\"5\",status=\"completed\"}}"]);
        Assert.Equal(1, parsed[$"{completed}_bucket{{le=\"30\",status=\"completed\"}}"]);
        Assert.Equal(2, parsed[$"{completed}_bucket{{le=\"60\",status=\"completed\"}}"]);
        Assert.Equal(2, parsed[$"{completed}_bucket{{le=\"+Inf\",status=\"completed\"}}"]);
        Assert.Equal(2, parsed[$"{completed}_count{{status=\"completed\"}}"]);
        Assert.Equal(43, parsed[$"{completed}_sum{{status=\"completed\"}}"], 6);
        Assert.Equal(1, parsed[$"{completed}_bucket{{le=\"1\",status=\"failed\"}}"]);
        Assert.Equal(0.5, parsed[$"{completed}_sum{{status=\"failed\"}}"], 6);
        Assert.Equal(0, parsed[$"{completed}_count{{status=\"cancelled\"}}"]);
    }

    /// <summary>The samples as sorted <c>series=value</c> lines, so that a difference shows which series.</summary>
    internal static string[] Lines(PrometheusParser.Exposition exposition) =>
    [
        .. exposition.Samples
            .Select(s => s.Key + "=" + s.Value.ToString("R", System.Globalization.CultureInfo.InvariantCulture))
            .Order(StringComparer.Ordinal),
    ];

    [Fact(Timeout = 30_000)]
    public async Task The_parsers_refuse_a_malformed_exposition()
    {
        // Arrange: a value that is not a number; OpenMetrics without its closing # EOF.
        const string badValue = "# TYPE downloader_jobs gauge\ndownloader_jobs{status=\"queued\"} many\n";
        const string noEof = "# TYPE downloader_jobs gauge\ndownloader_jobs{status=\"queued\"} 1\n";
        const string split = "# TYPE a gauge\na{x=\"1\"} 1\n# TYPE b gauge\nb 1\na{x=\"2\"} 2\n";

        // Act and assert
        await Assert.ThrowsAsync<FormatException>(() => PrometheusParser.ParseTextAsync(badValue));
        await Assert.ThrowsAsync<FormatException>(() => PrometheusParser.ParseOpenMetricsAsync(noEof));
        await Assert.ThrowsAsync<FormatException>(() => PrometheusParser.ParseTextAsync(split));
    }
}
