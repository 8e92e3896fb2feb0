using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using FunctionsDownloader.Bench.Hosting;
using FunctionsDownloader.Bench.Reporting;

namespace FunctionsDownloader.Bench.Scenarios;

/// <summary>
/// (b) A batch of 20 files of 20 MB with <c>concurrent_limit</c> 4, from the POST to the first poll
/// that sees it finished, against four bare workers that each take the next URL, run yt-dlp to disk
/// and upload the file.
/// </summary>
public static class BatchScenario
{
    private const int ConcurrentLimit = 4;
    private const string Id = "b-batch-20";
    private const string What = "batch of 20 × 20 MB, concurrent_limit 4";
    private const double Target = 1.20;

    /// <summary>Runs the batch and its baseline, and adds the figure (a skip when there is no batch route).</summary>
    public static async Task RunAsync(BenchContext context, bool quick, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);

        string target = string.Create(CultureInfo.InvariantCulture, $"≤ {Target:0.00}× bare");
        var service = new List<double>();
        var bare = new List<double>();
        int runs = quick ? 1 : 3;
        for (int run = 0; run < runs; run++)
        {
            Uri[] urls = [.. context.Inputs.BatchFiles.Select(context.FreshUrl)];
            double? seconds = await ServiceRunAsync(context, urls, cancellationToken);
            if (seconds is null)
            {
                context.Report.Add(Figure.Skipped(
                    Id, What, target, "POST /api/v1/batch/download answered 404: this build has no batch route"));
                return;
            }

            service.Add(seconds.Value);
            bare.Add(await BareRunAsync(context, urls, cancellationToken));
        }

        double serviceMedian = Statistics.Median(service);
        double bareMedian = Statistics.Median(bare);
        bool met = serviceMedian <= bareMedian * Target;
        context.Report.Add(new Figure(Id, What, "s", serviceMedian, bareMedian, target, met)
        {
            ServiceRuns = service,
            ReferenceRuns = bare,
            Note = $"median of {runs}; the bare side is 4 parallel workers (yt-dlp to disk, then one SDK upload each)",
        });
    }

    private static async Task<double?> ServiceRunAsync(
        BenchContext context, Uri[] urls, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        CpuTime cpu = CpuTime.Of(context.Host.ProcessId);
        DateTimeOffset submitted = DateTimeOffset.UtcNow;
        string? batchId = await context.Api.CreateBatchAsync(urls, ConcurrentLimit, cancellationToken);
        if (batchId is null)
        {
            return null;
        }

        JsonElement batch = await context.Api.WaitForBatchAsync(batchId, TimeSpan.FromMinutes(10), cancellationToken);
        double seconds = clock.Elapsed.TotalSeconds;
        Console.WriteLine($"bench:   host CPU {CpuTime.Of(context.Host.ProcessId) - cpu}");
        if (batch.GetProperty("status").GetString() != "completed")
        {
            throw new InvalidOperationException($"Batch {batchId} did not complete: {batch}");
        }

        var spans = new List<string>();
        foreach (JsonElement job in batch.GetProperty("jobs").EnumerateArray())
        {
            string requestId = job.GetProperty("request_id").GetString()!;
            IReadOnlyList<(DateTimeOffset At, string Message)> logs =
                await context.Api.GetLogsAsync(requestId, cancellationToken);
            if (logs.Count > 0)
            {
                spans.Add(string.Create(
                    CultureInfo.InvariantCulture,
                    $"{(logs[0].At - submitted).TotalSeconds:0.0}-{(logs[^1].At - submitted).TotalSeconds:0.0}"));
            }

            await context.DeleteStoredAsync(requestId, cancellationToken);
        }

        // When each job ran (first to last log line, seconds after the POST): how full the four slots were.
        Console.WriteLine("bench:   jobs ran " + string.Join(" ", spans));

        return seconds;
    }

    private static async Task<double> BareRunAsync(
        BenchContext context, Uri[] urls, CancellationToken cancellationToken)
    {
        var queue = new ConcurrentQueue<Uri>(urls);
        CpuTime cpu = CpuTime.Of(Environment.ProcessId);
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, ConcurrentLimit).Select(async _ =>
        {
            while (queue.TryDequeue(out Uri? url))
            {
                await context.Bare.DownloadAndUploadAsync(url, cancellationToken);
            }
        }));
        double seconds = clock.Elapsed.TotalSeconds;
        CpuTime used = CpuTime.Of(Environment.ProcessId) - cpu;
        Console.WriteLine($"bench:   bare CPU (this process, which also serves the media site) {used}");
        return seconds;
    }
}
