using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using FunctionsDownloader.Standalone;
using FunctionsDownloader.Tests.Infrastructure;

namespace FunctionsDownloader.Tests.Monitoring;

/// <summary>
/// <c>/api/v1/metrics</c> and <c>/api/v1/stats</c>: counted in storage, the same on every instance and
/// after a restart.
/// </summary>
[Collection(ServiceGroup.Name)]
public sealed class MonitoringTests(ServiceFixture service)
{
    /// <summary>What Prometheus 2 sends when it scrapes.</summary>
    private const string OpenMetricsAccept =
        "application/openmetrics-text;version=1.0.0,application/openmetrics-text;version=0.0.1;q=0.75," +
        "text/plain;version=0.0.4;q=0.5,*/*;q=0.1";

    [Fact(Timeout = 240_000)]
    public async Task Two_instances_on_one_storage_report_the_same_totals_before_and_after_a_restart()
    {
        // Arrange: two instances sharing tables and a task hub of their own; batches limited to one a minute.
        Dictionary<string, string?> settings = SeparateHosts.Settings(service, "metrics");
        settings["RateLimits:Batch:PerSecond"] = "1";
        settings["RateLimits:Batch:PerMinute"] = "1";
        StandaloneApp first = await SeparateHosts.StartAsync(settings);
        await using StandaloneApp second = await SeparateHosts.StartAsync(settings);
        using HttpClient admin = SeparateHosts.Client(first, service.AdminKey);
        string key = await SeparateHosts.CreateKeyAsync(admin);
        using HttpClient onFirst = SeparateHosts.Client(first, key);
        using HttpClient onSecond = SeparateHosts.Client(second, key);

        // Act: a download through each instance, a cancelled one, a batch of one URL, and a batch over the
        // rate limit.
        var jobsOnFirst = new JobApi(onFirst);
        var jobsOnSecond = new JobApi(onSecond);
        string one = await jobsOnFirst.CreateDownloadAsync(service.Site.DirectMp4);
        string two = await jobsOnSecond.CreateDownloadAsync(service.Site.DirectMp4);
        string three = await jobsOnFirst.CreateDownloadAsync(service.Site.SlowMp4);
        using (HttpResponseMessage cancel = await onSecond.DeleteAsync($"/api/v1/download/{three}"))
        {
            Assert.Equal(HttpStatusCode.OK, cancel.StatusCode);
        }

        JsonElement doneOne = await jobsOnSecond.WaitForFinishAsync(one);
        JsonElement doneTwo = await jobsOnFirst.WaitForFinishAsync(two);
        var batchBody = new { urls = new[] { service.Site.HtmlPageVideo.AbsoluteUri } };
        JsonElement created = await service.CreateAsync("/api/v1/batch/download", batchBody, onFirst);
        HttpStatusCode refused;
        using (HttpResponseMessage again = await onSecond.PostAsJsonAsync("/api/v1/batch/download", batchBody))
        {
            refused = again.StatusCode;
        }

        JsonElement batch = await service.WaitForBatchFinishAsync(
            created.GetProperty("batch_id").GetString()!, client: onSecond);
        JsonElement batchJob = await jobsOnFirst.GetJobAsync(
            batch.GetProperty("jobs")[0].GetProperty("request_id").GetString()!);
        long stored = doneOne.GetProperty("file_size").GetInt64() + doneTwo.GetProperty("file_size").GetInt64() +
            batchJob.GetProperty("file_size").GetInt64();

        string metricsFirst = await GetTextAsync(onFirst, "/api/v1/metrics");
        string metricsSecond = await GetTextAsync(onSecond, "/api/v1/metrics");
        string openMetricsSecond = await GetTextAsync(onSecond, "/api/v1/metrics", OpenMetricsAccept);
        JsonElement statsFirst = JsonDocument.Parse(await GetTextAsync(onFirst, "/api/v1/stats")).RootElement;
        JsonElement statsSecond = JsonDocument.Parse(await GetTextAsync(onSecond, "/api/v1/stats")).RootElement;

        await first.DisposeAsync();
        await using StandaloneApp restarted = await SeparateHosts.StartAsync(settings);
        using HttpClient onRestarted = SeparateHosts.Client(restarted, key);
        string metricsRestarted = await GetTextAsync(onRestarted, "/api/v1/metrics");

        // Assert: the same text everywhere, in the exposition format, with the right totals.
        Assert.Equal("completed", doneOne.GetProperty("status").GetString());
        Assert.Equal("completed", doneTwo.GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.TooManyRequests, refused);
        Assert.Equal("completed", batch.GetProperty("status").GetString());
        Assert.Equal(metricsFirst, metricsSecond);
        Assert.Equal(metricsFirst, metricsRestarted);

        PrometheusParser.Exposition metrics = await PrometheusParser.ParseTextAsync(metricsFirst);
        PrometheusParser.Exposition openMetrics = await PrometheusParser.ParseOpenMetricsAsync(openMetricsSecond);
        Assert.Equal(metrics.Samples, openMetrics.Samples);
        Assert.Equal("histogram", metrics.Types["downloader_job_duration_seconds"]);
        Assert.Equal(3, metrics["downloader_jobs{status=\"completed\"}"]);
        Assert.Equal(1, metrics["downloader_jobs{status=\"cancelled\"}"]);
        Assert.Equal(0, metrics["downloader_jobs{status=\"queued\"}"] + metrics["downloader_jobs{status=\"running\"}"]);
        Assert.Equal(4, metrics["downloader_jobs_created_total"]);
        Assert.Equal(0, metrics["downloader_active_downloads"]);
        Assert.Equal(3, metrics["downloader_job_duration_seconds_count{status=\"completed\"}"]);
        Assert.Equal(1, metrics["downloader_job_duration_seconds_count{status=\"cancelled\"}"]);
        Assert.InRange(metrics["downloader_job_duration_seconds_sum{status=\"completed\"}"], 0.1, 180);
        Assert.Equal(stored, metrics["downloader_stored_bytes"]);
        Assert.Equal(stored, metrics["downloader_downloaded_bytes_total"]);
        Assert.Equal(1, metrics["downloader_rate_limit_rejections_total{category=\"batch\"}"]);
        Assert.Equal(1, metrics["downloader_batches{status=\"completed\"}"]);
        Assert.Equal(0, metrics["downloader_batches{status=\"running\"}"]);
        Assert.Equal(1, metrics["downloader_batches_created_total{kind=\"batch\"}"]);

        foreach (JsonElement stats in new[] { statsFirst, statsSecond })
        {
            Assert.Equal(4, stats.GetProperty("total_jobs").GetInt64());
            Assert.Equal(3, stats.GetProperty("jobs_by_status").GetProperty("completed").GetInt64());
            Assert.Equal(1, stats.GetProperty("jobs_by_status").GetProperty("cancelled").GetInt64());
            Assert.Equal(1.0, stats.GetProperty("success_rate").GetDouble());
            Assert.Equal(stored, stats.GetProperty("storage_used_bytes").GetInt64());
            Assert.Equal(JsonValueKind.Null, stats.GetProperty("storage_available_bytes").ValueKind);
            Assert.Equal(3, stats.GetProperty("active_files").GetInt64());
            Assert.Equal(0, stats.GetProperty("queue_size").GetInt64());
            Assert.Equal(0, stats.GetProperty("active_downloads").GetInt64());
            Assert.True(stats.GetProperty("uptime_seconds").GetDouble() > 0);
            Assert.Equal(1, stats.GetProperty("total_batches").GetInt64());
            Assert.Equal(1, stats.GetProperty("batches_by_status").GetProperty("completed").GetInt64());
        }

        Assert.Equal(
            statsFirst.GetProperty("jobs_by_status").ToString(), statsSecond.GetProperty("jobs_by_status").ToString());
    }

    [Fact(Timeout = 60_000)]
    public async Task Metrics_and_stats_need_an_api_key()
    {
        // Arrange
        using HttpClient anonymous = service.NewClient(null);

        // Act
        using HttpResponseMessage metrics = await anonymous.GetAsync("/api/v1/metrics");
        using HttpResponseMessage stats = await anonymous.GetAsync("/api/v1/stats");
        using HttpResponseMessage keyed = await service.Http.GetAsync("/api/v1/metrics");

        // Assert
        Assert.Equal(HttpStatusCode.Unauthorized, metrics.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, stats.StatusCode);
        Assert.Equal(HttpStatusCode.OK, keyed.StatusCode);
        Assert.Equal("text/plain; version=0.0.4; charset=utf-8", keyed.Content.Headers.ContentType?.ToString());
        PrometheusParser.Exposition parsed =
            await PrometheusParser.ParseTextAsync(await keyed.Content.ReadAsStringAsync());
        Assert.Equal("histogram", parsed.Types["downloader_job_duration_seconds"]);
    }

    private static async Task<string> GetTextAsync(HttpClient client, string path, string? accept = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (accept is not null)
        {
            request.Headers.TryAddWithoutValidation("Accept", accept);
        }

        using HttpResponseMessage response = await client.SendAsync(request);
        string text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path} answered {(int)response.StatusCode}: {text}");
        return text;
    }
}
