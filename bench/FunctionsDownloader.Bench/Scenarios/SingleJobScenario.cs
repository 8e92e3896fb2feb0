using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using FunctionsDownloader.Bench.Hosting;
using FunctionsDownloader.Bench.Inputs;
using FunctionsDownloader.Bench.Reporting;

namespace FunctionsDownloader.Bench.Scenarios;

/// <summary>
/// (a) One job through the API, from the POST to the first poll that sees it completed, against the
/// bare tools on the same input; (d) the host's peak resident memory during the direct-file jobs.
/// Service and baseline runs alternate, so a slow spell of the machine hits both.
/// </summary>
public static class SingleJobScenario
{
    private const double BytesPerMegabyte = 1_000_000;

    // The service fetches HLS and DASH fragments four at a time; the bare baseline runs yt-dlp as it
    // comes (one at a time), and for HLS it also runs with the same four, shown beside it.
    private const int ServiceFragments = 4;

    private sealed record Case(string Id, string What, string Input, int Runs, double Target, bool WatchMemory);

    /// <summary>Runs every case and adds its figures; returns a completed job's id, for the polling scenario.</summary>
    public static async Task<string> RunAsync(BenchContext context, bool quick, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);

        Case[] cases =
        [
            new("a-direct-50", "one 50 MB direct mp4, submit to completed", InputSet.Direct50, Runs(5), 1.00, true),
            new("a-direct-500", "one 500 MB direct mp4, submit to completed", InputSet.Direct500, Runs(2), 1.00, true),
            new("a-hls-200", "one 200 MB HLS stream, separate audio, merged", InputSet.HlsMaster, Runs(5), 1.10, false),
        ];

        double resting = MemoryWatch.CurrentMiB(context.Host.ProcessId) * 1024 * 1024 / BytesPerMegabyte;
        int Runs(int full) => quick ? 1 : full;
        string completedJob = "";
        var peaks = new Dictionary<string, List<double>>(StringComparer.Ordinal);
        foreach (Case item in cases)
        {
            var service = new List<double>();
            var bare = new List<double>();
            var memory = new List<double>();
            var bareFragments = new List<double>();
            for (int run = 0; run < item.Runs; run++)
            {
                Uri url = context.FreshUrl(item.Input);
                (double seconds, double? peak, string requestId) =
                    await ServiceRunAsync(context, url, item.WatchMemory, cancellationToken);
                service.Add(seconds);
                completedJob = requestId;
                if (peak is double megabytes)
                {
                    memory.Add(megabytes);
                }

                bare.Add((await context.Bare.DownloadAndUploadAsync(url, cancellationToken)).TotalSeconds);
                if (item.Input == InputSet.HlsMaster)
                {
                    TimeSpan fragments =
                        await context.Bare.DownloadAndUploadAsync(url, cancellationToken, ServiceFragments);
                    bareFragments.Add(fragments.TotalSeconds);
                }
            }

            double serviceMedian = Statistics.Median(service);
            double bareMedian = Statistics.Median(bare);
            context.Report.Add(new Figure(
                item.Id,
                item.What,
                "s",
                serviceMedian,
                bareMedian,
                string.Create(CultureInfo.InvariantCulture, $"≤ {item.Target:0.00}× bare"),
                serviceMedian <= bareMedian * item.Target)
            {
                ServiceRuns = service,
                ReferenceRuns = bare,
                Note = string.Create(
                    CultureInfo.InvariantCulture,
                    $"median of {item.Runs}; input {context.Inputs.SizeOf(item.Input) / BytesPerMegabyte:0} MB"),
            });
            peaks[item.Input] = memory;
            if (bareFragments.Count > 0)
            {
                context.Report.Add(new Figure(
                    item.Id + "-n4",
                    item.What + "; bare yt-dlp also fetching 4 fragments at once",
                    "s",
                    serviceMedian,
                    Statistics.Median(bareFragments),
                    "reported",
                    null)
                {
                    ServiceRuns = service,
                    ReferenceRuns = bareFragments,
                    Note = "no target: shows how much of the HLS figure is the service's concurrent fragments",
                });
            }
        }

        AddMemoryFigure(context, peaks[InputSet.Direct50], peaks[InputSet.Direct500], resting);
        return completedJob;
    }

    private static async Task<(double Seconds, double? PeakMegabytes, string RequestId)> ServiceRunAsync(
        BenchContext context, Uri url, bool watchMemory, CancellationToken cancellationToken)
    {
        await using MemoryWatch? memory = watchMemory ? MemoryWatch.Start(context.Host.ProcessId) : null;
        var clock = Stopwatch.StartNew();
        DateTimeOffset submitted = DateTimeOffset.UtcNow;
        string requestId = await context.Api.CreateDownloadAsync(url, cancellationToken);
        JsonElement job = await context.Api.WaitForJobAsync(requestId, TimeSpan.FromMinutes(10), cancellationToken);
        double seconds = clock.Elapsed.TotalSeconds;
        double? peak = memory?.PeakMiB * 1024 * 1024 / BytesPerMegabyte;
        await PrintTimelineAsync(context, requestId, submitted, cancellationToken);

        if (job.GetProperty("status").GetString() != "completed")
        {
            throw new InvalidOperationException($"Job {requestId} for {url} did not complete: {job}");
        }

        await context.DeleteStoredAsync(requestId, cancellationToken);
        return (seconds, peak, requestId);
    }

    // Where the time went, from the job's own log: what bounds the figure.
    private static async Task PrintTimelineAsync(
        BenchContext context, string requestId, DateTimeOffset submitted, CancellationToken cancellationToken)
    {
        foreach ((DateTimeOffset at, string message) in await context.Api.GetLogsAsync(requestId, cancellationToken))
        {
            string text = message.Length > 100 ? message[..100] + "…" : message;
            double seconds = (at - submitted).TotalSeconds;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"bench:   +{seconds,6:0.00} s  {text}"));
        }
    }

    private static void AddMemoryFigure(BenchContext context, List<double> small, List<double> large, double resting)
    {
        double smallPeak = small.Max();
        double largePeak = large.Max();
        const double Limit = 300;
        const double Growth = 1.15;
        context.Report.Add(new Figure(
            "d-memory",
            "host peak RSS during the 500 MB job (reference: the 50 MB job)",
            "MB",
            largePeak,
            smallPeak,
            string.Create(CultureInfo.InvariantCulture, $"< {Limit:0} MB and ≤ {Growth:0.00}× the 50 MB run"),
            largePeak < Limit && largePeak <= smallPeak * Growth)
        {
            ServiceRuns = large,
            ReferenceRuns = small,
            Note = string.Create(
                CultureInfo.InvariantCulture,
                $"highest of each size's runs (VmHWM reset before each job, VmRSS sampled every 50 ms); " +
                $"the host held {resting:0} MB before the first measured job"),
        });
    }
}
